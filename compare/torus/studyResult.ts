/**
 * A study's result file (docs/results.md): the header, the spec and the primary verdicts declared
 * for it, the problem, the reference, one member's particles for the report's scatter, the
 * analysis and every member. `liouville compare`, `merge` and `reanalyse` write it through here, and
 * so can a script from a `runStudy` outcome; the report (`buildReportHtml`) and the CSV tables
 * (`exportTables`) read the file back through `readResult`.
 */
import { createSpectrum, createTorusProblem, problemRecord, spectrumToPairs } from '../../model/index.ts';
import { createHash } from 'node:crypto';
import { provenance, resultHeader, toJson, writeFileAtomic } from '../../io/resultFile.ts';
import { declarePrimaryVerdicts } from '../verdicts/family.ts';
import { memberToRecord, sampleParticles } from './member.ts';
import type { StudyReference } from './reference.ts';
import type { StudyOutcome, StudyShardOutcome } from './study.ts';
import type { StudySpec } from './studySpec.ts';

/** The provenance of the run whose members a file holds, when another command (reanalyse) rewrites it. */
export interface StudyRunProvenance {
  readonly argv: readonly string[];
  readonly package: unknown;
  readonly createdAt: string;
}

export interface StudyResultOptions {
  /** The command line recorded in the header (default: this process's script and arguments). */
  readonly argv?: readonly string[];
  /** The claim word of the header (default: `studyClaim(spec)`, what `liouville compare` calls the study). */
  readonly claim?: string;
  /** Wall-clock and resource figures recorded as `timing`. */
  readonly timing?: Readonly<Record<string, number>>;
  /** The stored particle sample (reanalyse keeps it); default: rerun member (largest n, seed 0). */
  readonly sample?: unknown;
  /** Keep this run's argv, package and time in the header and record the writer under `reanalysed`. */
  readonly run?: StudyRunProvenance;
}

/** The claim word `liouville compare` gives a study: its file is `compare-<word>.json`. */
export function studyClaim(spec: StudySpec): string {
  if (spec.schedules) return 'asymptotic';
  if (spec.sgd) return 'sgd';
  const claims = [...spec.claims].sort();
  if (claims.join(',') === 'clt,healing,lln') return 'all';
  return claims.join('+');
}

/** The `reference` section of a result (or first shard) file. */
export function referenceRecord(spec: StudySpec, reference: StudyReference): Record<string, unknown> {
  return {
    method: spec.reference.method ?? 'lagrangian', quadrature: spec.reference, times: spec.times, fhat: reference.fhat.map(spectrumToPairs), loss: reference.loss,
    squaredErrorBound: reference.squaredErrorBound, gridOutflow: reference.gridOutflow, seconds: reference.seconds,
    ...(reference.prediction ? { prediction: reference.prediction } : {}),
    ...(reference.marginals ? { marginals: reference.marginals } : {}),
    ...(reference.density ? { density: reference.density } : {}),
  };
}

/** A stored `reference` section, as JSON gives it back. */
export interface StoredReference {
  readonly fhat: readonly (readonly (readonly [number, number])[])[];
  readonly loss: readonly number[];
  readonly squaredErrorBound: readonly number[];
  readonly gridOutflow?: number;
  readonly seconds?: number;
  readonly prediction?: StudyReference['prediction'];
  readonly marginals?: { readonly L: number; readonly y: readonly (readonly number[])[]; readonly c: readonly (readonly number[])[]; readonly bins: { readonly by: number; readonly bc: number; readonly mass: readonly (readonly number[])[] } };
  readonly density?: { readonly ny: number; readonly nc: number; readonly L: number; readonly rho: readonly (readonly number[])[] };
}

