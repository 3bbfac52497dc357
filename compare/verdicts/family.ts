/**
 * A study's primary verdicts, declared from its spec before any member runs (and recorded in the
 * result file): the family Holm corrects is fixed by the design, not chosen after seeing the data.
 * Each proposition's file states its own rows.
 */
import type { StudySpec } from '../torus/studySpec.ts';
import { llnPrimaryDeclaration } from './prop31Lln.ts';
import { cltPrimaryDeclaration } from './prop32Clt.ts';
import { asymptoticPrimaryDeclaration } from './prop33Asymptotic.ts';
import { sgdPrimaryDeclaration } from './prop4Sgd.ts';

export function declarePrimaryVerdicts(spec: StudySpec): string[] {
  return [...cltPrimaryDeclaration(spec), ...asymptoticPrimaryDeclaration(spec), ...sgdPrimaryDeclaration(spec), ...llnPrimaryDeclaration(spec)];
}
