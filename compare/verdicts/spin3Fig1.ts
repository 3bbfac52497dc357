/**
 * Sec. 5, Fig. 1 (the 3-spin network, Props. 4.2–4.3 at the paper's scale): the loss of networks
 * trained by SGD with a late quench falls like `n^{-1}` above the loss no `n` removes at that
 * training time. Decided on the floor-aware fit `loss(n) = A + B·n^s` (`statistics/floorFit.ts`)
 * measured in `spin3/spin3Study.ts`: its exponent `s` against the paper's −1.
 */
import type { FloorFitInterval } from '../statistics/floorFit.ts';
import { finaliseVerdicts, type Verdict } from './verdict.ts';

/** The tolerance on the exponent: the paper shows −1 by eye on 6 points per panel; we ask ±0.25. */
export const SPIN3_SLOPE_TOLERANCE = 0.25;

/** What the verdict names: the study's scale, as the result file records it. */
export interface Spin3VerdictContext {
  readonly d: number;
  readonly activation: string;
  readonly ns: readonly number[];
  readonly realizations: number;
  /** The SGD schedule in words (`describeSchedule`). */
  readonly schedule: string;
  readonly level: number;
}

/** `stepNote`: the study's step check found Δt not converged (`spin3Study.ts`): the row is out of regime, with the note. */
export function spin3Verdict(c: Spin3VerdictContext, floorFit: FloorFitInterval | null, stepNote: string | null = null): Verdict {
  const [verdict] = finaliseVerdicts([{
    claim: `3-spin (d = ${c.d}, ${c.activation}): loss − floor ∝ n^s, s = −1`,
    proposition: 'Sec. 5, Fig. 1 (Props. 4.2–4.3 at the paper\'s scale)',
    statement: 'the loss of networks trained by SGD with a late quench falls like n^{-1}',
    quantity: `s of loss(n) = A + B·n^s fitted over n = ${c.ns.join(',')} (weighted by the spread between the ${c.realizations} realizations of a; bootstrap over realizations, Student t)`,
    hypothesis: `d = ${c.d}, ${c.activation}, ${c.schedule}; the floor A is the loss no n removes at this training time`,
    t: null, role: 'primary',
    measurement: floorFit ? { estimate: floorFit.s.estimate, lower: floorFit.s.lower, upper: floorFit.s.upper, level: floorFit.s.level } : { estimate: NaN, lower: NaN, upper: NaN, level: c.level },
    rule: { kind: 'band', theta: -1, delta: SPIN3_SLOPE_TOLERANCE },
    justification: `the paper shows −1 by eye on 6 points per panel; δ = ${SPIN3_SLOPE_TOLERANCE}`,
    theory: '−1 (paper, Fig. 1)',
    inRegime: floorFit !== null && stepNote === null,
    regimeNote: floorFit ? stepNote : 'A + B·n^s needs at least 4 values of n and 2 realizations of a',
  }]);
  return verdict!;
}
