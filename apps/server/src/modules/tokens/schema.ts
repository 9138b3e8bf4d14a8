export { tokenRequestSchema, tokenResponseSchema } from '@switchboard/protocol';
