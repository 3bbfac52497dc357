/**
 * Runs ensemble members on a pool of worker threads, largest `n` first so the long runs do not
 * finish last. Results are keyed by `(n, r)` and returned sorted, and each member depends only on
 * its own random stream, so the result is identical for 1 or N workers (tested).
 */
import { Worker } from 'node:worker_threads';
import { runMember, type MemberResult, type ReferenceMarginals } from './member.ts';
import type { StudySpec } from './studySpec.ts';

export interface MemberTask {
  readonly n: number;
  readonly r: number;
}

export interface PoolOptions {
  /** Worker threads; 0 runs the members in this thread (no pool). */
  readonly workers: number;
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
  const count = Math.min(opts.workers, queue.length);
  const workers = Array.from({ length: count }, () => new Worker(new URL('./memberWorker.mjs', import.meta.url), { workerData: { spec, marginals } }));
  try {
    await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
      const next = (): void => {
        const task = queue.shift();
        if (task) w.postMessage(task);
        else resolve();
      };
      w.on('message', (msg: { ok: true; result: MemberResult } | { ok: false; message: string }) => {
        if (!msg.ok) {
          queue.length = 0;
          reject(new Error(msg.message));
          return;
        }
        results.push(msg.result);
        opts.onMemberDone?.(msg.result, results.length, tasks.length);
        next();
      });
      w.on('error', (err) => {
        queue.length = 0;
        reject(err);
      });
      next();
    })));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return sortMembers(results);
}
