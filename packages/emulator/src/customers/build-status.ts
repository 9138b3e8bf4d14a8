import type {
  WebhookConversation,
  WebhookError,
  WebhookPricing,
  WebhookStatus,
  WebhookStatusValue,
} from '@switchboard/whatsapp';

/**
 * One entry of `value.statuses[]` in the order of Meta's examples (docs/whatsapp-cloud-api.md §4):
 * id, status, timestamp, recipient, the echoed `biz_opaque_callback_data`, then `conversation`,
 * `pricing` or `errors` where they apply.
 */
export function buildStatus(input: {
  wamid: string;
  status: WebhookStatusValue;
  timestamp: string;
  recipientId: string;
  recipientUserId: string | undefined;
  bizOpaqueCallbackData: string | undefined;
  conversation?: WebhookConversation | undefined;
  pricing?: WebhookPricing | undefined;
  errors?: WebhookError[] | undefined;
}): WebhookStatus {
  return {
    id: input.wamid,
    status: input.status,
    timestamp: input.timestamp,
    recipient_id: input.recipientId,
    ...(input.recipientUserId !== undefined && { recipient_user_id: input.recipientUserId }),
    ...(input.bizOpaqueCallbackData !== undefined && {
      biz_opaque_callback_data: input.bizOpaqueCallbackData,
    }),
    ...(input.conversation && { conversation: input.conversation }),
    ...(input.pricing && { pricing: input.pricing }),
    ...(input.errors && { errors: input.errors }),
  };
}

/** Webhook timestamps are Unix seconds as strings. */
export function unixSeconds(ms: number): string {
  return String(Math.floor(ms / 1000));
}
