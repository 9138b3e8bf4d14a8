import jsonata from 'jsonata';

/**
 * The guardrails every custom provider's expression runs under (docs/custom-providers.md). The
 * expressions are the operator's, but their input is whatever arrives at a webhook: a body that
 * makes an expression recurse without end or build a huge sequence must end in an error for that
 * webhook, not in a stuck event loop or an exhausted heap (without limits, a runaway recursion
 * runs the process out of memory). The checks run at each evaluation step, which never yields to
 * the event loop: the timeout is also how long one bad evaluation can hold it.
 */
export interface ExpressionLimits {
  /** Milliseconds one evaluation may take (jsonata's `timeout`, checked at each step). */
  timeoutMs: number;
  /** Deepest nesting of evaluation steps (jsonata's `stack`; recursion ends here). */
  stackDepth: number;
  /** Longest sequence an evaluation may build (jsonata's `sequence`). */
  sequenceLength: number;
}

export const defaultExpressionLimits: ExpressionLimits = {
  timeoutMs: 100,
  stackDepth: 300,
  sequenceLength: 10_000,
};

/** jsonata throws plain objects (`{code, position, token, message}`), not Errors. */
interface JsonataFailure {
  code?: unknown;
  position?: unknown;
  token?: unknown;
  message?: unknown;
}

/** An expression that does not compile: where it is in the config, and where in the expression. */
export class ExpressionSyntaxError extends Error {
  override readonly name = 'ExpressionSyntaxError';
  constructor(
    readonly field: string,
    readonly position: number | null,
    readonly code: string | null,
    detail: string,
    source: string,
  ) {
    super(
      `${field}: the JSONata expression does not compile${position === null ? '' : ` at ${where(source, position)}`}` +
        `${code ? ` (${code})` : ''}: ${detail}`,
    );
  }
}

/** jsonata's position (characters from the start), with line and column for multi-line expressions. */
function where(source: string, position: number): string {
  const before = source.slice(0, Math.max(0, position - 1));
  const lines = before.split('\n');
  if (lines.length === 1) return `position ${position}`;
  return `position ${position} (line ${lines.length}, column ${lines.at(-1)!.length + 1})`;
}

/** An evaluation that failed: a runtime error of the expression or one of the guardrails. */
export class ExpressionEvaluationError extends Error {
  override readonly name = 'ExpressionEvaluationError';
  constructor(
    readonly field: string,
    readonly code: string | null,
    detail: string,
  ) {
    super(`${field}: the JSONata expression failed${code ? ` (${code})` : ''}: ${detail}`);
  }
}

/** One compiled expression, evaluated many times under the same limits. */
export interface CompiledExpression {
  readonly field: string;
  readonly source: string;
  evaluate(input: unknown): Promise<unknown>;
}

/**
 * Compiles `source` once (at start). `field` names it in errors, as the config file does
 * (`customProviders.chirp.send.body`). Throws `ExpressionSyntaxError`.
 */
export function compileExpression(
  field: string,
  source: string,
  limits: ExpressionLimits = defaultExpressionLimits,
): CompiledExpression {
  let expression: jsonata.Expression;
  try {
    expression = jsonata(source, {
      timeout: limits.timeoutMs,
      stack: limits.stackDepth,
      sequence: limits.sequenceLength,
    });
  } catch (err) {
    const failure = err as JsonataFailure;
    throw new ExpressionSyntaxError(
      field,
      typeof failure.position === 'number' ? failure.position : null,
      typeof failure.code === 'string' ? failure.code : null,
      typeof failure.message === 'string' ? failure.message : String(err),
      source,
    );
  }
  return {
    field,
    source,
    async evaluate(input: unknown): Promise<unknown> {
      try {
        return plain(await expression.evaluate(input));
      } catch (err) {
        const failure = err as JsonataFailure;
        const where = typeof failure.position === 'number' ? ` at position ${failure.position}` : '';
        throw new ExpressionEvaluationError(
          field,
          typeof failure.code === 'string' ? failure.code : null,
          `${typeof failure.message === 'string' ? failure.message : String(err)}${where}`,
        );
      }
    },
  };
}

/**
 * jsonata's results carry its own marks (sequence arrays with extra properties, functions): what
 * comes out is turned into plain JSON values, so the schemas downstream see only data.
 */
function plain(value: unknown): unknown {
  if (value === undefined || typeof value === 'function') return undefined;
  if (Array.isArray(value)) {
    return value.map(plain).filter((item) => item !== undefined);
  }
  if (value !== null && typeof value === 'object') {
    // A function the expression returned (`$uppercase`, a lambda) is not data.
    if ('_jsonata_function' in value || '_jsonata_lambda' in value) return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const converted = plain(item);
      // defineProperty: a body's `__proto__` key stays a key, never a prototype.
      if (converted !== undefined)
        Object.defineProperty(out, key, {
          value: converted,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return out;
  }
  return value;
}
