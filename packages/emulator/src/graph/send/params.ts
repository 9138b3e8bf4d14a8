import { characterCount } from '@switchboard/whatsapp';
import { GraphError } from '../../core/graph-error.js';

export type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Graph's notation for a nested parameter, as in its error details: `template['components'][0]`. */
export function paramPath(parent: string, key: string | number): string {
  if (parent === '') return String(key);
  return typeof key === 'number' ? `${parent}[${key}]` : `${parent}['${key}']`;
}

/*
 * Which code answers what. Graph's own parameter layer rejects unknown keys and wrong JSON types
 * with 100 (Invalid parameter); WhatsApp answers a missing required field with 131008 and a value
 * it refuses with 131009. Length limits are checked by both layers: plain string params of the send
 * (text body, captions, callback data) give 100, interactive and template content gives 131009.
 */
export const missingParam = (path: string) => new GraphError(131008, `The parameter ${path} is required.`);
export const wrongType = (path: string, expected: string) =>
  new GraphError(100, `Param ${path} must be ${expected}.`);
export const invalidValue = (path: string, rule: string) => new GraphError(131009, `Param ${path} ${rule}.`);
export const unexpectedKey = (path: string, key: string) =>
  new GraphError(
    100,
    path === ''
      ? `Unexpected key "${key}" in the request body.`
      : `Unexpected key "${key}" on param "${path}".`,
  );

export interface StringRule {
  /** Maximum length in characters. */
  readonly max?: number;
  /** The code a too-long value answers with (see above); 131009 unless given. */
  readonly limitCode?: 100 | 131009;
  /** Whether "" is a value (a reaction's empty emoji) rather than a missing parameter. */
  readonly allowEmpty?: boolean;
}

export interface CountRule {
  readonly min?: number;
  readonly max?: number;
}

/** A JSON object of a request, read field by field; every failure is the GraphError Meta answers. */
export class Params {
  constructor(
    readonly raw: JsonObject,
    readonly path: string,
  ) {}

  static of(value: unknown, path: string): Params {
    if (!isJsonObject(value)) throw wrongType(path === '' ? 'the request body' : path, 'a JSON object');
    return new Params(value, path);
  }

  pathOf(key: string): string {
    return paramPath(this.path, key);
  }

  /** Present and not null (Graph treats `null` like an absent parameter). */
  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  allowOnly(keys: readonly string[]): this {
    for (const key of Object.keys(this.raw)) if (!keys.includes(key)) throw unexpectedKey(this.path, key);
    return this;
  }

  string(key: string, rule: StringRule = {}): string {
    const value = this.optionalString(key, rule);
    if (value === undefined) throw missingParam(this.pathOf(key));
    return value;
  }

  optionalString(key: string, rule: StringRule = {}): string | undefined {
    if (!this.has(key)) return undefined;
    const value = this.raw[key];
    if (typeof value !== 'string') throw wrongType(this.pathOf(key), 'a string');
    if (value === '' && !rule.allowEmpty) throw missingParam(this.pathOf(key));
    if (rule.max !== undefined && characterCount(value) > rule.max) {
      throw new GraphError(
        rule.limitCode ?? 131009,
        `Param ${this.pathOf(key)} must be at most ${rule.max} characters long.`,
      );
    }
    return value;
  }

  /** One of `allowed`, compared case-insensitively as Graph does for enum params; answers 100 otherwise. */
  enumValue<T extends string>(key: string, allowed: readonly T[]): T {
    const value = this.string(key);
    const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
    if (match === undefined)
      throw wrongType(this.pathOf(key), `one of ${allowed.join(', ')}; got "${value}"`);
    return match;
  }

  optionalBoolean(key: string): boolean | undefined {
    if (!this.has(key)) return undefined;
    const value = this.raw[key];
    if (typeof value !== 'boolean') throw wrongType(this.pathOf(key), 'a boolean');
    return value;
  }

  object(key: string): Params {
    if (!this.has(key)) throw missingParam(this.pathOf(key));
    return Params.of(this.raw[key], this.pathOf(key));
  }

  optionalObject(key: string): Params | undefined {
    return this.has(key) ? this.object(key) : undefined;
  }

  /** An array of objects with a length rule; a count outside it answers 131009. */
  objects(key: string, rule: CountRule = {}): Params[] {
    if (!this.has(key)) throw missingParam(this.pathOf(key));
    const value = this.raw[key];
    const path = this.pathOf(key);
    if (!Array.isArray(value)) throw wrongType(path, 'an array');
    if (rule.min !== undefined && value.length < rule.min) {
      throw invalidValue(path, `must have at least ${rule.min} item${rule.min === 1 ? '' : 's'}`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      throw invalidValue(path, `must have at most ${rule.max} items`);
    }
    return value.map((item: unknown, index) => Params.of(item, paramPath(path, index)));
  }

  optionalObjects(key: string, rule: CountRule = {}): Params[] {
    return this.has(key) ? this.objects(key, rule) : [];
  }
}
