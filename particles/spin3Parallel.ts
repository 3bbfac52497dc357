/**
 * One 3-spin SGD training on several threads (Sec. 5): the units are split into contiguous
 * slices, one per worker thread; each worker trains its slice in its own kernel memory and hands it
 * back to parameters in a `SharedArrayBuffer` at the end of every `train`. Every worker draws the
 * same batch from its own copy of the data stream, so points are never sent; per chunk of the
 * batch the workers exchange only their partial sums `−Σ_{i∈slice} cᵢ h(zᵢ(x_k))` (one barrier),
 * add them in worker order and move their own units. Results are bit-identical for a given worker
 * count and equal to the one-thread engine to rounding (the order of one sum over units changes).
 *
 * The partial sums are double-buffered by chunk parity, so one barrier per chunk suffices: a worker
 * that writes chunk j + 1's partials cannot pass the next barrier, and so cannot overwrite chunk
 * j's, before every worker has read chunk j's.
 */
import { Worker } from 'node:worker_threads';
import type { Spin3Target } from '../model/spin3.ts';
import { SPIN3_CHUNK, Spin3Network, type Spin3NetworkOptions } from './spin3Network.ts';

/** What a worker thread of a shared training is given at its start. */
export interface Spin3ParallelWorkerData {
  readonly target: Spin3Target;
  readonly options: Omit<Spin3NetworkOptions, 'parameters' | 'units'>;
  readonly index: number;
  readonly workers: number;
  readonly lo: number;
  readonly hi: number;
  readonly c: SharedArrayBuffer;
  readonly w: SharedArrayBuffer;
  readonly b: SharedArrayBuffer;
  /** `2 × workers × SPIN3_CHUNK` partial sums. */
  readonly partials: SharedArrayBuffer;
  /** `[arrived, generation]` of the barrier. */
  readonly control: SharedArrayBuffer;
}

export interface Spin3ParallelCommand { readonly type: 'train'; readonly steps: number; readonly dt: number; readonly batch: number }
export type Spin3ParallelReply = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** Contiguous slices of `n` units over `workers`, the first `n mod workers` one unit longer. */
export function unitSlices(n: number, workers: number): { lo: number; hi: number }[] {
  const out: { lo: number; hi: number }[] = [];
  const base = Math.floor(n / workers);
  const extra = n % workers;
  let lo = 0;
  for (let j = 0; j < workers; j++) {
    const hi = lo + base + (j < extra ? 1 : 0);
    out.push({ lo, hi });
    lo = hi;
  }
  return out;
}

/**
 * A training of one network on `workers` threads. `network` holds the parameters on this thread,
 * brought up to date at the end of every `train`: read it (errors, `evaluate`) between calls.
 *
 * @example
 * const t = await Spin3ParallelTraining.start(target, { n: 1000, activation: 'relu', sigmaC: 1, sigmaB: 1, seed: 1, stream: 0 }, 2);
 * await t.train(1000, 0.01, 200);
 * const loss = spin3Errors(t.network, new Rng(3), 20000).loss;
 * await t.close();
 */
export class Spin3ParallelTraining {
  readonly network: Spin3Network;
  readonly workers: number;
  private readonly threads: Worker[];
  private busy = false;

  private constructor(network: Spin3Network, threads: Worker[], private readonly shared: { c: Float64Array; w: Float64Array; b: Float64Array }) {
    this.network = network;
    this.threads = threads;
    this.workers = threads.length;
  }

  static async start(target: Spin3Target, options: Omit<Spin3NetworkOptions, 'parameters' | 'units'>, workers: number): Promise<Spin3ParallelTraining> {
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers = ${workers} is invalid: an integer >= 1`);
    if (workers > options.n) throw new RangeError(`workers = ${workers} is invalid: at most n = ${options.n} (one unit per worker at least)`);
    const { n } = options;
    // draw the parameters once, here, exactly as the one-thread engine does, then share them
    const network = new Spin3Network(target, options);
    const share = (a: Float64Array): { buffer: SharedArrayBuffer; view: Float64Array } => {
      const buffer = new SharedArrayBuffer(a.byteLength);
      const view = new Float64Array(buffer);
      view.set(a);
      return { buffer, view };
    };
    const c = share(network.c);
    const w = share(network.w);
    const b = share(network.b);
    const partials = new SharedArrayBuffer(2 * workers * SPIN3_CHUNK * 8);
    const control = new SharedArrayBuffer(8);
    const slices = unitSlices(n, workers);
    const threads = slices.map(({ lo, hi }, index) => {
      const workerData: Spin3ParallelWorkerData = {
        target, options, index, workers, lo, hi, c: c.buffer, w: w.buffer, b: b.buffer, partials, control,
      };
      // from the sources, the .mjs registers tsx first; the built library runs the compiled .js
      const entry = new URL(import.meta.url.endsWith('.ts') ? './spin3ParallelWorker.mjs' : './spin3ParallelWorker.js', import.meta.url);
      // a worker refuses `--input-type` (given to `node -e`), which it would otherwise inherit
      return new Worker(entry, { workerData, execArgv: process.execArgv.filter((a) => !a.startsWith('--input-type')) });
    });
    return new Spin3ParallelTraining(network, threads, { c: c.view, w: w.view, b: b.view });
  }

  /** `steps` SGD steps of length `dt` on batches of `batch` fresh points, all workers together. */
  async train(steps: number, dt: number, batch: number): Promise<void> {
    if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps = ${steps} is invalid: an integer >= 0`);
    if (!(dt > 0) || !Number.isFinite(dt)) throw new RangeError(`dt = ${dt} is invalid: a positive number`);
    if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch = ${batch} is invalid: an integer >= 1`);
    if (this.busy) throw new Error('train: the previous call has not finished');
    this.busy = true;
    try {
      await Promise.all(this.threads.map((t) => ask(t, { type: 'train', steps, dt, batch })));
      this.network.c.set(this.shared.c);
      this.network.w.set(this.shared.w);
      this.network.b.set(this.shared.b);
    } finally {
      this.busy = false;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}

function ask(thread: Worker, command: Spin3ParallelCommand): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: Spin3ParallelReply): void => {
      thread.off('error', onError);
      if (reply.ok) resolve();
      else reject(new Error(reply.message));
    };
    const onError = (err: Error): void => {
      thread.off('message', onMessage);
      reject(err);
    };
    thread.once('message', onMessage);
    thread.once('error', onError);
    thread.postMessage(command);
  });
}
