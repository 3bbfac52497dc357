/**
 * 3-spin engine benchmark (`npm run bench:spin3`): SGD throughput of `Spin3Network` in
 * unit·point-steps per second (one unit, one batch point, forward and backward) and GFlop/s
 * (4d flops per unit·point, plus the target's d(d+1)(d+2)/3 per point) for ReLU and sigmoid at
 * (d, n, P) = (10, 1e3, 200), (10, 1e4, 50), (50, 1e3, 50), (50, 1e4, 50), on one thread and on
 * all cores (one training over worker threads, `Spin3ParallelTraining`), and the heap growth per
 * step on one thread. The target's O(d³) evaluation per point is included, as in a real run.
 * Beside each row, the same SGD step written in NumPy (bench/peers/spin3_sgd.py, the way a Python
 * user writes it) with OpenBLAS on one thread and on all cores (glibc told to keep freed memory, so
 * page faults do not dominate it), when a Python with numpy is found;
 * otherwise a line says how to get one. The machine's nominal peak (cores × clock × the widest
 * FMA's doubles per cycle, from /proc/cpuinfo) gives each row's fraction of it. Prints a table and
 * writes `out/bench/spin3.json`.
 *
 * Every row trains on one kernel variant: the fused one where relaxed SIMD validates, unless
 * `--engine wasm-simd` asks for the plain one (to compare the two, run both).
 *
 * Usage: tsx bench/spin3.ts [--quick] [--no-peers] [--engine wasm-simd-fma|wasm-simd]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSpin3Target } from '../model/index.ts';
import { SPIN3_ENGINE_KINDS, Spin3Network, Spin3ParallelTraining, relaxedSimdAvailable, type Activation, type Spin3EngineKind } from '../particles/index.ts';
import { spawnSync } from 'node:child_process';
import { heapWindow, obtainGc } from './engine.ts';
import { findNumpyPython } from './peers.ts';
import { measureWasmCeiling } from './roofline.ts';
import { nowSeconds } from './timing.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_FILE = path.join(REPO_ROOT, 'out', 'bench', 'spin3.json');
const DT = 1e-3;
const CASES = [[10, 1000, 200], [10, 10000, 50], [50, 1000, 50], [50, 10000, 50]] as const;
/** The engine's throughput at (ReLU, 10, 1e3, 200) when the speed-up was asked for (issue 14), the goal's base. */
const BASELINE = { activation: 'relu', d: 10, n: 1000, P: 200, unitPointStepsPerSecond: 2.66e7 } as const;
const CORES = os.availableParallelism();

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, 'no-peers': { type: 'boolean', default: false }, engine: { type: 'string' } } });
const ENGINE: Spin3EngineKind = (values.engine as Spin3EngineKind | undefined) ?? (relaxedSimdAvailable() ? 'wasm-simd-fma' : 'wasm-simd');
if (!SPIN3_ENGINE_KINDS.includes(ENGINE)) throw new Error(`--engine ${ENGINE} is invalid: one of ${SPIN3_ENGINE_KINDS.join(', ')}`);
const seconds = values.quick === true ? 0.5 : 3;
const PEER = path.join(REPO_ROOT, 'bench', 'peers', 'spin3_sgd.py');
const python = values['no-peers'] === true ? null : findNumpyPython(REPO_ROOT);

interface Row {
  activation: Activation; d: number; n: number; P: number; threads: number; steps: number; unitPointStepsPerSecond: number; gflops: number;
  /** Of the machine's nominal peak (all cores). */
  peakFraction: number; targetShare: number;
  /** Heap growth per step, measured on one thread (null for the threaded rows). */
  bytesPerStep: number | null;
  /** The NumPy peer's throughput on the same (activation, d, n, P) with as many BLAS threads, or null without one. */
  numpyUnitPointStepsPerSecond: number | null;
}

/** The machine's nominal double-precision peak: cores × clock × 2 FMA pipes × doubles per vector × 2. */
function nominalPeak(): { gflops: number; assumption: string } {
  const info = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const mhz = Number(/cpu MHz\s*:\s*([\d.]+)/.exec(info)?.[1] ?? os.cpus()[0]?.speed ?? NaN);
  const flags = /^flags\s*:(.*)$/m.exec(info)?.[1]?.split(/\s+/) ?? [];
  const lanes = flags.includes('avx512f') ? 8 : flags.includes('avx2') && flags.includes('fma') ? 4 : 2;
  const perCycle = 2 * lanes * 2;
  return { gflops: (CORES * mhz * perCycle) / 1e3, assumption: `${CORES} cores × ${mhz} MHz × ${perCycle} flops/cycle (2 FMA pipes × ${lanes} doubles${lanes === 8 ? ', AVX-512' : ''})` };
}
const PEAK = nominalPeak();

/** The NumPy peer's unit·point-steps per second (its own timer, after three warm-up steps) with `threads` BLAS threads. */
function numpyPeer(activation: Activation, d: number, n: number, P: number, threads: number): number | null {
  if (!python || !python.ok) return null;
  // glibc returns NumPy's fresh P × n arrays to the system after each step unless told to keep them,
  // and page faults are slow in this sandbox: the peer's ReLU at d = 10, n = 10⁴ ran 12× slower
  // without these two settings (measured). With them the peer measures NumPy, not the allocator.
  const env = {
    ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads),
    MALLOC_MMAP_THRESHOLD_: '1000000000', MALLOC_TRIM_THRESHOLD_: '1000000000',
  };
  const r = spawnSync(python.python, [PEER, String(d), String(n), String(P), String(seconds), activation], { encoding: 'utf8', timeout: 600_000, env });
  const match = /unit_point_steps_per_s (\S+)/.exec(r.stdout ?? '');
  if (r.status !== 0 || !match) throw new Error(`NumPy peer failed: ${r.stderr || r.stdout}`);
  return Number(match[1]);
}

