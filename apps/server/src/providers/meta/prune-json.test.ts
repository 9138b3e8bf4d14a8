import { describe, expect, it } from 'vitest';
import { pruneJson, rawLimits } from './prune-json.js';

describe('pruneJson', () => {
  it('copies small JSON unchanged', () => {
    const v = { a: [1, 'two', true, null, { b: -3.5 }], c: '' };
    const copy = pruneJson(v);
    expect(copy).toEqual(v);
    expect(copy).not.toBe(v);
  });

  it('leaves out containers below the depth limit', () => {
    const deep = { l1: { l2: { l3: { l4: 'x' } } }, keep: 1 };
    expect(pruneJson(deep, { maxDepth: 3, maxChars: 1000 })).toEqual({ l1: { l2: {} }, keep: 1 });
    expect(pruneJson([[[[]]]], { maxDepth: 2, maxChars: 1000 })).toEqual([[]]);
  });

  it('handles 20,000 levels without recursing into them', () => {
    let v: unknown = 'bottom';
    for (let i = 0; i < 20_000; i++) v = i % 2 ? [v] : { k: v };
    expect(() => JSON.stringify(pruneJson(v))).not.toThrow();
  });

  it('stays within the size budget, cutting strings and lists', () => {
    const big = { s: 'y'.repeat(100_000), list: Array.from({ length: 100_000 }, (_, i) => i) };
    const out = pruneJson(big, rawLimits);
    expect(JSON.stringify(out).length).toBeLessThan(rawLimits.maxChars + 100);
    expect((out as { s: string }).s.length).toBeGreaterThan(16_000);
  });

  it('does not split a surrogate pair when cutting', () => {
    const out = pruneJson('a😀', { maxDepth: 1, maxChars: 4 }) as string;
    expect(out).toBe('a');
  });

  it('drops what JSON cannot hold and keeps __proto__ as a plain key', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"n":1}') as unknown;
    const out = pruneJson(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'n']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(pruneJson({ f: () => 1, u: undefined, d: new Date(0), nan: NaN, big: 1n })).toEqual({ nan: null });
    expect(pruneJson(undefined)).toBeUndefined();
  });
});
