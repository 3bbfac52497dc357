/**
 * A whole study, the one pipeline the CLI and the library share: declare the primary verdicts,
 * compute the reference, run the members (all of them, or one shard), analyse. `--shard i/N` runs
 * only `runStudyShard` for its slice and `merge` joins the slices and calls `analyseStudy`, so the
 * numbers are those of one uninterrupted run; a checkpoint (`openCheckpoint`) lets a killed run
 * continue where it stopped with the same numbers again (members are deterministic).
 */
import { availableParallelism } from 'node:os';
import { declarePrimaryVerdicts } from '../verdicts/family.ts';
import { analyseStudy, type StudyAnalysis } from './analysis.ts';
import type { MemberResult, ReferenceMarginals } from './member.ts';
import { runMembers, sortMembers, type MemberTask } from './memberPool.ts';
import type { CltPredictionRecord } from './prediction.ts';
import {
  assembleReference, computeMarginals, computeReference, joinReferenceParts, type ReferenceFhat, type ReferencePart, type StudyReference,
} from './reference.ts';
import { runOnWorkers, workerEntry } from '../workerPool.ts';
import { validateStudySpec, type StudySpec } from './studySpec.ts';

export interface Shard {
  /** 0-based slice index and the number of slices. */
  readonly index: number;
  readonly count: number;
}

export interface StudyHooks {
  /** A stage begins (the declared verdicts, each reference computation, the members, the analysis). */
  onStage?(what: string): void;
  /** The members about to run (those in the checkpoint excluded), before the first starts. */
  onMembersStart?(tasks: readonly MemberTask[]): void;
  /** A member finished: `done` of the `total` members this call runs (those in the checkpoint excluded). */
  onMemberDone?(result: MemberResult, done: number, total: number): void;
}

/** Where a run keeps its finished members: those `done` are not rerun, each new one is `append`ed as it completes. */
export interface MemberStore {
  readonly done: readonly MemberResult[];
  append(member: MemberResult): void;
}

export interface StudyRunOptions extends StudyHooks {
  /** Worker threads (default: every core); 0 runs in the calling thread. Results do not depend on it. */
  readonly workers?: number;
  /** The members already run and where to record new ones (`openCheckpoint`). */
  readonly checkpoint?: MemberStore;
}

/** Every `(n, r)` of the study, in a fixed order; shard `i/N` takes every N-th from the i-th. */
export function studyTasks(spec: StudySpec, shard: Shard = { index: 0, count: 1 }): MemberTask[] {
  const all: MemberTask[] = [];
  for (const n of spec.ns) for (let r = 0; r < spec.seeds; r++) all.push({ n, r });
  return all.filter((_, k) => k % shard.count === shard.index);
}

export async function runStudyMembers(spec: StudySpec, marginals: ReferenceMarginals | null, workers: number, shard: Shard | undefined,
  hooks: StudyHooks = {}): Promise<MemberResult[]> {
  return runPending(spec, shard, marginals, { ...hooks, workers });
}

/** The members of `shard` (or of the whole study) that the checkpoint does not hold. */
export function pendingTasks(spec: StudySpec, shard: Shard | undefined, store: MemberStore | undefined): MemberTask[] {
  const done = new Set(store?.done.map((m) => `${m.n}/${m.r}`) ?? []);
  return studyTasks(spec, shard).filter((t) => !done.has(`${t.n}/${t.r}`));
}

/** The pending members run and recorded; with those done, sorted by (n, r). */
async function runPending(spec: StudySpec, shard: Shard | undefined, marginals: ReferenceMarginals | null, options: StudyRunOptions,
  signal?: AbortSignal): Promise<MemberResult[]> {
  const store = options.checkpoint;
  const tasks = pendingTasks(spec, shard, store);
  options.onMembersStart?.(tasks);
  const fresh = await runMembers(spec, tasks, marginals, {
    workers: options.workers ?? availableParallelism(),
    ...(signal ? { signal } : {}),
    onMemberDone: (m, k, total) => {
      store?.append(m);
      options.onMemberDone?.(m, k, total);
    },
  });
  return sortMembers([...(store?.done ?? []), ...fresh]);
}

export interface StudyOutcome {
  readonly spec: StudySpec;
  readonly reference: StudyReference;
  readonly members: MemberResult[];
  readonly analysis: StudyAnalysis;
}

