import net from 'node:net';

/**
 * A TCP proxy on loopback between the SDK and the server, standing in for the network: it cuts
 * every connection on demand (sockets destroyed, as a dropped Wi-Fi does), refuses WebSocket
 * upgrades or event streams (as a proxy that cannot carry them does), and can swallow the answer
 * to a request (the request reached the server, its answer never reaches the client).
 */
export interface CuttingProxy {
  readonly url: string;
  /** Destroys every open connection, both ways. */
  cutAll(): void;
  refuse: { websocket: boolean; sse: boolean };
  /** The next request whose first line matches loses its answer (the connection is destroyed). */
  dropAnswerOf(requestLine: RegExp): void;
  /** Requests whose first line matched `dropAnswerOf` and lost their answer. */
  readonly dropped: number;
  close(): Promise<void>;
}

export async function startCuttingProxy(targetPort: () => number): Promise<CuttingProxy> {
  const sockets = new Set<net.Socket>();
  const refuse = { websocket: false, sse: false };
  let drop: RegExp | null = null;
  let dropped = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort(), '127.0.0.1');
    sockets.add(client).add(upstream);
    let swallow = false;
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.on('data', (chunk: Buffer) => {
      const head = chunk.toString('latin1', 0, Math.min(chunk.length, 2048));
      if (/^[A-Z]+ /.test(head)) {
        const line = head.slice(0, head.indexOf('\r\n'));
        if (refuse.websocket && /\r\nupgrade: *websocket/i.test(head)) return end();
        if (refuse.sse && / \/v1\/events\/stream/.test(line)) return end();
        if (drop?.test(line)) {
          drop = null;
          swallow = true;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (swallow) {
        dropped++;
        return end();
      }
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    cutAll() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    refuse,
    dropAnswerOf(requestLine) {
      drop = requestLine;
    },
    get dropped() {
      return dropped;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
