/**
 * The verdicts of a GD/SGD study, decided from its measurements (`torus/measurements.ts`) alone: each
 * proposition file turns what was measured into drafts, and `finaliseVerdicts` applies the rules
 * and the family-wise levels. The order of the drafts is the order of the verdict table.
 */
import type { StudyMeasurements } from '../torus/measurements.ts';
import { llnVerdicts } from './prop31Lln.ts';
import { cltVerdicts } from './prop32Clt.ts';
import { asymptoticVerdicts } from './prop33Asymptotic.ts';
import { sgdVerdicts } from './prop4Sgd.ts';
import { finaliseVerdicts, type Verdict, type VerdictDraft } from './verdict.ts';

export function decideStudy(measured: StudyMeasurements): Verdict[] {
  const { spec } = measured;
  const drafts: VerdictDraft[] = [
    ...(spec.claims.includes('clt') || spec.claims.includes('healing') ? cltVerdicts(measured) : []),
    ...(measured.asymptotic ? asymptoticVerdicts(spec, measured.asymptotic) : []),
    ...(measured.sgd ? sgdVerdicts(measured) : []),
    ...(spec.claims.includes('lln') ? llnVerdicts(measured) : []),
  ];
  return finaliseVerdicts(drafts);
}
