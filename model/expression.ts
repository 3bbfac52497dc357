/**
 * User expressions (a target `f(x)` or a unit `ψ(u)`) parsed with mathjs and compiled, after an
 * allow-list check of the syntax tree, into plain JavaScript closures.
 *
 * Why not `math.evaluate`: mathjs's own sandboxing recipe still lets assignments, function
 * definitions and matrices through (measured, see shared/ECOSYSTEM.md). Walking the parsed tree
 * and accepting only numbers, the one variable, `pi`/`e`/`tau`, arithmetic operators and a fixed
 * list of elementary functions closes that door, and compiling the accepted tree to closures is
 * ~25× faster than mathjs's evaluator for the 10⁴–10⁵ samples an FFT needs.
 */
import { createRequire } from 'node:module';
import type { MathNode, parse as mathjsParse } from 'mathjs';

// mathjs's single-file bundle loads in ~0.3 s where its ESM tree of ~600 modules takes ~1 s, and
// ~2.5 s through tsx's loader (measured): every CLI start and worker pays this, so load the bundle.
const { parse } = createRequire(import.meta.url)('mathjs/lib/browser/math.js') as { parse: typeof mathjsParse };

export type RealFunction = (x: number) => number;

const UNARY_FUNCTIONS: Readonly<Record<string, (a: number) => number>> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan,
  asin: Math.asin, acos: Math.acos, atan: Math.atan,
  sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh,
  exp: Math.exp, log: Math.log, sqrt: Math.sqrt, abs: Math.abs,
  sign: Math.sign, floor: Math.floor, ceil: Math.ceil, round: Math.round,
  cbrt: Math.cbrt, expm1: Math.expm1, log1p: Math.log1p,
};
const BINARY_FUNCTIONS: Readonly<Record<string, (a: number, b: number) => number>> = {
  atan2: Math.atan2, pow: Math.pow,
  mod: (a, b) => a - b * Math.floor(a / b),
};
const VARIADIC_FUNCTIONS: Readonly<Record<string, (...a: number[]) => number>> = {
  max: Math.max, min: Math.min,
};
const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E, tau: 2 * Math.PI };

/** Names a user may call, for error messages and documentation. */
export const ALLOWED_FUNCTIONS: readonly string[] = [
  ...Object.keys(UNARY_FUNCTIONS), ...Object.keys(BINARY_FUNCTIONS), ...Object.keys(VARIADIC_FUNCTIONS),
].sort();

/** Raised when an expression is malformed or uses something outside the allow-list. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
}

/**
 * Compiles `source`, an expression in the single variable `variable`, to a closure.
 *
 * @example
 * compileExpression('cos(x) + 0.6*sin(2*x)', 'x')(0); // returns 1
 */
export function compileExpression(source: string, variable: string): RealFunction {
  if (typeof source !== 'string' || source.trim() === '') {
    throw new ExpressionError(`expression in ${variable} is empty`);
  }
  let tree: MathNode;
  try {
    tree = parse(source);
  } catch (err) {
    throw new ExpressionError(`cannot parse "${source}": ${(err as Error).message}`);
  }
  const fn = compileNode(tree, variable, source);
  return fn;
}

function compileNode(node: MathNode, variable: string, source: string): RealFunction {
  const refuse = (what: string): never => {
    throw new ExpressionError(
      `"${source}": ${what} is not allowed; use numbers, the variable ${variable}, pi, e, tau, ` +
        `+ - * / ^ and the functions ${ALLOWED_FUNCTIONS.join(', ')}`,
    );
  };
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value !== 'number' || !Number.isFinite(value)) return refuse(`the constant ${String(value)}`);
      return () => value;
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      if (name === variable) return (x) => x;
      if (Object.hasOwn(CONSTANTS, name)) {
        const v = CONSTANTS[name]!;
        return () => v;
      }
      return refuse(`the name "${name}"`);
    }
    case 'ParenthesisNode':
      return compileNode((node as unknown as { content: MathNode }).content, variable, source);
    case 'OperatorNode': {
      const op = node as unknown as { fn: string; args: MathNode[] };
      const args = op.args.map((a) => compileNode(a, variable, source));
      if (args.length === 1) {
        const a = args[0]!;
        if (op.fn === 'unaryMinus') return (x) => -a(x);
        if (op.fn === 'unaryPlus') return a;
        return refuse(`the operator ${op.fn}`);
      }
      if (args.length === 2) {
        const a = args[0]!;
        const b = args[1]!;
        switch (op.fn) {
          case 'add': return (x) => a(x) + b(x);
          case 'subtract': return (x) => a(x) - b(x);
          case 'multiply': return (x) => a(x) * b(x);
          case 'divide': return (x) => a(x) / b(x);
          case 'pow': return (x) => Math.pow(a(x), b(x));
          default: return refuse(`the operator ${op.fn}`);
        }
      }
      return refuse(`the operator ${op.fn}`);
    }
    case 'FunctionNode': {
      const call = node as unknown as { fn: MathNode; args: MathNode[] };
      if (call.fn.type !== 'SymbolNode') return refuse('a computed function');
      const name = (call.fn as unknown as { name: string }).name;
      const args = call.args.map((a) => compileNode(a, variable, source));
      const unary = Object.hasOwn(UNARY_FUNCTIONS, name) ? UNARY_FUNCTIONS[name] : undefined;
      if (unary) {
        if (args.length !== 1) return refuse(`${name} with ${args.length} arguments`);
        const a = args[0]!;
        return (x) => unary(a(x));
      }
      const binary = Object.hasOwn(BINARY_FUNCTIONS, name) ? BINARY_FUNCTIONS[name] : undefined;
      if (binary) {
        if (args.length !== 2) return refuse(`${name} with ${args.length} arguments`);
        const a = args[0]!;
        const b = args[1]!;
        return (x) => binary(a(x), b(x));
      }
      const variadic = Object.hasOwn(VARIADIC_FUNCTIONS, name) ? VARIADIC_FUNCTIONS[name] : undefined;
      if (variadic) {
        if (args.length < 1) return refuse(`${name} with no arguments`);
        return (x) => {
          let r = args[0]!(x);
          for (let k = 1; k < args.length; k++) r = variadic(r, args[k]!(x));
          return r;
        };
      }
      return refuse(`the function "${name}"`);
    }
    default:
      return refuse(`the construct ${node.type}`);
  }
}
