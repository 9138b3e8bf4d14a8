import { closeCodes, type ServerFrame } from '@switchboard/protocol';
import { parseJson, streamQuery, type OpenTransport, type TransportOutcome } from './transport.js';

/** What the SDK needs of a WebSocket: the browser's, or `ws` in Node. */
export type WebSocketLike = new (url: string) => {
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number): void;
};

/** The close codes the server ends a stream with; any other close is a network failure. */
const outcomes: Record<number, TransportOutcome> = {
  [closeCodes.unauthorized]: { kind: 'auth' },
  [closeCodes.forbidden]: { kind: 'denied', reason: 'forbidden' },
  [closeCodes.badRequest]: { kind: 'denied', reason: 'bad_request' },
  [closeCodes.slowConsumer]: { kind: 'ended', reason: 'slow_consumer' },
  [closeCodes.serviceRestart]: { kind: 'ended', reason: 'shutdown' },
  [closeCodes.internalError]: { kind: 'ended', reason: 'error' },
};

/** The stream over `GET /v1/realtime` (docs/realtime.md); the token rides in `?token=`. */
export const openWebSocket =
  (WebSocketImpl: WebSocketLike): OpenTransport =>
  (params, h) => {
    let readied = false;
    const socket = new WebSocketImpl(
      `${params.url.replace(/^http/, 'ws')}/v1/realtime?${streamQuery(params)}`,
    );
    socket.onmessage = (message) => {
      const frame = parseJson<ServerFrame>(String(message.data));
      if (!frame) return;
      h.alive();
      if (frame.type === 'ready') {
        readied = true;
        h.ready(frame);
      } else if (frame.type === 'event') h.event(frame.event);
      else if (frame.type === 'ping') socket.send('{"type":"pong"}');
    };
    socket.onerror = () => {};
    socket.onclose = (event) => h.closed(outcomes[event.code] ?? { kind: 'failed', opened: readied });
    return {
      close() {
        socket.onmessage = socket.onclose = null;
        socket.close(1000);
      },
    };
  };
