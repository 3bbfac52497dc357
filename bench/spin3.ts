/**
 * 3-spin engine benchmark (`npm run bench:spin3`): SGD throughput of `Spin3Network` in
 * unit·point-steps per second (one unit, one batch point, forward and backward) and GFlop/s
 * (4d flops per unit·point, plus the target's d(d+1)(d+2)/3 per point) for ReLU and sigmoid at
 * (d, n, P) = (10, 1e3, 200), (10, 1e4, 50), (50, 1e3, 50), (50, 1e4, 50), and the heap growth per
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
const DT = 1e-3;
const CASES = [[10, 1000, 200], [10, 10000, 50], [50, 1000, 50], [50, 10000, 50]] as const;

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, 'no-peers': { type: 'boolean', default: false } } });
const seconds = values.quick === true ? 0.5 : 3;
const PEER = path.join(REPO_ROOT, 'bench', 'peers', 'spin3_sgd.py');
const python = values['no-peers'] === true ? null : findNumpyPython(REPO_ROOT);

interface Row {
  activation: Activation; d: number; n: number; P: number; steps: number; unitPointStepsPerSecond: number; gflops: number; targetShare: number; bytesPerStep: number;
  /** The NumPy peer's throughput on the same (activation, d, n, P), or null without one. */
  numpyUnitPointStepsPerSecond: number | null;
}

/** The NumPy peer's unit·point-steps per second (its own timer, after three warm-up steps). */
function numpyPeer(activation: Activation, d: number, n: number, P: number): number | null {
  if (!python || !python.ok) return null;
  const r = spawnSync(python.python, [PEER, String(d), String(n), String(P), String(seconds), activation], { encoding: 'utf8', timeout: 600_000 });
  const match = /unit_point_steps_per_s (\S+)/.exec(r.stdout ?? '');
  if (r.status !== 0 || !match) throw new Error(`NumPy peer failed: ${r.stderr || r.stdout}`);
  return Number(match[1]);
}

async function measure(activation: Activation, d: number, n: number, P: number): Promise<Row> {
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
  // flops per point: 4d per unit (the two products), d(d+1)(d+2)/3 for the packed target
  const targetFlops = (d * (d + 1) * (d + 2)) / 3;
  const targetShare = targetFlops / (targetFlops + 4 * n * d);
  const rate = (n * P * steps) / elapsed;
  return {
    activation, d, n, P, steps, unitPointStepsPerSecond: rate, gflops: (rate * (4 * d + targetFlops / n)) / 1e9, targetShare, bytesPerStep,
    numpyUnitPointStepsPerSecond: numpyPeer(activation, d, n, P),
  };
}

const rows: Row[] = [];
console.log(`3-spin SGD: unit·point-steps/s on one thread (${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version})`);
if (python && !python.ok) console.log(`NumPy peer skipped: ${python.reason}; apt-get install -y python3-numpy (or pip install numpy) to compare`);
console.log('activation   d       n     P    steps   unit·point-steps/s   GFlop/s   target share   heap B/step    NumPy peer   ours/NumPy');
for (const activation of ['relu', 'sigmoid'] as const) {
  for (const [d, n, P] of CASES) {
    const r = await measure(activation, d, n, P);
    rows.push(r);
    const peer = r.numpyUnitPointStepsPerSecond;
    console.log(`${activation.padEnd(10)} ${String(d).padStart(3)} ${String(n).padStart(7)} ${String(P).padStart(5)} ${String(r.steps).padStart(8)}   ${r.unitPointStepsPerSecond.toExponential(2).padStart(18)}   ${r.gflops.toFixed(2).padStart(7)}   ${r.targetShare.toFixed(2).padStart(12)}   ${r.bytesPerStep.toFixed(1).padStart(11)}`
      + `   ${(peer === null ? '—' : peer.toExponential(2)).padStart(11)}   ${(peer === null ? '—' : (r.unitPointStepsPerSecond / peer).toFixed(2)).padStart(10)}`);
  }
}
fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
fs.writeFileSync(OUT_FILE, JSON.stringify({ createdAt: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, cases: CASES, dt: DT, numpyPeer: python && python.ok ? { python: python.python, script: 'bench/peers/spin3_sgd.py' } : null, rows }, null, 2));
console.log(`wrote ${OUT_FILE}`);
