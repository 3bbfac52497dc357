/**
 * The flags that define a torus problem and its initial law, shared by every command that builds
 * one, and the record of the problem that result files carry.
 */
import { assembleTorusProblem, createTarget, createUnit, type InitialLaw, type TorusProblem } from '../model/index.ts';
import { z } from 'zod';
import { UsageError } from './flags.ts';
import type { ParameterTable } from './parameters.ts';

/** The problem and its initial law, as every command that builds one takes them. */
export const PROBLEM_PARAMETERS = {
  unit: { flag: 'unit', kind: 'string', value: 'spec', default: 'vonmises:2', schema: z.string().trim().min(1), help: 'unit ψ: vonmises:κ | relu | sigmoid:β | expr:<mathjs expression in u>', allowed: 'a unit spec: vonmises:κ | relu | sigmoid:β | expr:<expression in u>' },
  target: { flag: 'target', kind: 'string', value: 'expr', default: 'cos(x)', schema: z.string().trim().min(1), help: 'target f as a mathjs expression in x, e.g. "cos(x) + 0.6*sin(2*x)"', allowed: 'a non-empty mathjs expression in x' },
  sigmaC: { flag: 'sigma-c', kind: 'number', value: 'σ', default: '1', schema: z.number().min(0), help: 'standard deviation σ_c >= 0 of c under ρ_in', allowed: 'a finite number >= 0' },
  cMean: { flag: 'c-mean', kind: 'number', value: 'c̄', default: '0', schema: z.number(), help: 'mean c̄ of c under ρ_in', allowed: 'a finite number' },
  modeTolerance: { flag: 'mode-tol', kind: 'number', value: 'tol', default: '1e-14', schema: z.number().gt(0).lt(1), help: 'relative L² tail energy allowed when truncating ψ and f to Fourier modes', allowed: 'a number in (0, 1)' },
  maxModes: { flag: 'max-modes', kind: 'number', value: 'M', default: '512', schema: z.int().min(1), help: 'largest number of Fourier modes kept', allowed: 'an integer >= 1' },
} as const satisfies ParameterTable;

/** The same for the commands that need a density for ρ_in (the mean-field solvers, the studies): σ_c > 0. */
export const DENSITY_PROBLEM_PARAMETERS = {
  ...PROBLEM_PARAMETERS,
  sigmaC: { ...PROBLEM_PARAMETERS.sigmaC, schema: z.number().gt(0), help: 'standard deviation σ_c > 0 of c under ρ_in', allowed: 'a finite number > 0 (ρ_in needs a density)' },
} as const satisfies ParameterTable;


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


function attempt<T>(flag: string, build: () => T, key: string, value: string): T {
  try {
    return build();
  } catch (err) {
    throw new UsageError(`--${flag} (config "${key}"): got ${JSON.stringify(value)}: ${(err as Error).message}`);
  }
}
