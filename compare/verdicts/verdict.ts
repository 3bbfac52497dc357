/**
 * The verdict model: every conclusion the tool prints is a test of one proposition of the paper,
 * in that proposition's regime, with three outcomes.
 *
 * A verdict holds a measurement (estimate and confidence interval), a decision rule, and the
 * regime check that says whether the proposition predicts anything at this `(n, t)`:
 *
 * - `band` (θ, δ): the theory predicts θ; deviations below δ are allowed by what the finite study
 *   cannot remove (stated per rule, where the rule is made). **agrees** when the interval lies in
 *   `[θ − δ, θ + δ]`; **disagrees** when it lies wholly outside that band; otherwise **not resolved**.
 * - `atMost` (b): the theory predicts a value ≤ b. agrees when the interval's upper end is ≤ b;
 *   disagrees when its lower end is > b. `atLeast` is the mirror image.
 * - a verdict whose regime is not reached (say, an `n`-ladder below the crossover where the
 *   `n^{-2}` term still dominates) is **not resolved** whatever its interval, and says why.
 *
 * Intervals become p-values by a two-piece normal that reproduces them exactly: the spread on the
 * upper side is `(upper − estimate)/z`, on the lower side `(estimate − lower)/z`, with `z` the
 * interval's normal quantile. So "p ≤ 1 − level" is the same decision as the interval rule above,
 * and the same p-values can be corrected for multiplicity. Each study declares its **primary**
 * verdicts; their family is corrected by Holm's step-down procedure (S. Holm, "A simple
 * sequentially rejective multiple test procedure", Scand. J. Statist. 6 (1979) 65–70) on the
 * p-value of the decision each verdict would take. Everything else is **descriptive**: decided at
 * the nominal level, and shown as such.
 *
 * Power: every verdict records the smallest deviation from θ (or beyond the bound) that it would
 * report as a disagreement with probability 0.8 at its (Bonferroni-bounded) level: δ + (z_{1−α/2}
 * + z_{0.8})·s, with `s` the interval's spread. An "agrees" is never stronger than that number.
 */
import type { Measurement } from '../statistics/measurement.ts';
import { normalCdf } from '../statistics/normalDistribution.ts';
import { normalQuantile } from '../statistics/normalQuantile.ts';

export type { Measurement };

export type Outcome = 'agrees' | 'disagrees' | 'not resolved';
export type Role = 'primary' | 'descriptive';

export type DecisionRule =
  | { readonly kind: 'band'; readonly theta: number; readonly delta: number }
  | { readonly kind: 'atMost'; readonly bound: number }
  | { readonly kind: 'atLeast'; readonly bound: number };


/** What a study module hands over: everything but the decision. */
export interface VerdictDraft {
  /** The claim in a few words, for tables ("slope of E‖f_n − f₀‖² is −1"). */
  readonly claim: string;
  /** The proposition tested, by the paper's number and short name, e.g. "Prop. 3.2 (CLT for GD)". */
  readonly proposition: string;
  /** What the proposition says, in one sentence. */
  readonly statement: string;
  /** What is measured, and how (fit, pooling, ladder). */
  readonly quantity: string;
  /** The proposition's hypothesis and the regime of this row (times, ladder, schedule). */
  readonly hypothesis: string;
  readonly t: number | null;
  readonly role: Role;
  readonly measurement: Measurement;
  readonly rule: DecisionRule;
  /** Why δ or the bound is what it is. */
  readonly justification: string;
  /** The theory's value at this `(n, t)`, in words (e.g. "−1", "0.2070 (linearised flow)"). */
  readonly theory: string;
  /** False when the proposition predicts nothing decidable here; `regimeNote` says why. */
  readonly inRegime: boolean;
  readonly regimeNote: string | null;
  /** For a test that is not an interval rule (normality): its own p-values, used in place of `rulePValues`. */
  readonly pValues?: { readonly pAgree: number; readonly pDisagree: number };
}

export interface Verdict extends VerdictDraft {
  /** p-value of "the truth is outside the band / beyond the bound" (small: the data show agreement). */
  readonly pAgree: number;
  /** p-value of "the truth is inside the band / within the bound" (small: the data show disagreement). */
  readonly pDisagree: number;
  /** Family-wise level `α` of the decision. */
  readonly alpha: number;
  /** Holm-adjusted p-value of the decision taken (primary), or the raw one (descriptive); null out of regime. */
  readonly adjustedP: number | null;
  /** Primary verdicts in the study's family (the Holm multiplicity). */
  readonly familySize: number;
  readonly outcome: Outcome;
  /** The smallest deviation from the theory's value this row would detect as "disagrees" with 80% power. */
  readonly detectable: number;
}

const Z_POWER_80 = 0.8416212335729143;

/** The two one-sided spreads the interval implies (a zero width gives a zero spread). */
function spreads(m: Measurement): { below: number; above: number } {
  const z = normalQuantile((1 + m.level) / 2);
  return { below: Math.max(0, m.estimate - m.lower) / z, above: Math.max(0, m.upper - m.estimate) / z };
}

/** `2·P(X ≥ x)` for `X` the two-piece normal around the estimate (so that 1 − level ⇔ the interval's end). */
function twoSidedTailAbove(m: Measurement, x: number): number {
  if (x < m.estimate) return 1;
  const { above } = spreads(m);
  if (above === 0) return x === m.estimate ? 1 : 0;
  return Math.min(1, 2 * normalCdf(-(x - m.estimate) / above));
}

/** `2·P(X ≤ x)`, the mirror image. */
function twoSidedTailBelow(m: Measurement, x: number): number {
  if (x > m.estimate) return 1;
  const { below } = spreads(m);
  if (below === 0) return x === m.estimate ? 1 : 0;
  return Math.min(1, 2 * normalCdf(-(m.estimate - x) / below));
}

