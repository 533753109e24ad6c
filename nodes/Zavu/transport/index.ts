export * from './errors';
export * from './pagination';
export * from './rateLimit';
export * from './request';
