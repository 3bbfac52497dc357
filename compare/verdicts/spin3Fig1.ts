/**
 * Sec. 5, Fig. 1 (the 3-spin network, Props. 4.2–4.3 at the paper's scale): the loss of networks
 * trained by SGD with a late quench falls like `n^{-1}` above the loss no `n` removes at that
 * training time. Decided on the floor-aware fit `loss(n) = A + B·n^s` (`statistics/floorFit.ts`)
 * measured in `spin3/spin3Study.ts`: its exponent `s` against the paper's −1.
 */
import type { FloorFitInterval } from '../statistics/floorFit.ts';
import { finaliseVerdicts, type Verdict, type VerdictDraft } from './verdict.ts';

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
  return finaliseVerdicts([spin3VerdictDraft(c, floorFit, stepNote)])[0]!;
}

/** The row at the run's own Δt, before the family decides it. */
export function spin3VerdictDraft(c: Spin3VerdictContext, floorFit: FloorFitInterval | null, stepNote: string | null = null): VerdictDraft {
  return {
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
  };
}

/**
 * The same claim decided on the exponent extrapolated to `Δt → 0` by the study's step check
 * (`statistics/stepExtrapolation.ts`): what the verdict at the run's own `Δt` is held back for when
 * halving the step moves the exponent. Its interval is the extrapolation's (bootstrap over the
 * checked realizations, Student t), so it carries the step's own uncertainty. It is decided in one
 * Holm family with the row at the run's own Δt (both test the same claim; a row held back is not in it).
 */
export function spin3ExtrapolatedDraft(c: Spin3VerdictContext & { readonly checked: number; readonly dt: readonly string[]; readonly order: number; readonly orderObserved: boolean },
  extrapolated: { readonly estimate: number; readonly lower: number; readonly upper: number; readonly level: number }): VerdictDraft {
  return {
    claim: `3-spin (d = ${c.d}, ${c.activation}): s extrapolated to Δt → 0, s = −1`,
    proposition: 'Sec. 5, Fig. 1 (Props. 4.2–4.3 at the paper\'s scale)',
    statement: 'the loss of networks trained by SGD with a late quench falls like n^{-1}, at a vanishing step',
    quantity: `s₀ = Richardson's extrapolation of s of loss(n) = A + B·n^s at Δt = ${c.dt.join(', ')} (order ${c.order.toFixed(2)}, ${c.orderObserved ? 'observed' : 'assumed: forward Euler\'s'}) over n = ${c.ns.join(',')}, on the ${c.checked} realizations rerun (bootstrap over them, Student t)`,
    hypothesis: `d = ${c.d}, ${c.activation}, ${c.schedule}; the exponent is smooth in Δt at the order used`,
    t: null, role: 'primary',
    measurement: { estimate: extrapolated.estimate, lower: extrapolated.lower, upper: extrapolated.upper, level: extrapolated.level },
    rule: { kind: 'band', theta: -1, delta: SPIN3_SLOPE_TOLERANCE },
    justification: `the row at the run's own Δt has the same tolerance; δ = ${SPIN3_SLOPE_TOLERANCE}`,
    theory: '−1 (paper, Fig. 1)',
    inRegime: true, regimeNote: null,
  };
}
