import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './parse-timestamp.js';
import { readField, readId, readList, readNumeric, readString } from './read-json.js';

describe('read-json', () => {
  it('reads own properties only', () => {
    expect(readField({}, 'constructor')).toBeUndefined();
    expect(readField({}, 'toString')).toBeUndefined();
    expect(readField({ constructor: 'x' }, 'constructor')).toBe('x');
    expect(readField([1], '0')).toBeUndefined();
    expect(readField(null, 'a')).toBeUndefined();
  });

  it('returns neutral values for the wrong type', () => {
    expect(readString({ a: 1 }, 'a')).toBeNull();
    expect(readId({ a: '' }, 'a')).toBeNull();
    expect(readList({ a: {} }, 'a')).toBeNull();
  });

  it.each([
    [3, 3],
    ['10', 10],
    ['10.50', 10.5],
    [' 2 ', 2],
    ['-1', -1],
    ['1e3', null],
    ['', null],
    ['0x10', null],
    [Infinity, null],
    [null, null],
    [true, null],
  ])('readNumeric(%j) is %j', (input, expected) => {
    expect(readNumeric({ v: input }, 'v')).toBe(expected);
  });
});

describe('parseTimestamp', () => {
  it.each([
    ['1749416383', 1_749_416_383_000],
    [1749416383, 1_749_416_383_000],
    ['1749416383.5', 1_749_416_383_500],
    ['0', 0],
    ['-1', 7],
    [' 1749416383', 7],
    ['1e9', 7],
    [null, 7],
    [undefined, 7],
    [-5, 7],
    [Number.MAX_VALUE, 7],
  ])('%j is %j', (input, expected) => {
    expect(parseTimestamp({ timestamp: input }, 'timestamp', 7)).toBe(expected);
  });
});
