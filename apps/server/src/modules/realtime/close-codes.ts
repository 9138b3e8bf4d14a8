import type { StreamEndReason } from '../../realtime/stream-sink.js';

/**
 * WebSocket close codes (4000–4999 are the application's). The SDK decides from the code whether
 * to resume at once (1012, 4008, 1011), to fetch a new token first (4401), or to give up (4403, 4400).
 */
export const closeCodes = {
  badRequest: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  slowConsumer: 4008,
  serviceRestart: 1012,
  internalError: 1011,
} as const;

export function closeCodeFor(reason: StreamEndReason): { code: number; reason: string } {
  switch (reason) {
    case 'slow_consumer':
      return { code: closeCodes.slowConsumer, reason: 'slow consumer: resume from your last seq' };
    case 'token_expired':
      return { code: closeCodes.unauthorized, reason: 'token expired' };
    case 'shutdown':
      return { code: closeCodes.serviceRestart, reason: 'server restarting: resume from your last seq' };
    case 'error':
      return { code: closeCodes.internalError, reason: 'stream failed: resume from your last seq' };
  }
}

/** The close code for an HTTP error status raised before the socket was upgraded. */
export function closeCodeForStatus(status: number): number {
  if (status === 401) return closeCodes.unauthorized;
  if (status === 403) return closeCodes.forbidden;
  if (status >= 400 && status < 500) return closeCodes.badRequest;
  return closeCodes.internalError;
}
