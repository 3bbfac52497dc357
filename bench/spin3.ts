/**
 * 3-spin engine benchmark (`npm run bench:spin3`): SGD throughput of `Spin3Network` in
 * unit·point-steps per second (one unit, one batch point, forward and backward) for ReLU and
 * sigmoid at d = 10 and 50, n = 1e3 and 1e4, batch P = 50 (the paper's), and the heap growth per
 * step. The target's O(d³) evaluation per point is included, as in a real run. Prints a table and
 * writes `out/bench/spin3.json`.
 *
 * Usage: tsx bench/spin3.ts [--quick]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSpin3Target } from '../model/index.ts';
import { Spin3Network, type Activation } from '../particles/index.ts';
import { heapWindow, obtainGc } from './engine.ts';
import { nowSeconds } from './timing.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_FILE = path.join(REPO_ROOT, 'out', 'bench', 'spin3.json');
const P = 50;
const DT = 1e-3;

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const seconds = values.quick === true ? 0.5 : 3;

interface Row { activation: Activation; d: number; n: number; steps: number; unitPointStepsPerSecond: number; targetShare: number; bytesPerStep: number }

async function measure(activation: Activation, d: number, n: number): Promise<Row> {
  const net = new Spin3Network(createSpin3Target(d, 1), { n, activation, sigmaC: 1, sigmaB: 1, seed: 1, stream: 0 });
  for (let s = 0; s < 3; s++) net.step(DT, P); // warm-up
  const start = nowSeconds();
  let steps = 0;
  while (nowSeconds() - start < seconds) {
    net.step(DT, P);
    steps++;
  }
  const elapsed = nowSeconds() - start;
  // heap allocated (before any collection) over a window of steps, the median of three windows,
  // less that of an empty window: the same protocol as the GD engine's check (bench/engine.ts)
  const { gc } = obtainGc();
  const windowSteps = Math.max(5, Math.min(steps, 50));
  const empty = await heapWindow(gc, () => undefined);
  const windows: number[] = [];
  for (let w = 0; w < 3; w++) windows.push((await heapWindow(gc, () => { for (let s = 0; s < windowSteps; s++) net.step(DT, P); })).allocatedBytes);
  const bytesPerStep = ([...windows].sort((a, b) => a - b)[1]! - empty.allocatedBytes) / windowSteps;
  // the share of the work in the target: d³ per point against ~4·n·d for the units
  const targetShare = d ** 3 / (d ** 3 + 4 * n * d);
  return { activation, d, n, steps, unitPointStepsPerSecond: (n * P * steps) / elapsed, targetShare, bytesPerStep };
}

const rows: Row[] = [];
console.log(`3-spin SGD, P = ${P}: unit·point-steps/s (${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version})`);
console.log('activation   d       n    steps   unit·point-steps/s   target share   heap B/step');
for (const activation of ['relu', 'sigmoid'] as const) {
  for (const d of [10, 50]) {
    for (const n of [1000, 10000]) {
      const r = await measure(activation, d, n);
      rows.push(r);
      console.log(`${activation.padEnd(10)} ${String(d).padStart(3)} ${String(n).padStart(7)} ${String(r.steps).padStart(8)}   ${r.unitPointStepsPerSecond.toExponential(2).padStart(18)}   ${r.targetShare.toFixed(2).padStart(12)}   ${r.bytesPerStep.toFixed(1).padStart(11)}`);
    }
  }
}
fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
fs.writeFileSync(OUT_FILE, JSON.stringify({ createdAt: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, P, dt: DT, rows }, null, 2));
console.log(`wrote ${OUT_FILE}`);