/** The reference a study's analysis reads, from its stored section (doubles round-trip exactly, so the analysis is the same). */
export function referenceFromRecord(r: StoredReference): StudyReference {
  const m = r.marginals;
  const d = r.density;
  return {
    fhat: r.fhat.map((pairs) => {
      const s = createSpectrum(pairs.length - 1);
      pairs.forEach(([re, im], k) => {
        s.re[k] = re;
        s.im[k] = im;
      });
      return s;
    }),
    loss: [...r.loss], squaredErrorBound: [...r.squaredErrorBound], gridOutflow: r.gridOutflow ?? 0, seconds: r.seconds ?? 0,
    prediction: r.prediction ?? null,
    marginals: m ? { L: m.L, y: m.y.map((a) => Float64Array.from(a)), c: m.c.map((a) => Float64Array.from(a)), bins: { by: m.bins.by, bc: m.bins.bc, mass: m.bins.mass.map((a) => Float64Array.from(a)) } } : null,
    density: d ? { ny: d.ny, nc: d.nc, L: d.L, rho: d.rho.map((a) => Float64Array.from(a)) } : null,
  };
}

/** The record a study's result file holds (typed arrays included; `toJson` writes it). */
export function studyResultRecord(outcome: StudyOutcome, options: StudyResultOptions = {}): Record<string, unknown> {
  const { spec, reference, members, analysis } = outcome;
  const now = resultHeader('compare', options.argv ?? process.argv.slice(1), { claim: options.claim ?? studyClaim(spec) });
  const run = options.run;
  return {
    ...(run
      ? { ...now, argv: run.argv, package: run.package, createdAt: run.createdAt, reanalysed: { argv: now.argv, package: now.package, createdAt: now.createdAt } }
      : now),
    spec, declaredPrimary: declarePrimaryVerdicts(spec), problem: problemRecord(createTorusProblem(spec.problem), spec.law),
    reference: referenceRecord(spec, reference),
    // one member's particles at every time (the largest n, seed 0), for the reports' scatter over ρ₀
    sample: options.sample ?? sampleParticles(spec, spec.ns[spec.ns.length - 1]!, 0),
    analysis,
    members: members.map(memberToRecord),
    timing: options.timing ?? {},
  };
}

/** Writes a study's result file atomically (no half-written file if the process dies). */
export function writeStudyResult(file: string, outcome: StudyOutcome, options: StudyResultOptions = {}): void {
  writeFileAtomic(file, toJson(studyResultRecord(outcome, options)));
}

/** The format of a shard file: one slice's members, for `liouville merge` (not a result file: no reference, no analysis). */
export const SHARD_FORMAT = 'liouville-shard/1';

/**
 * What makes shards parts of one study: the hash of the spec and of the code that runs it (package
 * version and git commit), since members of the same spec under other code need not be the same
 * numbers. SHA-256, the first 16 hex digits. Any study's spec that is plain data (the 3-spin study's too).
 */
export function studyFingerprint(spec: object): string {
  const { name, version, commit } = provenance();
  return createHash('sha256').update(JSON.stringify({ spec, code: { name, version, commit } })).digest('hex').slice(0, 16);
}

/**
 * Writes one slice's members (`runStudyShard`) as a shard file, with the study's fingerprint and the
 * submission it belongs to; the first slice also carries the study's reference, so the merge only
 * joins and decides.
 */
export function writeShardResult(file: string, spec: StudySpec, shard: { readonly index: number; readonly count: number }, slice: StudyShardOutcome,
  options: Pick<StudyResultOptions, 'argv' | 'claim' | 'timing'> & { readonly submission?: string | null } = {}): void {
  writeFileAtomic(file, toJson({
    ...resultHeader('compare', options.argv ?? process.argv.slice(1), { claim: options.claim ?? studyClaim(spec) }), format: SHARD_FORMAT,
    shard: { index: shard.index + 1, count: shard.count }, study: { fingerprint: studyFingerprint(spec), submission: options.submission ?? null },
    spec, ...(slice.reference ? { reference: referenceRecord(spec, slice.reference) } : {}), members: slice.members.map(memberToRecord), timing: options.timing ?? {},
  }));
}
