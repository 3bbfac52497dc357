/**
 * The `liouville` library: the torus problem, the finite-n particle engines, the mean-field
 * solvers and the CLT prediction, and the studies with their statistics and verdicts. The same
 * modules the CLI uses; each is also importable alone (`liouville/model`, `liouville/particles`,
 * `liouville/solver`, `liouville/compare`). See docs/api.md and examples/.
 */
export * from './model/index.ts';
export * from './particles/index.ts';
export * from './solver/index.ts';
export * from './compare/index.ts';
