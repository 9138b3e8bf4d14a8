import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AgentTokens } from '../../auth/agent-token.js';
import { AppError } from '../../errors/app-error.js';
import { inboxSecurityHeaders } from './inbox-csp.js';

export interface InboxRouteDeps {
  /** The built inbox (`apps/inbox/dist/app`); null or missing: `/` explains how to build it. */
  dir: string | null;
  demo: boolean;
  apiKey: string;
  tokens: AgentTokens;
}

/** The demo agent sees everything, as product.md §5 says; its token lives an hour and is renewed. */
export const demoAgent = { sub: 'demo-agent', all: true, ttlSeconds: 3600 } as const;

const notBuilt = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Switchboard</title></head>
<body><h1>The inbox is not built</h1><p>Run <code>npm run build -w @switchboard/inbox</code>
(or <code>npm install</code>, which builds it) and reload this page. The API is available under <a href="/docs">/docs</a>.</p></body></html>`;

/**
 * The agent inbox at `/` and `/conversations/:id` (the same page; the app routes itself), its
 * files under `/assets/`, and the two small endpoints it signs in with: `GET /inbox/config` (is
 * this demo mode?) and, in demo mode only, `POST /inbox/demo-token` (a token for the demo agent).
 * Outside demo mode the inbox asks for a token and these endpoints give nothing away.
 */
export async function inboxRoutes(app: FastifyInstance, deps: InboxRouteDeps): Promise<void> {
  const dir = deps.dir && existsSync(join(deps.dir, 'index.html')) ? deps.dir : null;
  const page = dir ? readFileSync(join(dir, 'index.html')) : null;

  const sendPage = async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.headers(inboxSecurityHeaders).header('cache-control', 'no-cache');
    if (!page) return reply.code(503).type('text/html; charset=utf-8').send(notBuilt);
    return reply.type('text/html; charset=utf-8').send(page);
  };
  app.get('/', { schema: { hide: true } }, sendPage);
  app.get('/conversations/:id', { schema: { hide: true } }, sendPage);

  if (dir) {
    await app.register(fastifyStatic, {
      root: join(dir, 'assets'),
      prefix: '/assets/',
      // File names carry a content hash: a changed file is a new URL.
      immutable: true,
      maxAge: '365d',
      index: false,
      setHeaders: (res) => {
        res.headers(inboxSecurityHeaders);
      },
    });
  }

  app.get('/inbox/config', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { demo: deps.demo, demoApiKey: deps.demo ? deps.apiKey : null };
  });

  app.post('/inbox/demo-token', { schema: { hide: true } }, async (request, reply) => {
    if (!deps.demo) throw new AppError('not_found', 'There is no demo agent: sign in with an agent token.');
    // Only the inbox page itself may ask: another page (even on localhost) gets nothing.
    const site = request.headers['sec-fetch-site'];
    const origin = request.headers.origin;
    if (
      (site !== undefined && site !== 'same-origin') ||
      (origin !== undefined && !sameOrigin(request, origin))
    ) {
      throw new AppError('forbidden', 'The demo sign-in is only for the inbox page of this server.');
    }
    reply.header('cache-control', 'no-store');
    const { token, expiresAt } = await deps.tokens.mint(demoAgent);
    return { token, expiresAt: new Date(expiresAt).toISOString(), agent: demoAgent.sub };
  });
}

function sameOrigin(request: FastifyRequest, origin: string): boolean {
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
