import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionEvaluationError, ExpressionSyntaxError } from './jsonata-expression.js';

describe('compileExpression', () => {
  it('evaluates to plain JSON values: no sequence marks, no functions, __proto__ kept as a key', async () => {
    const e = compileExpression('t', "items.{ 'id': id, 'f': $uppercase }");
    const result = await e.evaluate({ items: [{ id: 1 }, { id: 2 }] });
    expect(result).toEqual([{ id: 1 }, { id: 2 }]);
    expect(Object.keys((result as object[])[0]!)).toEqual(['id']);
    const poisoned = (await compileExpression('t', '$').evaluate(
      JSON.parse('{"__proto__":{"polluted":true}}'),
    )) as Record<string, unknown>;
    expect(Object.getPrototypeOf(poisoned)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the field and position of a syntax error', () => {
    expect(() => compileExpression('customProviders.x.send.body', "{ 'a': }")).toThrow(ExpressionSyntaxError);
    expect(() => compileExpression('customProviders.x.send.body', "{ 'a': }")).toThrow(
      /^customProviders\.x\.send\.body: the JSONata expression does not compile at position \d+ \(S0\d{3}\)/,
    );
  });

  it('ends runaway recursion at the stack limit, a long evaluation at the timeout, a huge sequence at its limit', async () => {
    const limits = { timeoutMs: 5_000, stackDepth: 200, sequenceLength: 10_000 };
    const recursion = compileExpression('loop', '( $f := function($x) { 1 + $f($x + 1) }; $f(0) )', limits);
    await expect(recursion.evaluate({})).rejects.toThrow(ExpressionEvaluationError);
    await expect(recursion.evaluate({})).rejects.toThrow(/^loop: the JSONata expression failed \(D1011\)/);
    // A tail call does not grow the stack: the timeout ends it.
    const tail = compileExpression('tail', '( $f := function($x) { $f($x + 1) }; $f(0) )', {
      ...limits,
      timeoutMs: 30,
    });
    await expect(tail.evaluate({})).rejects.toThrow(/^tail: the JSONata expression failed \(D1012\)/);

    const slow = compileExpression('slow', '$count([1..1000000].($ * 2))', {
      timeoutMs: 20,
      stackDepth: 300,
      sequenceLength: 10_000_000,
    });
    await expect(slow.evaluate({})).rejects.toThrow(/\(D1012\)/);

    const wide = compileExpression('wide', '[1..100000].($)', {
      timeoutMs: 5_000,
      stackDepth: 300,
      sequenceLength: 1000,
    });
    await expect(wide.evaluate({})).rejects.toThrow(/\(D2015\)/);
  });

  it('reports a runtime error with its code', async () => {
    const e = compileExpression('f', "$number('not a number')");
    await expect(e.evaluate({})).rejects.toThrow(/^f: the JSONata expression failed \(D3030\)/);
  });
});
