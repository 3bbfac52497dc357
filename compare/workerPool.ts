/**
 * A pool of worker threads for independent tasks: each worker module receives `workerData` once,
 * then one task per message, and answers `{ ok: true, result }` or `{ ok: false, message }`. Tasks
 * are handed out in the given order as workers free up; results come back in completion order
 * (callers sort them). A worker may also post `{ note }` while it works (a stage it entered, its
 * progress): `onNote` gets it. The first failure stops the pool and rejects with its message; so does
 * `signal` when aborted (another part of the run failed).
 */
import { Worker } from 'node:worker_threads';

/**
 * A worker's entry next to the calling module: under tsx (the sources, `.ts`) the `.mjs` shim that
 * registers tsx in the worker; in the built library (`dist/`, `.js`) the compiled worker itself.
 */
export function workerEntry(callerUrl: string, name: string): URL {
  return new URL(callerUrl.endsWith('.ts') ? `./${name}.mjs` : `./${name}.js`, callerUrl);
}

export type WorkerReply<R> = { ok: true; result: R } | { ok: false; message: string } | { note: string };

export async function runOnWorkers<T, R>(workerUrl: URL, workerData: unknown, tasks: readonly T[], workers: number,
  onDone?: (result: R, done: number, total: number) => void, signal?: AbortSignal, onNote?: (note: string) => void): Promise<R[]> {
  if (signal?.aborted) throw signal.reason;
  const queue = [...tasks];
  const results: R[] = [];
  const count = Math.min(workers, queue.length);
  // a worker refuses `--input-type` (given to `node -e`), which it would otherwise inherit
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
  const pool = Array.from({ length: count }, () => new Worker(workerUrl, { workerData, execArgv }));
  try {
    await Promise.all(pool.map((w) => new Promise<void>((resolve, reject) => {
      const next = (): void => {
        const task = queue.shift();
        if (task !== undefined) w.postMessage(task);
        else resolve();
      };
      w.on('message', (msg: WorkerReply<R>) => {
        if ('note' in msg) {
          onNote?.(msg.note);
          return;
        }
        if (!msg.ok) {
          queue.length = 0;
          reject(new Error(msg.message));
          return;
        }
        results.push(msg.result);
        onDone?.(msg.result, results.length, tasks.length);
        next();
      });
      w.on('error', (err) => {
        queue.length = 0;
        reject(err);
      });
      // another part of the run failed: stop handing out tasks and give up
      signal?.addEventListener('abort', () => {
        queue.length = 0;
        reject(signal.reason);
      }, { once: true });
      next();
    })));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
