import { metaErrorInfo, type WebhookError } from '@switchboard/whatsapp';

/** Where Meta's error objects inside webhooks point (`href` of the official failed-status example). */
export const ERROR_CODES_HREF = '/documentation/business-messaging/whatsapp/support/error-codes';

/**
 * An error object as it appears inside webhooks (`statuses[].errors[]`, `messages[].errors[]`):
 * `{code, title, message, error_data:{details}, href}`, without the Graph error's `type` and
 * `fbtrace_id` (docs/whatsapp-cloud-api.md §7.1).
 */
export function webhookError(code: number, details: string, title?: string): WebhookError {
  const resolvedTitle = title ?? metaErrorInfo(code)?.title ?? 'Unknown error';
  return {
    code,
    title: resolvedTitle,
    message: resolvedTitle,
    error_data: { details },
    href: ERROR_CODES_HREF,
  };
}
