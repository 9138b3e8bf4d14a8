import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CompiledSignature } from './compile-custom-provider.js';
import { verifyHmacSignature } from './verify-hmac-signature.js';

const secret = 'a-shared-secret-of-some-length';
const body = Buffer.from('{"events":[{"type":"message.received","text":"Grüße 😀"}]}');
const now = 1_765_000_000_000;

function signature(overrides: Partial<CompiledSignature> = {}): CompiledSignature {
  return {
    algorithm: 'sha256',
    header: 'x-sig',
    encoding: 'hex',
    prefix: '',
    secret,
    timestamp: null,
    ...overrides,
  };
}
const mac = (algorithm: string, data: string | Buffer, key = secret) =>
  createHmac(algorithm, key).update(data).digest();

describe('verifyHmacSignature', () => {
  it('accepts SHA-256 and SHA-1, hex and base64, with and without a prefix', () => {
    const cases: [Partial<CompiledSignature>, string][] = [
      [{}, mac('sha256', body).toString('hex')],
      [{}, mac('sha256', body).toString('hex').toUpperCase()],
      [{ algorithm: 'sha1', encoding: 'base64' }, mac('sha1', body).toString('base64')],
      [{ encoding: 'base64', prefix: 'v1=' }, `v1=${mac('sha256', body).toString('base64')}`],
      [{ encoding: 'base64' }, mac('sha256', body).toString('base64url')],
      [{ prefix: 'sha256=' }, `sha256=${mac('sha256', body).toString('hex')}`],
    ];
    for (const [overrides, header] of cases) {
      expect(verifyHmacSignature(signature(overrides), [secret], body, { 'x-sig': header }, now)).toBe(true);
    }
  });

  it('refuses a changed body, another secret, a missing or malformed header, a wrong prefix and a truncated digest', () => {
    const good = mac('sha256', body).toString('hex');
    const s = signature();
    const changed = Buffer.from(body);
    changed[5] = changed[5]! ^ 1;
    expect(verifyHmacSignature(s, [secret], changed, { 'x-sig': good }, now)).toBe(false);
    expect(verifyHmacSignature(s, ['another-secret-entirely'], body, { 'x-sig': good }, now)).toBe(false);
    expect(verifyHmacSignature(s, [], body, { 'x-sig': good }, now)).toBe(false);
    expect(
      verifyHmacSignature(s, [''], body, { 'x-sig': mac('sha256', body, '').toString('hex') }, now),
    ).toBe(false);
    expect(verifyHmacSignature(s, [secret], body, {}, now)).toBe(false);
    expect(verifyHmacSignature(s, [secret], body, { 'x-sig': [good, good] }, now)).toBe(false);
    expect(verifyHmacSignature(s, [secret], body, { 'x-sig': 'not hex at all' }, now)).toBe(false);
    expect(verifyHmacSignature(s, [secret], body, { 'x-sig': good.slice(0, 32) }, now)).toBe(false);
    expect(
      verifyHmacSignature(signature({ prefix: 'sha256=' }), [secret], body, { 'x-sig': good }, now),
    ).toBe(false);
  });

  it('accepts any of several secrets (a rotation)', () => {
    const header = mac('sha256', body, 'the-new-secret-0123456').toString('hex');
    expect(
      verifyHmacSignature(signature(), [secret, 'the-new-secret-0123456'], body, { 'x-sig': header }, now),
    ).toBe(true);
  });

  it('signs the timestamp with the body and refuses one outside the tolerance (a replay)', () => {
    const s = signature({
      encoding: 'base64',
      timestamp: { header: 'x-ts', toleranceSeconds: 300, payload: '{timestamp}.{body}' },
    });
    const at = (seconds: number) => String(Math.floor(now / 1000) + seconds);
    const signed = (ts: string) =>
      mac('sha256', Buffer.concat([Buffer.from(`${ts}.`), body])).toString('base64');
    const headers = (ts: string, sig = signed(ts)) => ({ 'x-sig': sig, 'x-ts': ts });
    expect(verifyHmacSignature(s, [secret], body, headers(at(0)), now)).toBe(true);
    expect(verifyHmacSignature(s, [secret], body, headers(at(-299)), now)).toBe(true);
    expect(verifyHmacSignature(s, [secret], body, headers(at(-301)), now)).toBe(false);
    expect(verifyHmacSignature(s, [secret], body, headers(at(301)), now)).toBe(false);
    // Milliseconds are read as such.
    const ms = String(now - 1000);
    expect(verifyHmacSignature(s, [secret], body, headers(ms), now)).toBe(true);
    // The timestamp is signed: moving it breaks the signature.
    expect(verifyHmacSignature(s, [secret], body, headers(at(1), signed(at(0))), now)).toBe(false);
    expect(verifyHmacSignature(s, [secret], body, { 'x-sig': signed(at(0)) }, now)).toBe(false);
    expect(verifyHmacSignature(s, [secret], body, headers('soon'), now)).toBe(false);
  });
});
