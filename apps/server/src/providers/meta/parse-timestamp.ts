import { readField } from './read-json.js';

const unixSeconds = /^\d{1,13}(\.\d{1,9})?$/;
// The largest time a JavaScript Date can hold.
const maxEpochMs = 8.64e15;

/**
 * Meta's `timestamp` (a string of Unix seconds, §2) as epoch milliseconds, or `fallback` when it is
 * missing or not a plausible time. A JSON number is accepted too, in case a version sends one.
 */
export function parseTimestamp(value: unknown, key: string, fallback: number): number {
  const v = readField(value, key);
  let seconds: number;
  if (typeof v === 'number') seconds = v;
  else if (typeof v === 'string' && unixSeconds.test(v)) seconds = Number(v);
  else return fallback;
  const ms = Math.round(seconds * 1000);
  return Number.isFinite(ms) && ms >= 0 && ms <= maxEpochMs ? ms : fallback;
}
