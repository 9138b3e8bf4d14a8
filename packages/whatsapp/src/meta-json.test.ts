import { describe, expect, it } from 'vitest';
import { metaJsonStringify } from './meta-json.js';

describe('metaJsonStringify', () => {
  it('leaves ASCII JSON as JSON.stringify writes it', () => {
    const value = { object: 'whatsapp_business_account', n: 1, list: [true, null, 'a"b\\c/d'] };
    expect(metaJsonStringify(value)).toBe(JSON.stringify(value));
  });

  it('escapes non-ASCII as lowercase \\uXXXX, astral characters as surrogate pairs', () => {
    expect(metaJsonStringify({ s: 'äöå' })).toBe('{"s":"\\u00e4\\u00f6\\u00e5"}');
    expect(metaJsonStringify({ emoji: '😀' })).toBe('{"emoji":"\\ud83d\\ude00"}');
    expect(metaJsonStringify('🍕 € \u2028')).toBe('"\\ud83c\\udf55 \\u20ac \\u2028"');
  });

  it('produces pure ASCII that parses back to the same value', () => {
    const value = { text: 'J\u2019ai mangé des pâtes 🍝', lone: '\ud800x', 'key€': 1 };
    const json = metaJsonStringify(value);
    expect(/^[\x20-\x7e]*$/.test(json)).toBe(true);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('refuses values without a JSON form', () => {
    expect(() => metaJsonStringify(undefined)).toThrow(TypeError);
  });
});
