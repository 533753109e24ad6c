// @ts-check
// Removes dist/ before a build, so a file deleted from the sources cannot linger in the package.
const fs = require('fs');
fs.rmSync(require('path').resolve(__dirname, '..', 'dist'), { recursive: true, force: true });
