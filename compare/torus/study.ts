/**
 * A whole study: validate, compute the reference, run the members (all, or one shard of them), and
 * analyse. Split so that `--shard i/N` runs only `runStudyMembers` for its slice and `merge` joins
 * the slices and calls `analyseStudy` — the same numbers as one uninterrupted run.
 */
import { analyseStudy, type StudyAnalysis } from './analysis.ts';
import type { MemberResult, ReferenceMarginals } from './member.ts';
import { runMembers, type MemberTask } from './memberPool.ts';
import { computeReference, type StudyReference } from './reference.ts';
import { validateStudySpec, type StudySpec } from './studySpec.ts';

export interface Shard {
  /** 0-based slice index and the number of slices. */
  readonly index: number;
  readonly count: number;
}

export interface StudyHooks {
  onStage?(what: string): void;
  onMemberDone?(result: MemberResult, done: number, total: number): void;
}

/** Every `(n, r)` of the study, in a fixed order; shard `i/N` takes every N-th from the i-th. */
export function studyTasks(spec: StudySpec, shard: Shard = { index: 0, count: 1 }): MemberTask[] {
  const all: MemberTask[] = [];
  for (const n of spec.ns) for (let r = 0; r < spec.seeds; r++) all.push({ n, r });
  return all.filter((_, k) => k % shard.count === shard.index);
}

export async function runStudyMembers(spec: StudySpec, marginals: ReferenceMarginals | null, workers: number, shard: Shard | undefined,
  hooks: StudyHooks = {}): Promise<MemberResult[]> {
  return runMembers(spec, studyTasks(spec, shard), marginals, { workers, ...(hooks.onMemberDone ? { onMemberDone: hooks.onMemberDone } : {}) });
}

export interface StudyOutcome {
  readonly reference: StudyReference;
  readonly members: MemberResult[];
  readonly analysis: StudyAnalysis;
}

export async function runStudy(spec: StudySpec, workers: number, hooks: StudyHooks = {}): Promise<StudyOutcome> {
  validateStudySpec(spec);
  const reference = computeReference(spec, hooks.onStage);
  hooks.onStage?.(`members: ${spec.ns.length} values of n × ${spec.seeds} seeds on ${workers || 1} thread(s)`);
  const members = await runStudyMembers(spec, reference.marginals, workers, undefined, hooks);
  hooks.onStage?.('analysis');
  return { reference, members, analysis: analyseStudy(spec, reference, members) };
}
