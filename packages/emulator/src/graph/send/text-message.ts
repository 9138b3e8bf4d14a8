import { TEXT_BODY_MAX_LENGTH } from '@switchboard/whatsapp';
import type { Params } from './params.js';

/** `"text":{"body","preview_url"?}`; the body is at most 4096 characters. */
export function checkTextMessage(text: Params): void {
  text.allowOnly(['body', 'preview_url']);
  text.string('body', { max: TEXT_BODY_MAX_LENGTH, limitCode: 100 });
  text.optionalBoolean('preview_url');
}
