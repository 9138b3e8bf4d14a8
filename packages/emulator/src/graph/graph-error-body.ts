import type { GraphError } from '../core/graph-error.js';
import { newFbtraceId } from './graph-ids.js';
import { PlatformGraphError } from './platform-errors.js';

/** Meta's error body: `{"error":{"message","type","code","error_data"?,"error_subcode"?,"fbtrace_id"}}`. */
export interface GraphErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: string;
    readonly code: number;
    readonly error_data?: { readonly messaging_product: 'whatsapp'; readonly details: string };
    readonly error_subcode?: number;
    readonly fbtrace_id: string;
  };
}

/** Serializes any GraphError (ours, or one the outbound gate returned) the way Graph answers it. */
export function graphErrorBody(error: GraphError): GraphErrorBody {
  const platform = error instanceof PlatformGraphError ? error : undefined;
  return {
    error: {
      message: error.message,
      type: platform?.errorType ?? 'OAuthException',
      code: error.code,
      ...(platform ? {} : { error_data: { messaging_product: 'whatsapp', details: error.details } }),
      ...(error.subcode === undefined ? {} : { error_subcode: error.subcode }),
      fbtrace_id: newFbtraceId(),
    },
  };
}
