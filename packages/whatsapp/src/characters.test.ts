import { describe, expect, it } from 'vitest';
import { characterCount, isSingleEmoji } from './characters.js';

describe('characters', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(characterCount('héllo')).toBe(5);
    expect(characterCount('👍👍')).toBe(2);
    expect(characterCount('')).toBe(0);
  });

  it('accepts exactly one emoji, with skin tones, flags and ZWJ sequences', () => {
    for (const emoji of ['👍', '👍🏽', '🇩🇪', '👩‍💻', '1️⃣']) expect(isSingleEmoji(emoji)).toBe(true);
    for (const text of ['', 'a', '👍👍', '👍 ', '1']) expect(isSingleEmoji(text)).toBe(false);
  });
});
