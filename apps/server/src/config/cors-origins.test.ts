import { describe, expect, it } from 'vitest';
import { corsAllows, parseCorsOrigins } from './cors-origins.js';

describe('SWITCHBOARD_CORS_ORIGINS', () => {
  it('allows exactly the listed origins, as browsers spell them', () => {
    const problems: string[] = [];
    const policy = parseCorsOrigins(' https://App.Bank.example , http://localhost:5173/ ', false, problems);
    expect(problems).toEqual([]);
    expect(corsAllows(policy, 'https://app.bank.example')).toBe(true);
    expect(corsAllows(policy, 'http://localhost:5173')).toBe(true);
    expect(corsAllows(policy, 'https://app.bank.example:8443')).toBe(false);
    expect(corsAllows(policy, 'http://app.bank.example')).toBe(false);
    expect(corsAllows(policy, 'https://evil.example')).toBe(false);
    expect(corsAllows(policy, undefined)).toBe(false);
  });

  it("allows no origin by default, and only this machine's pages in demo mode", () => {
    const none = parseCorsOrigins(undefined, false, []);
    expect(corsAllows(none, 'http://localhost:5173')).toBe(false);
    const demo = parseCorsOrigins(undefined, true, []);
    for (const origin of [
      'http://localhost:5173',
      'http://127.0.0.1:8080',
      'https://localhost',
      'http://[::1]:3000',
    ]) {
      expect(corsAllows(demo, origin), origin).toBe(true);
    }
    for (const origin of [
      'http://localhost.evil.example',
      'http://127.0.0.1.nip.io',
      'https://evil.example',
      'null',
    ]) {
      expect(corsAllows(demo, origin), origin).toBe(false);
    }
  });

  it('names each entry that is not an origin', () => {
    const problems: string[] = [];
    parseCorsOrigins('*,https://a.example/path,ftp://b.example,https://ok.example', false, problems);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/"\*" is not an origin/);
  });
});
