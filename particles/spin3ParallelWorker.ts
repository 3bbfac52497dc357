/**
 * A worker thread of one shared 3-spin training (`spin3Parallel.ts`): it moves the units
 * `[lo, hi)` and exchanges its partial residual sums with the other workers once per chunk.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SPIN3_CHUNK, Spin3Network, type Spin3PartialReducer } from './spin3Network.ts';
import type { Spin3ParallelCommand, Spin3ParallelReply, Spin3ParallelWorkerData } from './spin3Parallel.ts';

const data = workerData as Spin3ParallelWorkerData;
const port = parentPort!;

/** Spins this many polls before sleeping on the barrier: a chunk's work is tens of microseconds. */
const SPINS = 20_000;

class SharedPartials implements Spin3PartialReducer {
  private readonly sums: Float64Array;
  private readonly control: Int32Array;
  private parity = 0;

  constructor(private readonly index: number, private readonly workers: number, partials: SharedArrayBuffer, control: SharedArrayBuffer) {
    this.sums = new Float64Array(partials);
    this.control = new Int32Array(control);
  }

  reduce(partial: Float64Array, m: number): void {
    const { sums, index, workers } = this;
    const base = this.parity * workers * SPIN3_CHUNK;
    const own = base + index * SPIN3_CHUNK;
    for (let k = 0; k < m; k++) sums[own + k] = partial[k]!;
    this.barrier();
    for (let k = 0; k < m; k++) {
      let s = sums[base + k]!;
      for (let j = 1; j < workers; j++) s += sums[base + j * SPIN3_CHUNK + k]!;
      partial[k] = s;
    }
    this.parity ^= 1;
  }

  /** All workers arrive before any leaves: a counter and a generation, the last arrival bumps it. */
  private barrier(): void {
    const control = this.control;
    const generation = Atomics.load(control, 1);
    if (Atomics.add(control, 0, 1) === this.workers - 1) {
      Atomics.store(control, 0, 0);
      Atomics.add(control, 1, 1);
      Atomics.notify(control, 1);
      return;
    }
    for (let s = 0; s < SPINS; s++) if (Atomics.load(control, 1) !== generation) return;
    while (Atomics.load(control, 1) === generation) Atomics.wait(control, 1, generation);
  }
}

const shared = { c: new Float64Array(data.c), w: new Float64Array(data.w), b: new Float64Array(data.b) };
const network = new Spin3Network(data.target, { ...data.options, parameters: shared, units: { lo: data.lo, hi: data.hi } });
const { lo, hi } = data;
const d = data.target.d;
if (data.workers > 1) network.setReducer(new SharedPartials(data.index, data.workers, data.partials, data.control));

port.on('message', (command: Spin3ParallelCommand) => {
  let reply: Spin3ParallelReply;
  try {
    for (let s = 0; s < command.steps; s++) network.step(command.dt, command.batch);
    // the network trains a copy in its kernel's memory: hand this worker's units back
    shared.c.set(network.c.subarray(lo, hi), lo);
    shared.w.set(network.w.subarray(lo * d, hi * d), lo * d);
    shared.b.set(network.b.subarray(lo, hi), lo);
    reply = { ok: true };
  } catch (err) {
    reply = { ok: false, message: `worker ${data.index}: ${(err as Error).message}` };
  }
  port.postMessage(reply);
});
