import { randomInt } from 'node:crypto';

export type HandshakeResult =
  | { readonly ok: true; readonly url: string; readonly challenge: string }
  | {
      readonly ok: false;
      readonly url: string;
      readonly challenge: string;
      readonly status?: number;
      readonly body?: string;
      readonly error: string;
    };

/**
 * Meta's verification handshake (docs/whatsapp-cloud-api.md §1.1): `GET <callback URL>
 * ?hub.mode=subscribe&hub.challenge=<int>&hub.verify_token=<token>`; the app proves it owns the URL
 * by answering 200 with the challenge as the raw body. Never throws.
 */
export async function verifyWebhookTarget(input: {
  url: string;
  verifyToken: string;
  timeoutMs?: number;
}): Promise<HandshakeResult> {
  const challenge = String(randomInt(100_000_000, 2_000_000_000));
  const target = new URL(input.url);
  target.searchParams.set('hub.mode', 'subscribe');
  target.searchParams.set('hub.challenge', challenge);
  target.searchParams.set('hub.verify_token', input.verifyToken);
  const base = { url: input.url, challenge };
  try {
    const response = await fetch(target, {
      headers: { 'User-Agent': 'facebookexternalua' },
      signal: AbortSignal.timeout(input.timeoutMs ?? 10_000),
    });
    const body = await response.text();
    if (response.status === 200 && body.trim() === challenge) return { ok: true, ...base };
    const error =
      response.status === 200
        ? `the response body was not the challenge ${challenge}`
        : `the target answered HTTP ${response.status}`;
    return { ok: false, ...base, status: response.status, body: body.slice(0, 500), error };
  } catch (err) {
    return { ok: false, ...base, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Thrown by `Emulator.start()` when the webhook target fails the handshake (Meta refuses the URL). */
export class WebhookVerificationError extends Error {
  constructor(readonly result: Extract<HandshakeResult, { ok: false }>) {
    super(`webhook verification of ${result.url} failed: ${result.error}`);
    this.name = 'WebhookVerificationError';
  }
}
