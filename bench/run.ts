/**
 * Particle benchmark (`npm run bench`): RK4 GD throughput of our engines (spectral O(n·M) in the
 * WebAssembly SIMD kernel, fused and plain, and in the JavaScript reference; direct O(n²) in
 * JavaScript), the same run by the C and NumPy peers, the ratios against the
 * performance goals, and a check that a step allocates nothing. Prints tables and writes
 * `out/bench/particles.json`.
 *
 * Usage: tsx bench/run.ts [--quick] [--no-peers] [--peers-dir DIR]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTorusProblem } from '../model/index.ts';
import { TORUS_ENGINE_KINDS, fastestTorusEngine, relaxedSimdAvailable, type TorusEngineKind } from '../particles/index.ts';
import { measureAllocation, measureEngine, type AllocationResult, type BenchPhysics, type EngineCase, type EngineResult } from './engine.ts';
import {
  PEER_KAPPA, measurePeer, prepareCPeer, prepareNumpyPeer, type PeerName, type PeerProgram, type PeerResult, type PeerSkip,
} from './peers.ts';
import { GOAL_N, allocationSummary, computeRatios, engineTable, modeNote, peerTable, ratioTable, roofline } from './report.ts';
import { measureWasmCeiling, nominalPeak, spectralFlopsPerParticleStep, type NominalPeak, type WasmCeiling } from './roofline.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_FILE = path.join(REPO_ROOT, 'out', 'bench', 'particles.json');
const PEERS_BUILD_DIR = path.join(REPO_ROOT, 'bench', 'peers-build');
// the peers are this repository's own (bench/peers/: C and NumPy, the same computation as the engine)
const DEFAULT_PEERS_DIR = path.join(REPO_ROOT, 'bench', 'peers');

const UNIT = `vonmises:${PEER_KAPPA}`;
const TARGET = 'cos(x)';

/** What to measure and for how long; `--quick` shrinks it to a smoke run of a few seconds. */
interface BenchPlan {
  readonly quick: boolean;
  /** Wall time aimed at per timed repetition of our engine. */
  readonly targetSeconds: number;
  /** Same for a peer run (the brief asks 2–5 s). */
  readonly peerTargetSeconds: number;
  readonly repetitions: number;
  readonly engineCases: readonly EngineCase[];
  readonly peerCases: readonly { readonly peer: PeerName; readonly n: number }[];
  /** n = 1e4 suffices: an n-sized temporary would show as ≥ 80 kB a step, a fixed one does not depend on n. */
  readonly allocation: { readonly n: number; readonly steps: number };
}

function planFor(quick: boolean): BenchPlan {
  // the fastest engine at every n; beside it, at the goals' n, the plain kernel and the JavaScript reference
  const fastest = fastestTorusEngine();
  const spectral = (n: number, engine: TorusEngineKind = fastest): EngineCase => ({ interaction: 'spectral', engine, n, warmUpSteps: 3 });
  const direct = (n: number, warmUpSteps: number): EngineCase => ({ interaction: 'direct', engine: 'js', n, warmUpSteps });
  const others = TORUS_ENGINE_KINDS.filter((e) => e !== fastest && (e !== 'wasm-simd-fma' || relaxedSimdAvailable())).map((e) => spectral(GOAL_N, e));
  if (quick) {
    return {
      quick, targetSeconds: 0.3, peerTargetSeconds: 1, repetitions: 1,
      engineCases: [spectral(1e3), spectral(1e4), spectral(1e5), ...others, direct(1e2, 3), direct(3e2, 1)],
      peerCases: [{ peer: 'C', n: 1e5 }, { peer: 'NumPy', n: 1e5 }],
      allocation: { n: 1e4, steps: 100 },
    };
  }
  return {
    quick, targetSeconds: 2, peerTargetSeconds: 3, repetitions: 3,
    engineCases: [spectral(1e3), spectral(1e4), spectral(1e5), spectral(1e6), ...others, direct(1e2, 3), direct(3e2, 1), direct(1e3, 1)],
    peerCases: [
      { peer: 'C', n: 1e4 }, { peer: 'C', n: 1e5 }, { peer: 'C', n: 1e6 },
      { peer: 'NumPy', n: 1e4 }, { peer: 'NumPy', n: 1e5 },
    ],
    allocation: { n: 1e4, steps: 200 },
  };
}

