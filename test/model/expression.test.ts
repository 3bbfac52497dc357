import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileExpression, ExpressionError } from '../../model/expression.ts';

test('compileExpression evaluates arithmetic, the allowed functions and constants', () => {
  assert.is(compileExpression('cos(x) + 0.6*sin(2*x)', 'x')(0), 1);
  assert.is(compileExpression('2x^2 - 1', 'x')(3), 17);
  assert.is(compileExpression('max(0, cos(u))', 'u')(Math.PI), 0);
  assert.is(compileExpression('pi * tau / e', 'x')(0), (Math.PI * 2 * Math.PI) / Math.E);
  assert.is(compileExpression('-(x) + +x', 'x')(5), 0);
});

test('compileExpression refuses assignment, definitions, matrices, strings, other names and unknown functions', () => {
  const hostile = [
    'x = 5', 'f(x) = x^2', '[1, 2]', '{a: 1}', '"text"', 'y + 1', 'import({}, {})', 'evaluate("1+1")',
    'parse("x")', 'createUnit("foo")', 'constructor', 'x.constructor', 'x ? 1 : 0', 'x!', 'x > 0', '1e400',
    'cos(x, 2)', 'atan2(x)', 'x[1]', '5 cm',
    // names every object inherits: the allow-list lookup must check own properties only
    'constructor(x)', 'toString(x)', 'cos(x) + 0*constructor(x)', 'valueOf(x)', 'hasOwnProperty(x)', '__proto__(x)',
    'isPrototypeOf(x)', 'propertyIsEnumerable(x)', 'toLocaleString(x)', '__defineGetter__(x, x)', '__proto__',
  ];
  for (const src of hostile) {
    assert.throws(() => compileExpression(src, 'x'), (e: unknown) => e instanceof ExpressionError, `should refuse ${src}`);
  }
});

test('compileExpression reports malformed input with the parser message', () => {
  assert.throws(() => compileExpression('cos(x', 'x'), /cannot parse "cos\(x"/);
  assert.throws(() => compileExpression('   ', 'x'), /empty/);
});

test.run();
