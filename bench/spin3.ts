/**
 * 3-spin engine benchmark (`npm run bench:spin3`): SGD throughput of `Spin3Network` in
 * unit·point-steps per second (one unit, one batch point, forward and backward) for ReLU and
 * sigmoid at d = 10 and 50, n = 1e3 and 1e4, batch P = 50 (the paper's), and the heap growth per
 * step. The target's O(d³) evaluation per point is included, as in a real run. Beside each row,
 * the same SGD step written in NumPy (bench/peers/spin3_sgd.py, the way a Python user writes it)
 * when a Python with numpy is found; otherwise a line says how to get one. Prints a table and
 * writes `out/bench/spin3.json`.
 *
 * Usage: tsx bench/spin3.ts [--quick] [--no-peers]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSpin3Target } from '../model/index.ts';
import { Spin3Network, type Activation } from '../particles/index.ts';
import { spawnSync } from 'node:child_process';
import { heapWindow, obtainGc } from './engine.ts';
import { findNumpyPython } from './peers.ts';
import { nowSeconds } from './timing.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_FILE = path.join(REPO_ROOT, 'out', 'bench', 'spin3.json');
const P = 50;
const DT = 1e-3;

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, 'no-peers': { type: 'boolean', default: false } } });
const seconds = values.quick === true ? 0.5 : 3;
const PEER = path.join(REPO_ROOT, 'bench', 'peers', 'spin3_sgd.py');
const python = values['no-peers'] === true ? null : findNumpyPython(REPO_ROOT);

interface Row {
  activation: Activation; d: number; n: number; steps: number; unitPointStepsPerSecond: number; targetShare: number; bytesPerStep: number;
  /** The NumPy peer's throughput on the same (activation, d, n, P), or null without one. */
  numpyUnitPointStepsPerSecond: number | null;
}

/** The NumPy peer's unit·point-steps per second (its own timer, after three warm-up steps). */
function numpyPeer(activation: Activation, d: number, n: number): number | null {
  if (!python || !python.ok) return null;
  const r = spawnSync(python.python, [PEER, String(d), String(n), String(P), String(seconds), activation], { encoding: 'utf8', timeout: 600_000 });
  const match = /unit_point_steps_per_s (\S+)/.exec(r.stdout ?? '');
  if (r.status !== 0 || !match) throw new Error(`NumPy peer failed: ${r.stderr || r.stdout}`);
  return Number(match[1]);
}

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
  return { activation, d, n, steps, unitPointStepsPerSecond: (n * P * steps) / elapsed, targetShare, bytesPerStep, numpyUnitPointStepsPerSecond: numpyPeer(activation, d, n) };
}

const rows: Row[] = [];
console.log(`3-spin SGD, P = ${P}: unit·point-steps/s (${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version})`);
if (python && !python.ok) console.log(`NumPy peer skipped: ${python.reason}; apt-get install -y python3-numpy (or pip install numpy) to compare`);
console.log('activation   d       n    steps   unit·point-steps/s   target share   heap B/step    NumPy peer   ours/NumPy');
for (const activation of ['relu', 'sigmoid'] as const) {
  for (const d of [10, 50]) {
    for (const n of [1000, 10000]) {
      const r = await measure(activation, d, n);
      rows.push(r);
      const peer = r.numpyUnitPointStepsPerSecond;
      console.log(`${activation.padEnd(10)} ${String(d).padStart(3)} ${String(n).padStart(7)} ${String(r.steps).padStart(8)}   ${r.unitPointStepsPerSecond.toExponential(2).padStart(18)}   ${r.targetShare.toFixed(2).padStart(12)}   ${r.bytesPerStep.toFixed(1).padStart(11)}`
        + `   ${(peer === null ? '—' : peer.toExponential(2)).padStart(11)}   ${(peer === null ? '—' : (r.unitPointStepsPerSecond / peer).toFixed(2)).padStart(10)}`);
    }
  }
}
fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
fs.writeFileSync(OUT_FILE, JSON.stringify({ createdAt: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, P, dt: DT, numpyPeer: python && python.ok ? { python: python.python, script: 'bench/peers/spin3_sgd.py' } : null, rows }, null, 2));
console.log(`wrote ${OUT_FILE}`);
