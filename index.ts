/**
 * The `liouville` library: the torus problem, the finite-n particle engines, the mean-field
 * solvers and the CLT prediction, the studies with their statistics and verdicts, and the result
 * files. The same modules the CLI uses; each is also importable alone (`liouville/model`,
 * `liouville/particles`, `liouville/solver`, `liouville/compare`, `liouville/io`; the report is
 * `liouville/report`). See docs/api.md and examples/.
 */
export * from './model/index.ts';
export * from './particles/index.ts';
export * from './solver/index.ts';
export * from './compare/index.ts';
export * from './io/index.ts';