async function measure(activation: Activation, d: number, n: number, P: number): Promise<Row> {
  const net = new Spin3Network(createSpin3Target(d, 1), { n, activation, sigmaC: 1, sigmaB: 1, seed: 1, stream: 0, engine: ENGINE });
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
  return row(activation, d, n, P, 1, steps, elapsed, bytesPerStep);
}

/**
 * A table row from a timed run. Flops per unit·point: 4d (the two products), plus the packed
 * target's d(d+1)(d+2)/3 per point shared by the n units; with several threads every thread
 * evaluates the target on the whole batch, counted once, as the useful work.
 */
function row(activation: Activation, d: number, n: number, P: number, threads: number, steps: number, elapsed: number, bytesPerStep: number | null): Row {
  const targetFlops = (d * (d + 1) * (d + 2)) / 3;
  const rate = (n * P * steps) / elapsed;
  const gflops = (rate * (4 * d + targetFlops / n)) / 1e9;
  return {
    activation, d, n, P, threads, steps, unitPointStepsPerSecond: rate, gflops, peakFraction: gflops / PEAK.gflops,
    targetShare: targetFlops / (targetFlops + 4 * n * d), bytesPerStep, numpyUnitPointStepsPerSecond: numpyPeer(activation, d, n, P, threads),
  };
}

/** The same training on `threads` worker threads (the units split between them). */
async function measureThreaded(activation: Activation, d: number, n: number, P: number, threads: number): Promise<Row> {
  const training = await Spin3ParallelTraining.start(createSpin3Target(d, 1), { n, activation, sigmaC: 1, sigmaB: 1, seed: 1, stream: 0, engine: ENGINE }, threads);
  try {
    await training.train(3, DT, P); // warm-up
    // calls of about 50 ms, so the per-call message round trip does not count
    const probeStart = nowSeconds();
    await training.train(3, DT, P);
    const perCall = Math.max(1, Math.round((0.05 / Math.max(1e-6, nowSeconds() - probeStart)) * 3));
    const start = nowSeconds();
    let steps = 0;
    while (nowSeconds() - start < seconds) {
      await training.train(perCall, DT, P);
      steps += perCall;
    }
    return row(activation, d, n, P, threads, steps, nowSeconds() - start, null);
  } finally {
    await training.close();
  }
}

const rows: Row[] = [];
const CEILING = await measureWasmCeiling(relaxedSimdAvailable());
console.log(`3-spin SGD, engine ${ENGINE}: unit·point-steps/s (${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}); nominal peak ${PEAK.gflops.toFixed(0)} GFlop/s = ${PEAK.assumption}`);
console.log(`WebAssembly's own f64x2 ceiling on one core, measured (bench/roofline.ts): ${CEILING.fusedGflops === null ? 'no relaxed SIMD' : `${CEILING.fusedGflops.toFixed(1)} GFlop/s fused`}, ${CEILING.plainGflops.toFixed(1)} GFlop/s plain`);
if (python && !python.ok) console.log(`NumPy peer skipped: ${python.reason}; apt-get install -y python3-numpy (or pip install numpy) to compare`);
console.log('activation   d       n     P  threads    steps   unit·point-steps/s   GFlop/s   of peak   target share   heap B/step    NumPy peer   ours/NumPy');
for (const activation of ['relu', 'sigmoid'] as const) {
  for (const [d, n, P] of CASES) {
    for (const threads of CORES > 1 ? [1, CORES] : [1]) {
      const r = threads === 1 ? await measure(activation, d, n, P) : await measureThreaded(activation, d, n, P, threads);
      rows.push(r);
      const peer = r.numpyUnitPointStepsPerSecond;
      console.log(`${activation.padEnd(10)} ${String(d).padStart(3)} ${String(n).padStart(7)} ${String(P).padStart(5)} ${String(threads).padStart(8)} ${String(r.steps).padStart(8)}   ${r.unitPointStepsPerSecond.toExponential(2).padStart(18)}   ${r.gflops.toFixed(2).padStart(7)}   ${(100 * r.peakFraction).toFixed(1).padStart(6)}%   ${r.targetShare.toFixed(2).padStart(12)}   ${(r.bytesPerStep === null ? '—' : r.bytesPerStep.toFixed(1)).padStart(11)}`
        + `   ${(peer === null ? '—' : peer.toExponential(2)).padStart(11)}   ${(peer === null ? '—' : (r.unitPointStepsPerSecond / peer).toFixed(2)).padStart(10)}`);
    }
  }
}
const base = rows.filter((r) => r.activation === BASELINE.activation && r.d === BASELINE.d && r.n === BASELINE.n && r.P === BASELINE.P);
for (const r of base) console.log(`(${BASELINE.activation}, d = ${BASELINE.d}, n = ${BASELINE.n}, P = ${BASELINE.P}) on ${r.threads} thread(s): ${(r.unitPointStepsPerSecond / BASELINE.unitPointStepsPerSecond).toFixed(1)}× the engine of issue 14 (${BASELINE.unitPointStepsPerSecond.toExponential(2)}; goal 10× on all cores)`);
fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
fs.writeFileSync(OUT_FILE, JSON.stringify({ createdAt: new Date().toISOString(), engine: ENGINE, wasmCeiling: CEILING, node: process.version, cpu: os.cpus()[0]?.model, cases: CASES, dt: DT, peak: PEAK, baseline: BASELINE, numpyPeer: python && python.ok ? { python: python.python, script: 'bench/peers/spin3_sgd.py' } : null, rows }, null, 2));
console.log(`wrote ${OUT_FILE}`);
