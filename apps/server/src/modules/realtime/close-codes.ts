import { closeCodes, type StreamEndReason } from '@switchboard/protocol';

// The codes themselves are the protocol's (packages/protocol/src/realtime.ts); this maps the
// server's reasons and statuses onto them.
export { closeCodes };

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
