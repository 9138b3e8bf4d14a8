import type { SchemaError } from './meta-openapi.js';

/**
 * A place where the emulator knowingly differs from Meta's OpenAPI because the spec is wrong or
 * incomplete compared with Meta's documentation and its own examples. Each one says why.
 */
export interface KnownDeviation {
  readonly why: string;
  /** The instance path of the schema errors it explains (`/location/latitude`). */
  readonly path: RegExp;
  readonly keyword?: string;
  /** For additional/unevaluated property errors: the property. */
  readonly property?: string;
  /** Limits it to the bodies it concerns, so it hides nothing elsewhere. */
  readonly when?: (value: Record<string, unknown>) => boolean;
}

/** Tracks which deviations explained something, so ones that no longer apply get noticed. */
export class DeviationLedger {
  readonly #used = new Set<KnownDeviation>();

  constructor(private readonly deviations: readonly KnownDeviation[]) {}

  /** The errors no deviation explains. */
  unexplained(errors: readonly SchemaError[], value: unknown): SchemaError[] {
    const body = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    return errors.filter((error) => {
      const deviation = this.deviations.find((d) => explains(d, error, body));
      if (deviation) this.#used.add(deviation);
      return deviation === undefined;
    });
  }

  unused(): string[] {
    return this.deviations.filter((d) => !this.#used.has(d)).map((d) => d.why);
  }
}

function explains(deviation: KnownDeviation, error: SchemaError, body: Record<string, unknown>): boolean {
  if (!deviation.path.test(error.instancePath)) return false;
  if (deviation.keyword !== undefined && deviation.keyword !== error.keyword) return false;
  const params = error.params as { additionalProperty?: string; unevaluatedProperty?: string };
  const property = params.additionalProperty ?? params.unevaluatedProperty;
  if (deviation.property !== undefined && deviation.property !== property) return false;
  return deviation.when?.(body) ?? true;
}

export function describeErrors(errors: readonly SchemaError[]): string {
  return errors
    .map((e) => `${e.instancePath || '/'} ${e.keyword} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n');
}
