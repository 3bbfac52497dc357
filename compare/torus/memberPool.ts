/**
 * Runs ensemble members on a pool of worker threads, largest `n` first so the long runs do not
 * finish last. Results are keyed by `(n, r)` and returned sorted, and each member depends only on
 * its own random stream, so the result is identical for 1 or N workers (tested).
 */
import { runMember, type MemberResult, type ReferenceMarginals } from './member.ts';
import type { StudySpec } from './studySpec.ts';
import { runOnWorkers, workerEntry } from '../workerPool.ts';

export interface MemberTask {
  readonly n: number;
  readonly r: number;
}

export interface PoolOptions {
  /** Worker threads; 0 runs the members in this thread (no pool). */
  readonly workers: number;
  /** Aborted when another part of the run failed: the pool stops. */
  readonly signal?: AbortSignal;
  onMemberDone?(result: MemberResult, done: number, total: number): void;
}

export function sortMembers(members: MemberResult[]): MemberResult[] {
  return members.sort((a, b) => a.n - b.n || a.r - b.r);
}

export async function runMembers(spec: StudySpec, tasks: readonly MemberTask[], marginals: ReferenceMarginals | null,
  opts: PoolOptions): Promise<MemberResult[]> {
  const queue = [...tasks].sort((a, b) => b.n - a.n || a.r - b.r);
  const results: MemberResult[] = [];
  if (opts.workers === 0 || queue.length === 0) {
    for (const t of queue) {
      const res = runMember(spec, t.n, t.r, marginals);
      results.push(res);
      opts.onMemberDone?.(res, results.length, tasks.length);
    }
    return sortMembers(results);
  }
  const done = await runOnWorkers<MemberTask, MemberResult>(workerEntry(import.meta.url, 'memberWorker'), { spec, marginals }, queue, opts.workers,
    opts.onMemberDone, opts.signal);
  return sortMembers(done);
}
