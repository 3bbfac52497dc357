/**
 * The record of a torus problem and its initial law that every result file carries under
 * `problem`: the Fourier convention, the retained modes and their tails, `ψ̂` and `f̂` as
 * `[re, im]` pairs, and the law of the initial particles.
 */
import type { InitialLaw } from './initialLaw.ts';
import type { TorusProblem } from './problem.ts';
import { spectrumToPairs } from './spectrum.ts';

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
