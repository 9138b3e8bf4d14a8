export * from './characters.js';
export * from './error-codes.js';
export * from './limits.js';
export * from './media-types.js';
export * from './meta-json.js';
export * from './templates.js';
export type * from './webhook-types.js';
