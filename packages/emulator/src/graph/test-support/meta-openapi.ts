import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

type Json = Record<string, unknown>;
export type SchemaError = ErrorObject;
export type SchemaCheck = (value: unknown) => SchemaError[];

const SPEC_FILE = 'business-messaging-api_v23.0.yaml';

/** The monorepo root: the nearest folder at or above `from` whose package.json declares workspaces. */
export function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && 'workspaces' in (JSON.parse(readFileSync(manifest, 'utf8')) as Json))
      return dir;
    if (dirname(dir) === dir)
      throw new Error(`No workspace root (package.json with "workspaces") above ${from}`);
  }
}

/**
 * Meta's OpenAPI lives in the shared folder beside the repository: `<repo>/../shared/meta/`. It is
 * not part of the repository, so it may be absent (a fresh clone, CI): see {@link metaOpenApiPresent}.
 */
export function metaOpenApiPath(): string {
  const repo = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
  return join(repo, '..', 'shared', 'meta', SPEC_FILE);
}

/** Whether Meta's OpenAPI file is where {@link metaOpenApiPath} expects it. */
export function metaOpenApiPresent(): boolean {
  return existsSync(metaOpenApiPath());
}

/**
 * Meta's OpenAPI (v23.0) with validators for its schemas. One systematic bug is repaired: the
 * message schemas put `additionalProperties: false` on the second branch of an `allOf`, which in
 * JSON Schema also rejects the first branch's properties (`to`, `messaging_product`), so not even
 * Meta's own examples would pass. What the authors meant, "nothing beyond the properties of all
 * branches", is `unevaluatedProperties: false` on the `allOf` (JSON Schema 2020-12, which OpenAPI
 * 3.1 uses). Formats are not checked (the spec uses non-standard ones such as `url`), and
 * `discriminator` is not applied (it is OpenAPI-only and, in this spec, used without `oneOf`).
 */
export class MetaOpenApi {
  readonly document: Json;
  readonly #ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    validateFormats: false,
    validateSchema: false,
  });

  private constructor(document: Json) {
    this.document = document;
    this.#ajv.addSchema(repairAllOf(structuredClone(document)), 'meta');
  }

  /**
   * Loads the spec. A missing file throws: callers check {@link metaOpenApiPresent} first and skip,
   * saying so, rather than pass without checking anything.
   */
  static load(): MetaOpenApi {
    const path = metaOpenApiPath();
    if (!existsSync(path)) {
      throw new Error(
        `Meta's OpenAPI spec is missing: expected ${path} (the shared folder beside the repository). ` +
          'The OpenAPI conformance test cannot run without it.',
      );
    }
    return new MetaOpenApi(parse(readFileSync(path, 'utf8')) as Json);
  }

  /** The value at a path of keys in the document (e.g. a request example). */
  at(...keys: string[]): unknown {
    let node: unknown = this.document;
    for (const key of keys) node = (node as Json | undefined)?.[key];
    if (node === undefined) throw new Error(`OpenAPI has nothing at ${keys.join(' > ')}`);
    return node;
  }

  /** Validates against `#/components/schemas/{name}` as the spec states it (after the allOf repair). */
  component(name: string): SchemaCheck {
    return this.#check({ $ref: `meta#/components/schemas/${name}` });
  }

  /**
   * Validates a response against the operation's 200 schema, closed: every object also refuses
   * properties the spec does not declare, so the emulator cannot answer fields Meta never sends.
   */
  closedResponse(path: string, method: string): SchemaCheck {
    const schema = this.at(
      'paths',
      path,
      method,
      'responses',
      '200',
      'content',
      'application/json',
      'schema',
    );
    return this.#check(closeObjects(this.#inline(schema, 0)));
  }

  /** `#/components/schemas/{name}`, closed like {@link closedResponse}. */
  closedComponent(name: string): SchemaCheck {
    return this.#check(closeObjects(this.#inline(this.at('components', 'schemas', name), 0)));
  }

  #check(schema: Json): SchemaCheck {
    const validate = this.#ajv.compile(schema);
    return (value) => (validate(value) ? [] : [...(validate.errors ?? [])]);
  }

  /** Replaces `$ref`s by the schemas they name, so closing reaches into referenced components. */
  #inline(node: unknown, depth: number): Json {
    if (depth > 30) throw new Error('OpenAPI $ref nesting too deep to inline');
    if (Array.isArray(node)) return node.map((item) => this.#inline(item, depth + 1)) as unknown as Json;
    if (typeof node !== 'object' || node === null) return node as Json;
    const ref = (node as Json).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/')) {
      return this.#inline(this.at(...ref.slice(2).split('/')), depth + 1);
    }
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, this.#inline(value, depth + 1)]),
    );
  }
}

function repairAllOf(node: unknown): Json {
  if (typeof node !== 'object' || node === null) return node as Json;
  for (const child of Object.values(node)) repairAllOf(child);
  const allOf = (node as Json).allOf;
  if (
    Array.isArray(allOf) &&
    allOf.some((branch) => (branch as Json | null)?.additionalProperties === false)
  ) {
    for (const branch of allOf as Json[]) delete branch.additionalProperties;
    (node as Json).unevaluatedProperties = false;
  }
  return node as Json;
}

function closeObjects(node: Json): Json {
  if (Array.isArray(node)) return node.map((item) => closeObjects(item as Json)) as unknown as Json;
  if (typeof node !== 'object' || node === null) return node;
  const closed: Json = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, closeObjects(value as Json)]),
  );
  const composed = 'allOf' in closed || 'oneOf' in closed || 'anyOf' in closed;
  if ('properties' in closed && !('additionalProperties' in closed) && !composed)
    closed.additionalProperties = false;
  return closed;
}
