import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { AgentTokens, tokenClockToleranceSeconds } from './agent-token.js';

const secret = 'unit-test-token-secret-0123456789';
const key = new TextEncoder().encode(secret);
const t0 = Date.UTC(2026, 0, 15, 9, 0, 0);

/** AgentTokens on a fake clock that the test moves. */
function tokensAt(start = t0) {
  const clock = { now: start };
  return { clock, tokens: new AgentTokens(secret, { now: () => clock.now }) };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A token signed with the right secret as an app's backend might write it. */
const backendToken = (claims: Record<string, unknown>, alg = 'HS256') =>
  new SignJWT(claims).setProtectedHeader({ alg }).sign(key);
const nowSeconds = Math.floor(t0 / 1000);

describe('AgentTokens', () => {
  it('mints an HS256 JWT with sub, iat, exp and the scope, and verifies it back into a Principal', async () => {
    const { tokens } = tokensAt();
    const { token, expiresAt } = await tokens.mint({
      sub: 'alice',
      refs: ['CASE-1', 'CASE-2', 'CASE-1'],
      ttlSeconds: 600,
    });
    expect(expiresAt).toBe(t0 + 600_000);
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({
      sub: 'alice',
      iat: nowSeconds,
      exp: nowSeconds + 600,
      refs: ['CASE-1', 'CASE-2'],
    });
    expect(await tokens.verify(token)).toEqual({
      kind: 'agent',
      sub: 'alice',
      scope: { all: false, refs: ['CASE-1', 'CASE-2'], conversations: [] },
      expiresAt: t0 + 600_000,
    });
  });

  it('carries conversation ids and `all`', async () => {
    const { tokens } = tokensAt();
    const byId = await tokens.mint({ sub: 'bob', conversations: ['conv_1'], ttlSeconds: 60 });
    expect(await tokens.verify(byId.token)).toMatchObject({
      scope: { all: false, refs: [], conversations: ['conv_1'] },
    });
    const everything = await tokens.mint({ sub: 'sup', all: true, refs: ['ignored'], ttlSeconds: 60 });
    expect(await tokens.verify(everything.token)).toMatchObject({ scope: { all: true } });
  });

  it('accepts a token the app backend minted itself with the shared secret, extra claims and all', async () => {
    const { tokens } = tokensAt();
    const token = await backendToken({
      sub: 'carol',
      exp: nowSeconds + 60,
      refs: ['CASE-9'],
      iss: 'bank-app',
      aud: 'switchboard',
      jti: 'x',
    });
    expect(await tokens.verify(token)).toMatchObject({ sub: 'carol', scope: { refs: ['CASE-9'] } });
  });

  it('says token_expired once exp has passed (beyond a few seconds of clock skew)', async () => {
    const { clock, tokens } = tokensAt();
    const { token } = await tokens.mint({ sub: 'alice', refs: ['A'], ttlSeconds: 60 });
    clock.now = t0 + (60 + tokenClockToleranceSeconds) * 1000 - 1;
    expect((await tokens.verify(token)).kind).toBe('agent');
    clock.now = t0 + (60 + tokenClockToleranceSeconds + 1) * 1000;
    const error = await failure(tokens.verify(token));
    expect([error.code, error.status]).toEqual(['token_expired', 401]);
  });

  it('refuses forgeries and foreign tokens as unauthorized', async () => {
    const { tokens } = tokensAt();
    const { token } = await tokens.mint({ sub: 'alice', refs: ['A'], ttlSeconds: 60 });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const widened = Buffer.from(JSON.stringify({ sub: 'alice', exp: nowSeconds + 60, all: true })).toString(
      'base64url',
    );
    const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
    const otherSecret = await new AgentTokens('another-secret-0123456789', { now: () => t0 }).mint({
      sub: 'alice',
      refs: ['A'],
      ttlSeconds: 60,
    });
    const expiredForgery = await new AgentTokens('another-secret-0123456789', {
      now: () => t0 - 7200_000,
    }).mint({ sub: 'alice', refs: ['A'], ttlSeconds: 60 });
    const cases: Record<string, string> = {
      'payload altered, signature kept': `${header}.${widened}.${signature}`,
      'signature altered': `${header}.${payload}.${flipped}`,
      'signature removed': `${header}.${payload}.`,
      'signed with another secret': otherSecret.token,
      'expired and signed with another secret': expiredForgery.token,
      'alg none': new UnsecuredJWT({ sub: 'alice', refs: ['A'] }).setExpirationTime(nowSeconds + 60).encode(),
      'alg HS512 with the right secret': await backendToken(
        { sub: 'alice', exp: nowSeconds + 60, refs: ['A'] },
        'HS512',
      ),
      'no exp': await backendToken({ sub: 'alice', refs: ['A'] }),
      'no sub': await backendToken({ exp: nowSeconds + 60, refs: ['A'] }),
      'empty sub': await backendToken({ sub: '', exp: nowSeconds + 60, refs: ['A'] }),
      'no scope': await backendToken({ sub: 'alice', exp: nowSeconds + 60 }),
      'all: false without lists': await backendToken({ sub: 'alice', exp: nowSeconds + 60, all: false }),
      'refs not an array': await backendToken({ sub: 'alice', exp: nowSeconds + 60, refs: 'A' }),
      'a ref not a string': await backendToken({ sub: 'alice', exp: nowSeconds + 60, refs: [1] }),
      'too many conversations': await backendToken({
        sub: 'alice',
        exp: nowSeconds + 60,
        conversations: Array.from({ length: 1001 }, (_, i) => `conv_${i}`),
      }),
      'not yet valid (nbf)': await backendToken({
        sub: 'alice',
        exp: nowSeconds + 600,
        nbf: nowSeconds + 300,
        refs: ['A'],
      }),
      'not a JWT': 'test-api-key-0123456789',
      empty: '',
    };
    for (const [name, candidate] of Object.entries(cases)) {
      const error = await failure(tokens.verify(candidate));
      expect([error.code, error.status], name).toEqual(['unauthorized', 401]);
    }
  });
});