interface CliOptions {
  readonly quick: boolean;
  readonly peers: boolean;
  readonly peersDir: string;
}

function parseCli(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      'no-peers': { type: 'boolean', default: false },
      'peers-dir': { type: 'string', default: DEFAULT_PEERS_DIR },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: tsx bench/run.ts [--quick] [--no-peers] [--peers-dir DIR]');
    process.exit(0);
  }
  return { quick: values.quick, peers: !values['no-peers'], peersDir: values['peers-dir'] };
}

/** Progress goes to stderr so stdout holds only the report. */
function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function runEngineCases(physics: BenchPhysics, plan: BenchPlan): EngineResult[] {
  return plan.engineCases.map((spec) => {
    progress(`ours: ${spec.interaction} (${spec.engine}) n = ${spec.n}`);
    return measureEngine(physics, spec, plan.targetSeconds, plan.repetitions);
  });
}

/** Prepares each peer once (compile / import check), then times every case of an available peer. */
function runPeerCases(plan: BenchPlan, peersDir: string): { results: PeerResult[]; skipped: PeerSkip[] } {
  const programs = new Map<PeerName, PeerProgram>();
  const skipped: PeerSkip[] = [];
  for (const availability of [prepareCPeer(peersDir, PEERS_BUILD_DIR), prepareNumpyPeer(peersDir)]) {
    if (availability.ok) programs.set(availability.program.name, availability.program);
    else skipped.push({ name: availability.name, reason: availability.reason, hint: availability.hint });
  }
  for (const s of skipped) progress(`${s.name} peer skipped: ${s.reason}. To enable it: ${s.hint}`);
  const results: PeerResult[] = [];
  for (const { peer, n } of plan.peerCases) {
    const program = programs.get(peer);
    if (!program) continue;
    progress(`peer ${peer}: n = ${n}`);
    results.push(measurePeer(program, n, plan.peerTargetSeconds, plan.repetitions));
  }
  return { results, skipped };
}

function machineInfo(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, platform: os.platform(), release: os.release(),
    arch: os.arch(), totalMemoryBytes: os.totalmem(),
  };
}

function printReport(physics: BenchPhysics, engine: readonly EngineResult[], allocation: AllocationResult,
  peers: { results: PeerResult[]; skipped: PeerSkip[] }, peersRequested: boolean, peak: NominalPeak, ceiling: WasmCeiling): void {
  const { problem } = physics;
  const machine = machineInfo();
  const ratios = computeRatios(engine, peers.results);
  const sections = [
    `Particle benchmark: RK4 GD, unit ${UNIT}, target ${TARGET}, sigma_c = ${physics.sigmaC}, dt = ${physics.dt}, ` +
      `our M = ${problem.M}`,
    `${machine.cpu} (${machine.cores} cores), ${machine.platform} ${machine.release}, node ${process.version}`,
    `Engine in use by default: ${fastestTorusEngine()} (WebAssembly relaxed SIMD ${relaxedSimdAvailable() ? 'validates: fused multiply-adds' : 'does not validate: the plain kernel'})`,
    '', 'Our engine (best of repetitions; loss = l(f, f_n) at t = 0 and after all steps taken):', engineTable(engine, peak),
    '', 'Peers (their own timer; loss from their random start):',
    peersRequested ? peerTable(peers.results, peers.skipped, peak) : '(skipped: --no-peers)',
    '', modeNote(problem.M, problem.options.modeTolerance, peers.results, peak),
    ceilingNote(engine, ceiling),
    '', `Goals at n = ${GOAL_N}:`, ratioTable(ratios),
    '', 'Allocation per step:', allocationSummary(allocation),
  ];
  console.log(sections.join('\n'));
}

