import { describe, expect, it } from 'vitest';
import { META_ERROR_CODES, metaErrorInfo } from './error-codes.js';

describe('metaErrorInfo', () => {
  it.each([4, 80007, 130429, 131000, 131016, 131056, 131057, 133004, 1, 2])('%i is retryable', (code) => {
    expect(metaErrorInfo(code)?.retryable).toBe(true);
  });

  it.each([131047, 131026, 131049, 131050, 131051, 132000, 132001, 132012, 131048, 100, 190])(
    '%i is not retryable',
    (code) => {
      expect(metaErrorInfo(code)?.retryable).toBe(false);
    },
  );

  it('carries title and HTTP status', () => {
    expect(metaErrorInfo(132001)).toEqual({
      title: 'Template does not exist',
      httpStatus: 404,
      retryable: false,
    });
    expect(metaErrorInfo(130429)).toMatchObject({ title: 'Rate limit hit', httpStatus: 400 });
  });

  it('accepts codes sent as digit strings', () => {
    expect(metaErrorInfo('131047')).toBe(META_ERROR_CODES[131047]);
  });

  it('maps the 200–299 permission range to one entry', () => {
    expect(metaErrorInfo(299)?.title).toBe('API Permission');
  });

  it.each([999999, -1, 1.5, NaN, '', 'abc', '131047x', 'constructor', '__proto__'])(
    'returns undefined for an unknown code (%s)',
    (code) => {
      expect(metaErrorInfo(code)).toBeUndefined();
    },
  );
});
