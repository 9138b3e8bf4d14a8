import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The app backend's one job for Switchboard: mint a short-lived agent token for the signed-in
 * salesperson, scoped to the cases they work. It holds the API key, which never reaches a
 * browser. (A real backend checks its own session first; it may also mint the JWT itself with
 * SWITCHBOARD_TOKEN_SECRET instead of calling `POST /v1/tokens`.)
 */
export function tokenBackend(options: {
  switchboardUrl: string;
  apiKey: string;
  agent: string;
  cases: string[];
}) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    if (request.method !== 'GET' || request.url !== '/api/switchboard-token') return false;
    const minted = await fetch(`${options.switchboardUrl}/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sub: options.agent, refs: options.cases, ttlSeconds: 900 }),
    });
    response.writeHead(minted.ok ? 200 : 502, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
    response.end(
      minted.ok ? await minted.text() : JSON.stringify({ error: `Switchboard answered ${minted.status}` }),
    );
    return true;
  };
}
