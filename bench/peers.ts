/**
 * The performance peers in bench/peers/, written for this repository: `gd_spectral.c` (compiled
 * here with gcc) and `gd_spectral.py` (NumPy). Both run the same RK4 GD problem as our engine, with
 * its mode truncation, and print one line, `modes M particle_steps_per_s X loss L seconds S`, timed
 * inside the program, so process start-up and imports are not counted against them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { modeCount } from './engine.ts';
import { calibrateSteps, timeRepetitions, type TimedRun } from './timing.ts';

export type PeerName = 'C' | 'NumPy';

/** A peer ready to run: how to invoke it for `n` particles and `steps` RK4 steps. */
export interface PeerProgram {
  readonly name: PeerName;
  readonly command: string;
  readonly cwd: string;
  argsFor(n: number, steps: number): string[];
}

/** Why a peer cannot run, and what would fix it. */
export interface PeerSkip {
  readonly name: PeerName;
  readonly reason: string;
  readonly hint: string;
}

export type PeerAvailability = { readonly ok: true; readonly program: PeerProgram } | ({ readonly ok: false } & PeerSkip);

/** One parsed output line of a peer. */
export interface PeerOutput {
  /** The peer's highest retained mode (its own truncation criterion). */
  readonly modes: number;
  readonly particleStepsPerSecond: number;
  readonly loss: number;
  readonly seconds: number;
  readonly line: string;
}

export interface PeerResult {
  readonly peer: PeerName;
  readonly n: number;
  readonly M: number;
  readonly steps: number;
  readonly repetitions: number;
  /** The timed command line, for rerunning by hand. */
  readonly command: string;
  readonly seconds: readonly number[];
  readonly bestSeconds: number;
  readonly particleStepsPerSecond: number;
  readonly modeStepsPerSecond: number;
  /** Loss printed by the fastest run (a different random start than ours: same ballpark, not equal). */
  readonly loss: number;
  /** Raw output of the calibration probes, then of the timed runs. */
  readonly probeLines: readonly string[];
  readonly lines: readonly string[];
}

/** The von Mises concentration both peers take as their third argument (our unit `vonmises:2`). */
export const PEER_KAPPA = 2;

const PEER_LINE = /^modes (\d+) particle_steps_per_s (\S+) loss (\S+) seconds (\S+)$/;

/** Parses a peer's result line; throws with the line if it is not the documented format. */
export function parsePeerLine(line: string): PeerOutput {
  const match = PEER_LINE.exec(line.trim());
  const values = match?.slice(1).map(Number);
  if (!match || !values || values.some((v) => !Number.isFinite(v))) {
    throw new Error(`unexpected peer output: ${JSON.stringify(line)}`);
  }
  const [modes, particleStepsPerSecond, loss, seconds] = values as [number, number, number, number];
  return { modes, particleStepsPerSecond, loss, seconds, line: line.trim() };
}

/** Runs a command to completion; returns stdout, or the failure (missing program, exit status, stderr). */
function runCommand(command: string, args: readonly string[], cwd: string): { ok: true; stdout: string } | { ok: false; error: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 600_000 });
  if (result.error) return { ok: false, error: result.error.message };
  if (result.status !== 0) {
    return { ok: false, error: `${command} exited with ${String(result.status ?? result.signal)}: ${result.stderr.trim()}` };
  }
  return { ok: true, stdout: result.stdout };
}

/** Compiles `gd_spectral.c` with the flags its header gives, into `buildDir`, on every run (it takes < 1 s). */
export function prepareCPeer(peersDir: string, buildDir: string): PeerAvailability {
  const source = path.join(peersDir, 'gd_spectral.c');
  const hint = 'needs gcc and the C peer source; apt-get install -y gcc';
  if (!fs.existsSync(source)) return { ok: false, name: 'C', reason: `${source} not found`, hint };
  fs.mkdirSync(buildDir, { recursive: true });
  const binary = path.join(buildDir, 'gd');
  const built = runCommand('gcc', ['-O3', '-march=native', '-o', binary, source, '-lm'], peersDir);
  if (!built.ok) return { ok: false, name: 'C', reason: `compilation failed: ${built.error}`, hint };
  return {
    ok: true,
    program: { name: 'C', command: binary, cwd: buildDir, argsFor: (n, steps) => [`${n}`, `${steps}`, `${PEER_KAPPA}`] },
  };
}