/** Our kernels' GFlop/s at the goals' n against the f64x2 ceiling measured on this core. */
function ceilingNote(engine: readonly EngineResult[], ceiling: WasmCeiling): string {
  const at = (kind: TorusEngineKind): string => {
    const r = engine.find((e) => e.engine === kind && e.interaction === 'spectral' && e.n === GOAL_N);
    const limit = kind === 'wasm-simd-fma' ? ceiling.fusedGflops : ceiling.plainGflops;
    if (!r || limit === null) return '';
    const gflops = (r.particleStepsPerSecond * spectralFlopsPerParticleStep(r.M)) / 1e9;
    return ` ${kind} at n = ${GOAL_N}: ${gflops.toFixed(2)} GFlop/s, ${(100 * gflops / limit).toFixed(0)}% of it.`;
  };
  return `WebAssembly's own ceiling, measured on this core (16 independent f64x2 chains, bench/roofline.ts): ` +
    `${ceiling.fusedGflops === null ? 'no relaxed SIMD' : `${ceiling.fusedGflops.toFixed(1)} GFlop/s fused (relaxed_madd)`}, ` +
    `${ceiling.plainGflops.toFixed(1)} GFlop/s plain (mul, add).${at('wasm-simd-fma')}${at('wasm-simd')}`;
}

function writeJson(physics: BenchPhysics, plan: BenchPlan, engine: readonly EngineResult[], allocation: AllocationResult,
  peers: { results: PeerResult[]; skipped: PeerSkip[] }, peak: NominalPeak, ceiling: WasmCeiling): void {
  const { problem } = physics;
  const record = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    node: process.version,
    v8: process.versions.v8,
    argv: process.argv.slice(2),
    plan,
    problem: {
      unit: UNIT, target: TARGET, cMean: physics.cMean, sigmaC: physics.sigmaC, dt: physics.dt, seed: physics.seed,
      M: problem.M, modeTolerance: problem.options.modeTolerance,
    },
    engine,
    allocation,
    peers: peers.results,
    peersSkipped: peers.skipped,
    ratios: computeRatios(engine, peers.results),
    roofline: {
      flopsPerParticleStep: spectralFlopsPerParticleStep(problem.M), peak, wasmCeiling: ceiling,
      engine: engine.filter((r) => r.interaction === 'spectral').map((r) => ({ engine: r.engine, n: r.n, ...roofline(r.particleStepsPerSecond, r.M, peak) })),
      peers: peers.results.map((p) => ({ peer: p.peer, n: p.n, ...roofline(p.particleStepsPerSecond, p.M, peak) })),
    },
  };
  fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  fs.writeFileSync(OUT_FILE, `${JSON.stringify(record, null, 2)}\n`);
  progress(`wrote ${path.relative(process.cwd(), OUT_FILE)}`);
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  const plan = planFor(cli.quick);
  const physics: BenchPhysics = {
    problem: createTorusProblem({ unit: UNIT, target: TARGET }), cMean: 0, sigmaC: 1, dt: 0.05, seed: 1,
  };
  const engine = runEngineCases(physics, plan);
  progress(`allocation check: ${plan.allocation.steps} steps at n = ${plan.allocation.n}`);
  const allocation = await measureAllocation(physics, 'spectral', fastestTorusEngine(), plan.allocation.n, plan.allocation.steps);
  const peers = cli.peers ? runPeerCases(plan, cli.peersDir) : { results: [], skipped: [] };
  const peak = nominalPeak();
  progress('WebAssembly f64x2 ceiling');
  const ceiling = await measureWasmCeiling(relaxedSimdAvailable());
  printReport(physics, engine, allocation, peers, cli.peers, peak, ceiling);
  writeJson(physics, plan, engine, allocation, peers, peak, ceiling);
}

await main();