/**
 * The p-values of the two decisions. For a band, agreement is the two one-sided tests against its
 * edges (TOST), disagreement the nearer edge's one-sided test; at `1 − level` each equals the
 * interval rule in the header.
 */
export function rulePValues(m: Measurement, rule: DecisionRule): { pAgree: number; pDisagree: number } {
  switch (rule.kind) {
    case 'band': {
      const hi = rule.theta + rule.delta;
      const lo = rule.theta - rule.delta;
      return {
        pAgree: Math.max(twoSidedTailAbove(m, hi), twoSidedTailBelow(m, lo)),
        pDisagree: Math.min(twoSidedTailBelow(m, hi), twoSidedTailAbove(m, lo)),
      };
    }
    case 'atMost':
      return { pAgree: twoSidedTailAbove(m, rule.bound), pDisagree: twoSidedTailBelow(m, rule.bound) };
    case 'atLeast':
      return { pAgree: twoSidedTailBelow(m, rule.bound), pDisagree: twoSidedTailAbove(m, rule.bound) };
  }
}

/** A draft's p-values: its own where it carries them, else its rule's on its measurement. */
export function verdictPValues(d: VerdictDraft): { pAgree: number; pDisagree: number } {
  if (d.pValues) return d.pValues;
  const m = d.measurement;
  // a row with nothing measured (a quantity at the resolution floor) decides nothing
  if (![m.estimate, m.lower, m.upper].every(Number.isFinite)) return { pAgree: 1, pDisagree: 1 };
  return rulePValues(m, d.rule);
}

/** Holm's step-down adjusted p-values (monotone, capped at 1), in the input order. */
export function holmAdjust(p: readonly number[]): number[] {
  const order = p.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(p.length);
  let running = 0;
  order.forEach(([v, i], rank) => {
    running = Math.max(running, Math.min(1, (p.length - rank) * v));
    out[i] = running;
  });
  return out;
}

/** The decision of one verdict from its p-values at level α (the rule in the header). */
export function decide(pAgree: number, pDisagree: number, alpha: number, inRegime: boolean): Outcome {
  if (!inRegime) return 'not resolved';
  if (pAgree <= alpha) return 'agrees';
  if (pDisagree <= alpha) return 'disagrees';
  return 'not resolved';
}

/** The deviation from the theory's value that the rule would call a disagreement with 80% power at level α. */
export function detectableDeviation(m: Measurement, rule: DecisionRule, alpha: number): number {
  const { below, above } = spreads(m);
  const s = Math.max(below, above);
  const reach = (normalQuantile(1 - alpha / 2) + Z_POWER_80) * s;
  return rule.kind === 'band' ? rule.delta + reach : reach;
}

/**
 * Decides a study's verdicts: the primary ones as one Holm family (each on the p-value of the
 * decision it would take), the descriptive ones at the nominal level.
 */
export function finaliseVerdicts(drafts: readonly VerdictDraft[], alpha = 0.05): Verdict[] {
  const ps = drafts.map(verdictPValues);
  const primary = drafts.map((d, k) => (d.role === 'primary' && d.inRegime ? k : -1)).filter((k) => k >= 0);
  const adjusted = holmAdjust(primary.map((k) => Math.min(ps[k]!.pAgree, ps[k]!.pDisagree)));
  const adjustedOf = new Map(primary.map((k, j) => [k, adjusted[j]!]));
  const familySize = primary.length;
  return drafts.map((d, k) => {
    const { pAgree, pDisagree } = ps[k]!;
    const adj = adjustedOf.get(k);
    let outcome: Outcome;
    let adjustedP: number | null = null;
    if (adj !== undefined) {
      adjustedP = adj;
      outcome = adj <= alpha ? (pAgree <= pDisagree ? 'agrees' : 'disagrees') : 'not resolved';
    } else {
      outcome = decide(pAgree, pDisagree, alpha, d.inRegime);
      if (d.inRegime) adjustedP = Math.min(pAgree, pDisagree);
    }
    const levelForPower = d.role === 'primary' ? alpha / Math.max(1, familySize) : alpha;
    return {
      ...d, pAgree, pDisagree, alpha, adjustedP, familySize: d.role === 'primary' ? familySize : 0, outcome,
      detectable: detectableDeviation(d.measurement, d.rule, levelForPower),
    };
  });
}

/** Re-applies a finalised verdict's rule to its own record (tests use it: a changed rule cannot stay silent). */
export function outcomeFromRecord(v: Verdict): Outcome {
  if (!v.inRegime) return 'not resolved';
  const { pAgree, pDisagree } = verdictPValues(v);
  if (v.role === 'primary') {
    return v.adjustedP !== null && v.adjustedP <= v.alpha ? (pAgree <= pDisagree ? 'agrees' : 'disagrees') : 'not resolved';
  }
  return decide(pAgree, pDisagree, v.alpha, v.inRegime);
}

/** The rule in words, for tables: "in −1 ± 0.1", "≤ −1.8", "≥ 1". */
export function ruleText(rule: DecisionRule): string {
  switch (rule.kind) {
    case 'band': return `${fmt(rule.theta)} ± ${fmt(rule.delta)}`;
    case 'atMost': return `≤ ${fmt(rule.bound)}`;
    case 'atLeast': return `≥ ${fmt(rule.bound)}`;
  }
}

export function measurementText(m: Measurement): string {
  return `${fmt(m.estimate)} [${fmt(m.lower)}, ${fmt(m.upper)}]`;
}

/** Short numbers: three decimals in [0.01, 1000), else three significant digits. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a >= 0.01 && a < 1000) return x.toFixed(3);
  return x.toPrecision(3);
}