/** The Pythons tried for the NumPy peers: Debian's (with its OpenBLAS), then the first on PATH. */
export const PYTHON_CANDIDATES = ['/usr/bin/python3', 'python3'];

/** The first candidate Python that imports numpy, or why none does. */
export function findNumpyPython(cwd: string, candidates: readonly string[] = PYTHON_CANDIDATES): { ok: true; python: string } | { ok: false; reason: string } {
  const reasons: string[] = [];
  for (const python of candidates) {
    const probe = runCommand(python, ['-c', 'import numpy'], cwd);
    if (probe.ok) return { ok: true, python };
    reasons.push(`${python}: ${probe.error.split('\n')[0]}`);
  }
  return { ok: false, reason: `no Python with numpy (${reasons.join('; ')})` };
}

/** The NumPy peer, if a Python that imports numpy is found. */
export function prepareNumpyPeer(peersDir: string, candidates: readonly string[] = PYTHON_CANDIDATES): PeerAvailability {
  const script = path.join(peersDir, 'gd_spectral.py');
  const hint = 'apt-get install -y python3-numpy (or pip install numpy for the python3 on PATH)';
  if (!fs.existsSync(script)) return { ok: false, name: 'NumPy', reason: `${script} not found`, hint };
  const found = findNumpyPython(peersDir, candidates);
  if (!found.ok) return { ok: false, name: 'NumPy', reason: found.reason, hint };
  const python = found.python;
  return {
    ok: true,
    program: {
      name: 'NumPy', command: python, cwd: peersDir,
      argsFor: (n, steps) => [script, `${n}`, `${steps}`, `${PEER_KAPPA}`],
    },
  };
}

/** Runs a peer once and parses its last output line. */
export function runPeer(program: PeerProgram, n: number, steps: number): PeerOutput {
  const out = runCommand(program.command, program.argsFor(n, steps), program.cwd);
  if (!out.ok) throw new Error(`${program.name} peer failed: ${out.error}`);
  const lines = out.stdout.trim().split('\n');
  return parsePeerLine(lines[lines.length - 1] ?? '');
}

/**
 * Times a peer with the protocol our engine gets: probes grown to a quarter second, a step count
 * for `targetSeconds`, the best of `repetitions`. The peer's own timer is used, not ours.
 */
export function measurePeer(program: PeerProgram, n: number, targetSeconds: number, repetitions: number): PeerResult {
  const outputs: PeerOutput[] = [];
  const run: TimedRun = (steps) => {
    const out = runPeer(program, n, steps);
    outputs.push(out);
    return out.seconds;
  };
  const steps = calibrateSteps(run, targetSeconds);
  const probeCount = outputs.length;
  const seconds = timeRepetitions(run, steps, repetitions);
  const timed = outputs.slice(probeCount);
  const best = timed.reduce((a, b) => (b.particleStepsPerSecond > a.particleStepsPerSecond ? b : a));
  return {
    peer: program.name, n, M: best.modes, steps, repetitions,
    command: [program.command, ...program.argsFor(n, steps)].join(' '),
    seconds, bestSeconds: Math.min(...seconds), particleStepsPerSecond: best.particleStepsPerSecond,
    modeStepsPerSecond: best.particleStepsPerSecond * modeCount(best.modes), loss: best.loss,
    probeLines: outputs.slice(0, probeCount).map((o) => o.line), lines: timed.map((o) => o.line),
  };
}