/** The study, start to verdicts. Write it with `writeStudyResult` (a result file the report and `liouville export` read). */
export async function runStudy(spec: StudySpec, options: StudyRunOptions = {}): Promise<StudyOutcome> {
  validateStudySpec(spec);
  const workers = options.workers ?? availableParallelism();
  options.onStage?.(`primary verdicts (declared before the run, one Holm family):\n${declarePrimaryVerdicts(spec).map((d) => `  - ${d}`).join('\n')}`);
  const { reference, members } = await referenceAndMembers(spec, undefined, { ...options, workers });
  options.onStage?.('analysis');
  return { spec, reference, members, analysis: analyseStudy(spec, reference, members) };
}

/**
 * The reference and the members of `shard`. The members need only the density's marginals; with
 * worker threads, `f₀`, its check and the prediction are computed on a thread of their own while
 * the members run, so the cores are not left to one serial solve. The numbers do not depend on it.
 */
async function referenceAndMembers(spec: StudySpec, shard: Shard | undefined, options: StudyRunOptions & { workers: number }):
  Promise<{ reference: StudyReference; members: MemberResult[] }> {
  const membersStage = `members: ${spec.ns.length} values of n × ${spec.seeds} seeds on ${options.workers || 1} thread(s)`;
  if (options.workers === 0) {
    const reference = computeReference(spec, options.onStage);
    options.onStage?.(membersStage);
    return { reference, members: await runPending(spec, shard, reference.marginals, options) };
  }
  options.onStage?.(`reference: f₀ (${spec.reference.method ?? 'lagrangian'} ${spec.reference.ny}×${spec.reference.nc}) with its check${spec.prediction ? ', and the prediction' : ''}` +
    `${spec.prediction?.control === 'transport' ? ' with the members\' transported linear responses' : ''}, on threads beside the members`);
  // a failed reference stops the members (and the other way round: the reference workers are ended with the pool's error)
  const stop = new AbortController();
  const fail = (err: unknown): never => {
    stop.abort(err);
    throw err;
  };
  // f₀ and the prediction on a thread each, started first: they run while this thread computes the
  // density the members need, and after the members the two that are left share the cores
  const parts: ReferencePart['part'][] = spec.prediction ? ['fhat', 'prediction'] : ['fhat'];
  const referenceParts = runOnWorkers<ReferencePart['part'], ReferencePart>(workerEntry(import.meta.url, 'referenceWorker'), { spec }, parts, parts.length,
    undefined, stop.signal, options.onStage).catch(fail);
  const started = performance.now();
  let density: ReturnType<typeof computeMarginals>;
  try {
    density = computeMarginals(spec, options.onStage);
  } catch (err) {
    stop.abort(err);
    await referenceParts.catch(() => undefined);
    throw err;
  }
  const densitySeconds = (performance.now() - started) / 1000;
  options.onStage?.(membersStage);
  const [done, members] = await Promise.all([referenceParts, runPending(spec, shard, density?.marginals ?? null, options, stop.signal).catch(fail)]);
  let fhat: ReferenceFhat | null = null;
  let prediction: CltPredictionRecord | null = null;
  for (const p of done) {
    if (p.part === 'fhat') fhat = p.value;
    else prediction = p.value;
  }
  return { reference: assembleReference(joinReferenceParts(fhat!, prediction), density, densitySeconds), members };
}

/** A slice's members, and for the first slice the study's reference (`null` for the others). */
export interface StudyShardOutcome {
  readonly members: MemberResult[];
  readonly reference: StudyReference | null;
}

/**
 * One slice of the members (`studyTasks(spec, shard)`), measured against the reference marginals.
 * The first slice computes the whole reference (f₀ with its check, the density, the prediction)
 * while the others run, so `liouville merge` only joins the slices and decides; the others compute
 * the marginals alone.
 */
export async function runStudyShard(spec: StudySpec, shard: Shard, options: StudyRunOptions = {}): Promise<StudyShardOutcome> {
  validateStudySpec(spec);
  options.onStage?.(`shard ${shard.index + 1}/${shard.count}`);
  if (shard.index === 0) return referenceAndMembers(spec, shard, { ...options, workers: options.workers ?? availableParallelism() });
  const density = computeMarginals(spec, options.onStage);
  return { members: await runPending(spec, shard, density?.marginals ?? null, options), reference: null };
}
