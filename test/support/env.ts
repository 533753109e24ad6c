import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Must run before n8n-core is first required: it reads these at import time.
if (!process.env.N8N_USER_FOLDER || !process.env.N8N_USER_FOLDER.includes('zavu-test-')) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'zavu-test-'));
}
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
process.env.N8N_ENCRYPTION_KEY = process.env.N8N_ENCRYPTION_KEY ?? 'zavu-test-encryption-key';
