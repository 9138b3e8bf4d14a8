export * from './error-codes.js';
export * from './limits.js';
export * from './meta-json.js';
export * from './signature.js';
export type * from './webhook-types.js';
