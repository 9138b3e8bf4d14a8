import { characterCount } from '@switchboard/whatsapp';
import { z } from 'zod';

/** The building blocks of the send-body schemas (send-request.ts): one wording for every field error. */

type RawIssue = z.core.$ZodRawIssue;

/** "media.caption is required" / "… must be a string" for a missing or wrongly typed field. */
export const fieldError =
  (path: string, expected: string) =>
  (issue: RawIssue): string =>
    issue.input === undefined ? `${path} is required` : `${path} must be ${expected}`;

/** A string of 1 to `max` characters. */
export function text(path: string, max: number) {
  return z
    .string({ error: fieldError(path, 'a string') })
    .refine(
      (value) => value.length > 0 && characterCount(value) <= max,
      `${path} must be 1–${max} characters`,
    );
}

/** A string that must not be empty (WhatsApp treats "" as a missing parameter). */
export function nonEmpty(path: string) {
  return z.string({ error: fieldError(path, 'a string') }).min(1, `${path} must not be empty`);
}

/** One of our ids (a message or media id). */
export function ourId(path: string) {
  return z
    .string({ error: fieldError(path, 'a string') })
    .trim()
    .min(1, `${path} must not be empty`)
    .max(100, `${path} must be at most 100 characters`);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A link WhatsApp fetches or opens: http(s) only, as Meta requires. */
export function httpUrl(path: string) {
  return z
    .string({ error: fieldError(path, 'a string') })
    .refine(isHttpUrl, `${path} must be an http:// or https:// URL`);
}

/** A strict object whose errors name it and list the keys it takes. */
export function object<Shape extends z.ZodRawShape>(path: string, shape: Shape, what = path) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((key) => `"${key}"`).join(', ');
        return `${what} does not take ${keys}; allowed: ${allowed}`;
      }
      return fieldError(path, 'an object')(issue);
    },
  });
}

/** A list of `min`–`max` items (no upper bound when `max` is undefined). */
export function list<Item extends z.ZodType>(path: string, item: Item, min: number, max?: number) {
  const range = max === undefined ? `at least ${min}` : min === max ? `exactly ${min}` : `${min}–${max}`;
  const message = `${path} must have ${range} item${max === 1 ? '' : 's'}`;
  const schema = z.array(item, { error: fieldError(path, 'an array') }).min(min, message);
  return max === undefined ? schema : schema.max(max, message);
}

/** Exactly one of two keys, such as a media `id` or `url`. */
export function exactlyOne(value: object, a: string, b: string): boolean {
  const has = (key: string) => (value as Record<string, unknown>)[key] !== undefined;
  return has(a) !== has(b);
}

/**
 * A WhatsApp media object of a send (an interactive header, a template parameter): our media `id`
 * (from `POST /v1/media`) or a `link`, exactly one of them, then the `extra` fields.
 */
export function mediaSource<Extra extends z.ZodRawShape = Record<never, never>>(path: string, extra?: Extra) {
  return object(path, {
    id: ourId(`${path}.id`).optional(),
    link: httpUrl(`${path}.link`).optional(),
    ...(extra as Extra),
  }).refine((m) => exactlyOne(m, 'id', 'link'), {
    message: `${path} must have exactly one of id (from POST /v1/media) or link`,
  });
}

export function notAnObject(value: unknown): boolean {
  return typeof value !== 'object' || value === null || Array.isArray(value);
}

export function unique(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}

export const replyTo = ourId('replyTo').optional();
