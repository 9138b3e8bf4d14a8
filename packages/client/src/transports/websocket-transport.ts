import { closeCodes, type ServerFrame } from '@switchboard/protocol';
import { once, streamQuery, type OpenTransport, type TransportOutcome } from './transport.js';

/** What the SDK needs of a WebSocket: the browser's, or `ws` in Node. */
export type WebSocketLike = new (url: string) => {
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number): void;
};

/** The stream over `GET /v1/realtime` (docs/realtime.md); the token rides in `?token=`. */
export const openWebSocket =
  (WebSocketImpl: WebSocketLike): OpenTransport =>
  (params, handlers) => {
    const h = once(handlers);
    let readied = false;
    const socket = new WebSocketImpl(
      `${params.url.replace(/^http/, 'ws')}/v1/realtime?${streamQuery(params)}`,
    );
    socket.onmessage = (message) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(message.data)) as ServerFrame;
      } catch {
        return;
      }
      h.alive();
      if (frame.type === 'ready') {
        readied = true;
        h.ready(frame);
      } else if (frame.type === 'event') h.event(frame.event);
      else if (frame.type === 'ping') socket.send('{"type":"pong"}');
    };
    socket.onerror = () => {};
    socket.onclose = (event) => h.closed(outcomeOfClose(event.code, readied));
    return {
      close() {
        h.stop();
        socket.onmessage = socket.onclose = null;
        socket.close(1000);
      },
    };
  };

function outcomeOfClose(code: number, opened: boolean): TransportOutcome {
  switch (code) {
    case closeCodes.unauthorized:
      return { kind: 'auth' };
    case closeCodes.forbidden:
      return { kind: 'denied', reason: 'forbidden' };
    case closeCodes.badRequest:
      return { kind: 'denied', reason: 'bad_request' };
    case closeCodes.slowConsumer:
      return { kind: 'ended', reason: 'slow_consumer' };
    case closeCodes.serviceRestart:
      return { kind: 'ended', reason: 'shutdown' };
    case closeCodes.internalError:
      return { kind: 'ended', reason: 'error' };
    default:
      return { kind: 'failed', opened };
  }
}
