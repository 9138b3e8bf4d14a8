import { AppError } from '../../errors/app-error.js';

/** Opaque pagination cursors: base64url JSON of the sort key of the last row returned. */
export function encodeCursor(key: [number, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): [number, string] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && typeof key[0] === 'number' && typeof key[1] === 'string')
      return [key[0], key[1]];
  } catch {
    // fall through to the error below
  }
  throw new AppError('invalid_cursor');
}
