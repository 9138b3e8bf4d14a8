import Fastify, { type FastifyInstance } from 'fastify';
import { createEmulator, type CreateEmulatorOptions, type Emulator } from '../emulator.js';

export interface StartEmulatorServerOptions extends CreateEmulatorOptions {
  /** Default 4004 (0 picks a free port). */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Fastify's request logging; off by default. */
  readonly logger?: boolean;
}

export interface EmulatorServer {
  readonly emulator: Emulator;
  readonly app: FastifyInstance;
  /** `http://host:port`, the base of the Graph routes, `/_control` and `/phone/`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Runs the emulator as its own HTTP server: the plugin at the root (Graph routes under any
 * `/vNN.N/` prefix, `/_control`, `/phone/`), listening on `host:port`; then `emulator.start()`
 * performs the webhook verification handshake and starts delivery. If the handshake fails the
 * server is closed again and the promise rejects with a `WebhookVerificationError`, unless
 * `handshakeRetryMs` is set (the CLI sets it): then it keeps trying and holds webhooks until then.
 */
export async function startEmulatorServer(options: StartEmulatorServerOptions): Promise<EmulatorServer> {
  const host = options.host ?? '127.0.0.1';
  const emulator = createEmulator(options);
  const app = Fastify({ logger: options.logger ?? false });
  await app.register(emulator.plugin);
  if (options.phonePage ?? true) app.get('/', async (_request, reply) => reply.redirect('/phone/'));
  const close = async () => {
    await emulator.close();
    await app.close();
  };
  try {
    await app.listen({ port: options.port ?? 4004, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    if (options.publicUrl === undefined) emulator.setPublicUrl(url);
    await emulator.start();
    return { emulator, app, url, close };
  } catch (err) {
    await close();
    throw err;
  }
}
