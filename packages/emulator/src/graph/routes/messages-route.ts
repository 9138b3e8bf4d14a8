import type { GraphCall } from '../graph-call.js';
import type { ResolvedBusinessNumber } from '../graph-deps.js';
import { isMarkReadBody, validateMarkRead } from '../send/mark-read.js';
import { validateSend } from '../send/validate-send.js';

/** The send response (docs/whatsapp-cloud-api.md §5.3); `message_status` only for templates. */
export interface SendResponse {
  readonly messaging_product: 'whatsapp';
  readonly contacts: readonly { readonly input: string; readonly wa_id: string }[];
  readonly messages: readonly { readonly id: string; readonly message_status?: string }[];
}

/**
 * `POST /{phone-number-id}/messages`: a send, or a read receipt (a body with `status`). A valid
 * send goes to the outbound gate, whose answer (accepted with a wamid, or a platform error such as
 * 130429) is relayed as is.
 */
export async function postMessages(
  call: GraphCall,
  resolved: ResolvedBusinessNumber,
): Promise<SendResponse | { success: true }> {
  const { deps, request } = call;
  const { phoneNumberId, displayPhoneNumber } = resolved.number;
  if (isMarkReadBody(request.body)) {
    const read = validateMarkRead(request.body);
    const error = deps.gate.markRead({ phoneNumberId, messageId: read.messageId, typing: read.typing });
    if (error) throw error;
    return { success: true };
  }
  const send = validateSend(request.body, {
    phoneNumberId,
    displayPhoneNumber,
    wabaId: resolved.wabaId,
    media: deps.media,
    templates: deps.templates,
  });
  const result = await deps.gate.accept(send);
  if (!result.ok) throw result.error;
  const status = send.type === 'template' ? { message_status: result.messageStatus ?? 'accepted' } : {};
  return {
    messaging_product: 'whatsapp',
    contacts: [{ input: send.to, wa_id: send.waId }],
    messages: [{ id: result.wamid, ...status }],
  };
}
