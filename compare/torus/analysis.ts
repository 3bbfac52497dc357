/**
 * A GD/SGD study's analysis: measure (`measureStudy.ts`: every number, with its interval), then
 * decide (`compare/verdicts/studyVerdicts.ts`: the propositions' verdicts from those numbers alone). The
 * result is what a study's file records under `analysis`.
 */
import type { MemberResult } from './member.ts';
import { measureStudy } from './measureStudy.ts';
import type {
  AsymptoticAnalysis, CellMetrics, ControlVariateRecord, GaussianityRecord, HealingTime, PrefactorDecay, ReferenceCheck, SlopeRecord, TwoTermRecord,
} from './measurements.ts';
import type { PrefactorComparison } from './prediction.ts';
import type { StudyReference } from './reference.ts';
import type { StudySpec } from './studySpec.ts';
import { decideStudy } from '../verdicts/studyVerdicts.ts';
import type { Verdict } from '../verdicts/verdict.ts';

export interface StudyAnalysis {
  readonly cells: CellMetrics[];
  readonly slopes: SlopeRecord[];
  readonly twoTerm: TwoTermRecord[];
  readonly gaussianity: GaussianityRecord[];
  readonly referenceCheck: ReferenceCheck[];
  /** Measured `n·E‖f_n − f₀‖²` (pooled over the upper half of the ladder) against the prediction; null without one. */
  readonly prefactor: PrefactorComparison[] | null;
  /** `P(t)/P(0)`, total and per mode, measured and predicted (Prop. 3.2's `f½(t) → 0`); null without t = 0. */
  readonly prefactorDecay: PrefactorDecay | null;
  /** When each `n` heals: the time its `n^{-1}` term falls below the `n^{-2}` one; null where no crossing is resolved. */
  readonly healingTime: HealingTime | null;
  /** Prop. 3.3 on the study's growing-time schedules; null for a study without them. */
  readonly asymptotic: AsymptoticAnalysis | null;
  /** Per time, the control variate's exact expectation and its variance reduction per rung; null without one. */
  readonly controlVariate: ControlVariateRecord[] | null;
  readonly verdicts: Verdict[];
}

export function analyseStudy(spec: StudySpec, reference: StudyReference, members: readonly MemberResult[]): StudyAnalysis {
  const m = measureStudy(spec, reference, members);
  const verdicts = decideStudy(m);
  return {
    cells: m.cells, slopes: m.slopes, twoTerm: m.twoTerm, gaussianity: m.gaussianity, referenceCheck: m.referenceCheck,
    prefactor: m.prefactor, prefactorDecay: m.prefactorDecay, healingTime: m.healingTime, asymptotic: m.asymptotic,
    controlVariate: m.controlVariate, verdicts,
  };
}
