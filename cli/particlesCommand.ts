/**
 * `liouville particles`: one finite-n GD or SGD run on a torus problem, recorded at given times.
 */
import { largestBatch, parseBatchSchedule, runParticles, type BatchSchedule, type ParticleRunConfig } from '../particles/index.ts';
import { spectrumToPairs, stepsTo, problemRecord } from '../model/index.ts';
import { UsageError, type FlagSpec } from './flags.ts';
import { describeWork, guardWork, particleRunWork } from './workGuard.ts';
import { engineOf } from './engineFlag.ts';
import { CONFIG_FLAG, FORCE_FLAG, PARTICLES_FIELDS, PARTICLES_PARAMETERS, ParticlesConfigSchema, resolveConfig } from './configSchema.ts';
import { flagsOf } from './parameters.ts';
import { problemFromConfig } from './problemFlags.ts';
import { createProgress } from './progress.ts';
import { resultHeader, toJson, writeFileAtomic } from '../io/resultFile.ts';

export const PARTICLES_FLAGS: readonly FlagSpec[] = [
  ...flagsOf(PARTICLES_PARAMETERS),
  { name: 'quiet', help: 'no progress bar' },
  FORCE_FLAG,
  CONFIG_FLAG,
];

export const PARTICLES_USAGE = `liouville particles [flags]

One finite-n run of GD (eq. 9) or online SGD (eqs. 21–22) on the torus problem of docs/theory.md,
recorded at the requested times as { t, loss, fhat } (fhat: f̂_n,m for m = 0..M as [re, im]).

Example:
  liouville particles --unit vonmises:2 --target "cos(x)" --sigma-c 1 --n 1000 --seed 1 \\
    --t 0,1,10,100 --out run.json

Flags:
`;

/**
 * A run whose step was too coarse refused before anything is written. GD (eq. 9) is the gradient
 * flow of the loss, so along the exact flow the loss never rises: a rise between recorded times
 * beyond rounding is the integrator's failure, not dynamics. Rounding: relative 1e-6 of the loss,
 * and 1e-10 of the initial loss absolutely, since a loss trained to near zero (a realizable target)
 * carries rounding of the initial function's size. SGD's loss is noisy and is checked for finiteness only.
 */
function refuseUnstableStep(snapshots: readonly { t: number; loss: number }[], dynamics: 'gd' | 'sgd', dt: number): void {
  const smaller = `a smaller --dt (e.g. ${dt / 10})`;
  for (let k = 0; k < snapshots.length; k++) {
    const s = snapshots[k]!;
    if (!Number.isFinite(s.loss)) throw new UsageError(`--dt ${dt}: the loss is ${s.loss} at t = ${s.t}: the step is unstable; try ${smaller}`);
    const prev = k > 0 ? snapshots[k - 1]! : null;
    if (dynamics === 'gd' && prev && s.loss > prev.loss * (1 + 1e-6) + 1e-10 * snapshots[0]!.loss) {
      throw new UsageError(`--dt ${dt}: the GD loss rose from ${prev.loss.toExponential(4)} (t = ${prev.t}) to ${s.loss.toExponential(4)} (t = ${s.t}), ` +
        `which the gradient flow (eq. 9) cannot do: the step is too coarse or unstable; try ${smaller}`);
    }
  }
}

export function particlesCommand(argv: readonly string[]): number {
  const { config: cfg, quiet, force } = resolveConfig('particles', argv, PARTICLES_FLAGS, PARTICLES_FIELDS, ParticlesConfigSchema);
  const { problem, law } = problemFromConfig(cfg);
  const { n, seed, stream, times, dynamics, dt, interaction, out } = cfg;
  const batch: BatchSchedule | undefined = dynamics === 'sgd' ? parseBatchSchedule(cfg.batch!) : undefined;
  const integrator = dynamics === 'sgd' ? 'euler' : cfg.integrator;
  const config: ParticleRunConfig = {
    problem, law, n, seed, stream, dynamics, integrator, dt,
    frozenY: cfg.frozenY, interaction, times,
    recordParticles: cfg.particles, ...(batch ? { batch } : {}), engine: engineOf(cfg.engine, interaction),
  };
  const steps = stepsTo(times, dt);
  const maxBatch = batch ? largestBatch(batch) : 0;
  const estimate = {
    work: particleRunWork({ n, M: problem.M, steps, dynamics, integrator, interaction, largestBatch: maxBatch }),
    // about a dozen length-n arrays (y, c, velocities, RK stages), the SGD batch, and the recorded particles
    memoryBytes: 8 * (12 * n + 4 * maxBatch) + (cfg.particles ? 16 * n * times.length : 0) + 16 * (problem.M + 1) * times.length,
    flags: '--n, --t or --dt' + (batch ? ', --batch' : ''),
  };
  guardWork(estimate, force);
  if (!quiet) process.stderr.write(`particles: ${steps} steps; ${describeWork(estimate)}\n`);
  const { out: _out, ...input } = { ...cfg, integrator };
  const progress = createProgress(`particles n=${n}`, quiet);
  const started = Date.now();
  const snapshots = runParticles(config, { onProgress: (t, tEnd) => progress.update(t, tEnd, `t=${t.toPrecision(4)}`) });
  progress.finish();
  refuseUnstableStep(snapshots, dynamics, dt);
  const seconds = (Date.now() - started) / 1000;
  const record = {
    ...resultHeader('particles', ['particles', ...argv]),
    seed,
    stream,
    config: {
      n, seed, stream, dynamics, integrator: config.integrator, dt, frozenY: config.frozenY, interaction, engine: config.engine, times,
      batch: batch ?? null, rng: 'xoshiro128** seeded by splitmix64(seed, stream); y then c per particle, then SGD batches',
      input,
    },
    problem: problemRecord(problem, law),
    snapshots: snapshots.map((s) => ({
      t: s.t, step: s.step, loss: s.loss, fhat: spectrumToPairs(s.fhat), ...(s.y ? { y: s.y, c: s.c } : {}),
    })),
    timing: { seconds, particleStepsPerSecond: snapshots[snapshots.length - 1]!.step * n / Math.max(seconds, 1e-9) },
  };
  writeFileAtomic(out, toJson(record));
  const last = snapshots[snapshots.length - 1]!;
  console.log(`particles: ${dynamics.toUpperCase()} n = ${n}, seed ${seed}, unit ${problem.unit.spec} (M = ${problem.M} modes, ` +
    `relative tail ${problem.unit.relativeTailEnergy.toExponential(1)}), target ${problem.target.expression}, σ_c = ${law.sigmaC}; engine ${config.engine}`);
  console.log('         t          loss      |f̂_n,1|');
  for (const s of snapshots) {
    const a1 = problem.M >= 1 ? Math.hypot(s.fhat.re[1]!, s.fhat.im[1]!) : 0;
    console.log(`${s.t.toPrecision(6).padStart(10)}  ${s.loss.toExponential(5).padStart(12)}  ${a1.toExponential(5).padStart(12)}`);
  }
  console.log(`${last.step} steps in ${seconds.toFixed(2)} s (${record.timing.particleStepsPerSecond.toExponential(2)} particle-steps/s); wrote ${out}`);
  return 0;
}
