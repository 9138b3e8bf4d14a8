/**
 * Typed readers over untrusted parsed JSON. Each one returns a value of the asked-for type or a
 * neutral one (null, an empty list), never throws, and reads only own properties: a payload's
 * `"type": "constructor"` must not reach `Object.prototype.constructor` through `body[type]`.
 */

export type JsonRecord = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The own property `key` of `value`, or undefined when `value` is not an object or lacks it. */
export function readField(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

export function readRecord(value: unknown, key: string): JsonRecord | null {
  const v = readField(value, key);
  return isRecord(v) ? v : null;
}

/** The array at `key`, or null when it is absent or not an array. */
export function readList(value: unknown, key: string): readonly unknown[] | null {
  const v = readField(value, key);
  return Array.isArray(v) ? v : null;
}

export function readString(value: unknown, key: string): string | null {
  const v = readField(value, key);
  return typeof v === 'string' ? v : null;
}

/** A string that can serve as an identifier: present and not empty. */
export function readId(value: unknown, key: string): string | null {
  const v = readString(value, key);
  return v === null || v.length === 0 ? null : v;
}

export function readBoolean(value: unknown, key: string): boolean {
  return readField(value, key) === true;
}

/** A finite JSON number. */
export function readNumber(value: unknown, key: string): number | null {
  const v = readField(value, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const decimal = /^\s*-?\d{1,20}(\.\d{1,20})?\s*$/;

/** A finite number sent either as a JSON number or as a decimal string (`"10"`, `"10.5"`). */
export function readNumeric(value: unknown, key: string): number | null {
  const v = readField(value, key);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || !decimal.test(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
