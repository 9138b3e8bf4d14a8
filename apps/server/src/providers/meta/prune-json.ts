export interface PruneLimits {
  /** Containers nested deeper than this are left out; the value itself is at depth 1. */
  readonly maxDepth: number;
  /** Roughly the length of the result's JSON text; strings are cut and containers end early. */
  readonly maxChars: number;
}

/** For the `raw` of unsupported content and other kept-as-is objects. */
export const rawLimits: PruneLimits = { maxDepth: 6, maxChars: 16 * 1024 };

interface Budget {
  left: number;
}

/**
 * A bounded, JSON-safe copy of untrusted data, for the parts of a webhook we keep without
 * understanding them. The store serializes content with `JSON.stringify`, which recurses: a
 * 20,000-deep array would overflow the stack there, and a megabyte of junk would bloat every event.
 * So: only plain objects, arrays, strings, finite numbers, booleans and null are kept; deeper
 * containers and whatever does not fit in the budget are left out (`undefined` when nothing is
 * left of `value`). Recursion is bounded by `maxDepth`.
 */
export function pruneJson(value: unknown, limits: PruneLimits = rawLimits): unknown {
  return prune(value, 1, limits.maxDepth, { left: limits.maxChars });
}

function prune(value: unknown, depth: number, maxDepth: number, budget: Budget): unknown {
  if (budget.left <= 0) return undefined;
  switch (typeof value) {
    case 'string': {
      const kept = cut(value, budget.left - 2);
      budget.left -= kept.length + 2;
      return kept;
    }
    case 'number':
      budget.left -= 8;
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      budget.left -= 5;
      return value;
    case 'object':
      if (value === null) {
        budget.left -= 4;
        return null;
      }
      if (depth > maxDepth) return undefined;
      budget.left -= 2;
      if (Array.isArray(value)) return pruneArray(value, depth, maxDepth, budget);
      return isPlainObject(value) ? pruneObject(value, depth, maxDepth, budget) : undefined;
    default:
      return undefined;
  }
}

function pruneArray(value: readonly unknown[], depth: number, maxDepth: number, budget: Budget): unknown[] {
  const out: unknown[] = [];
  for (const item of value) {
    if (budget.left <= 0) break;
    budget.left -= 1;
    const kept = prune(item, depth + 1, maxDepth, budget);
    if (kept !== undefined) out.push(kept);
  }
  return out;
}

function pruneObject(
  value: object,
  depth: number,
  maxDepth: number,
  budget: Budget,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (budget.left <= key.length + 4) break;
    budget.left -= key.length + 4;
    const kept = prune(item, depth + 1, maxDepth, budget);
    // defineProperty, because assigning a key named "__proto__" would set the prototype instead.
    if (kept !== undefined)
      Object.defineProperty(out, key, { value: kept, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The first `max` UTF-16 units of `s`, without splitting a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 0) return '';
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
