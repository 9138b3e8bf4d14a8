import { INTERACTIVE_LIMITS, type MediaKind } from '@switchboard/whatsapp';
import {
  checkCtaUrlAction,
  checkFlowAction,
  checkLocationRequestAction,
} from './interactive-link-actions.js';
import { checkButtonAction, checkListAction } from './interactive-reply-actions.js';
import { checkMediaReference } from './media-reference.js';
import type { Params } from './params.js';
import type { SendContext } from './send-context.js';

type HeaderType = 'text' | Extract<MediaKind, 'image' | 'video' | 'document'>;

interface InteractiveKind {
  readonly check: (action: Params) => void;
  /** Header types the message allows; empty means no header at all. */
  readonly headers: readonly HeaderType[];
}

const ANY_HEADER: readonly HeaderType[] = ['text', 'image', 'video', 'document'];

/**
 * The interactive types the emulator models. Commerce (`product`, `product_list`,
 * `catalog_message`), payments (`order_details`, `order_status`), carousels and calling need a
 * catalog, a payment setup or a calling-enabled number, none of which the emulator has.
 */
const KINDS: Readonly<Record<string, InteractiveKind>> = {
  button: { check: checkButtonAction, headers: ANY_HEADER },
  list: { check: checkListAction, headers: ['text'] },
  cta_url: { check: checkCtaUrlAction, headers: ANY_HEADER },
  flow: { check: checkFlowAction, headers: ANY_HEADER },
  location_request_message: { check: checkLocationRequestAction, headers: [] },
};

/** `"interactive":{"type","header"?,"body","footer"?,"action"}` with every documented limit. */
export function checkInteractiveMessage(interactive: Params, ctx: SendContext): void {
  const type = interactive.enumValue('type', Object.keys(KINDS));
  const kind = KINDS[type];
  if (!kind) return;
  interactive.allowOnly(['type', 'body', 'footer', 'action', ...(kind.headers.length > 0 ? ['header'] : [])]);
  const header = interactive.optionalObject('header');
  if (header) checkHeader(header, kind.headers, ctx);
  interactive.object('body').allowOnly(['text']).string('text', { max: INTERACTIVE_LIMITS.bodyMaxLength });
  interactive
    .optionalObject('footer')
    ?.allowOnly(['text'])
    .string('text', { max: INTERACTIVE_LIMITS.footerMaxLength });
  kind.check(interactive.object('action'));
}

function checkHeader(header: Params, allowed: readonly HeaderType[], ctx: SendContext): void {
  const type = header.enumValue('type', allowed);
  header.allowOnly(['type', type]);
  if (type === 'text') header.string('text', { max: INTERACTIVE_LIMITS.headerTextMaxLength });
  else checkMediaReference(type, header.object(type).allowOnly(['id', 'link', 'filename']), ctx);
}
