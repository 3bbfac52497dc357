/**
 * The flags that define a torus problem and its initial law, shared by every command that builds
 * one, and the record of the problem that result files carry.
 */
import { assembleTorusProblem, createTarget, createUnit, spectrumToPairs, type InitialLaw, type TorusProblem } from '../model/index.ts';
import { UsageError, type FlagSpec } from './flags.ts';

export const PROBLEM_FLAGS: readonly FlagSpec[] = [
  { name: 'unit', value: 'spec', default: 'vonmises:2', help: 'unit ψ: vonmises:κ | relu | sigmoid:β | expr:<mathjs expression in u>' },
  { name: 'target', value: 'expr', default: 'cos(x)', help: 'target f as a mathjs expression in x, e.g. "cos(x) + 0.6*sin(2*x)"' },
  { name: 'sigma-c', value: 'σ', default: '1', help: 'standard deviation σ_c >= 0 of c under ρ_in' },
  { name: 'c-mean', value: 'c̄', default: '0', help: 'mean c̄ of c under ρ_in' },
  { name: 'mode-tol', value: 'tol', default: '1e-14', help: 'relative L² tail energy allowed when truncating ψ and f to Fourier modes' },
  { name: 'max-modes', value: 'M', default: '512', help: 'largest number of Fourier modes kept' },
];

export interface ProblemChoice {
  readonly problem: TorusProblem;
  readonly law: InitialLaw;
}

/** The problem of a validated config (cli/configSchema.ts); an unknown unit or a bad expression names its flag and key. */
export function problemFromConfig(cfg: ProblemConfig): ProblemChoice {
  const { modeTolerance, maxModes } = cfg;
  const fftSize = Math.max(65536, 2 ** Math.ceil(Math.log2(4 * maxModes)));
  const options = { modeTolerance, maxModes, fftSize };
  const unit = attempt('unit', () => createUnit(cfg.unit, options), 'unit', cfg.unit);
  const target = attempt('target', () => createTarget(cfg.target, options), 'target', cfg.target);
  const problem = assembleTorusProblem(unit, target, options);
  return { problem, law: { cMean: cfg.cMean, sigmaC: cfg.sigmaC } };
}

export interface ProblemConfig {
  readonly unit: string;
  readonly target: string;
  readonly sigmaC: number;
  readonly cMean: number;
  readonly modeTolerance: number;
  readonly maxModes: number;
}

/** What a result file records of the problem: enough to rebuild it and to judge its truncation. */
export function problemRecord(problem: TorusProblem, law: InitialLaw): Record<string, unknown> {
  const { unit, target } = problem;
  return {
    domain: 'torus',
    fourierConvention: 'ĝ_m = ∫ g(x) e^{−imx} dμ(x), μ = dx/2π; g(x) = Re ĝ_0 + 2 Σ_{m≥1} Re(ĝ_m e^{imx})',
    M: problem.M,
    modeTolerance: problem.options.modeTolerance,
    maxModes: problem.options.maxModes,
    unit: {
      spec: unit.spec, modes: unit.modes, relativeTailEnergy: unit.relativeTailEnergy, capped: unit.capped,
      energy: unit.energy, coefficientSource: unit.coefficientSource, psihat: spectrumToPairs(unit.psihat),
    },
    target: {
      expression: target.expression, modes: target.modes, relativeTailEnergy: target.relativeTailEnergy,
      energy: target.energy, unreachableEnergy: problem.targetTail, fhat: spectrumToPairs(problem.fhat),
    },
    initialLaw: { y: 'uniform on [0, 2π)', c: `normal(mean ${law.cMean}, sd ${law.sigmaC})`, cMean: law.cMean, sigmaC: law.sigmaC },
  };
}

function attempt<T>(flag: string, build: () => T, key: string, value: string): T {
  try {
    return build();
  } catch (err) {
    throw new UsageError(`--${flag} (config "${key}"): got ${JSON.stringify(value)}: ${(err as Error).message}`);
  }
}
