import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Provider } from '../provider.js';

/**
 * Switchboard's signed media links as a provider that fetches media (Twilio, a custom provider)
 * sees them in the contract tests: each uploaded file served by its media id on loopback.
 */
export interface MediaLinkServer {
  /** The link `uploadMedia` hands the provider for one of our files. */
  link(mediaId: string): string;
  /** The adapter, with every upload also served at its link. */
  serving(adapter: Provider): Provider;
  close(): Promise<void>;
}

export async function startMediaLinkServer(): Promise<MediaLinkServer> {
  const files = new Map<string, { bytes: Uint8Array; mimeType: string }>();
  const server = createServer((req, res) => {
    const file = files.get(decodeURIComponent((req.url ?? '').replace(/^\/media\//, '')));
    if (!file) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': file.mimeType }).end(file.bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    link: (mediaId) => `${base}/media/${encodeURIComponent(mediaId)}`,
    serving: (adapter) => ({
      mediaReuseMs: adapter.mediaReuseMs,
      send: (message) => adapter.send(message),
      uploadMedia: (file) => {
        files.set(file.mediaId, { bytes: file.bytes, mimeType: file.mimeType });
        return adapter.uploadMedia(file);
      },
      fetchMedia: (media, options) => adapter.fetchMedia(media, options),
      markRead: (id) => adapter.markRead(id),
      sendTyping: (id) => adapter.sendTyping(id),
      ...(adapter.listTemplates && { listTemplates: () => adapter.listTemplates!() }),
      close: () => adapter.close(),
    }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
