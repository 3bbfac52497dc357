/**
 * `liouville export <compare-result.json> --format csv`: a study as tidy tables that pandas, R or
 * Observable read in one line — one row per member and time, one per `(n, t)` cell, one per
 * verdict — with the columns documented in docs/results.md. CSV quoting is RFC 4180 (a field with
 * a comma, a quote or a line break is quoted, quotes doubled); numbers are written as JavaScript
 * prints them (shortest round-trip), so nothing is lost. Arrow is not offered: the tables are small
 * enough that CSV loads in a second, and a columnar format would add a large dependency for no gain
 * at this size.
 */
import { basename, join } from 'node:path';
import { flagString, flagSwitch, parseFlagsAndFiles, UsageError, type FlagSpec } from './flags.ts';
import { writeFileAtomic } from '../io/resultFile.ts';
import { readResult } from '../io/readResult.ts';
import { StudyResultSchema } from '../io/resultSchema.ts';

export const EXPORT_FLAGS: readonly FlagSpec[] = [
  { name: 'format', value: 'csv', default: 'csv', help: 'the table format (csv)' },
  { name: 'out', value: 'dir', help: 'output directory (default: beside the result file)' },
  { name: 'quiet', help: 'no summary' },
];

export const EXPORT_USAGE = `liouville export <compare-result.json> [flags]

Writes a compare result as three tidy CSV tables beside it (or in --out):
  <name>.members.csv   one row per member and recorded time: n, r, t, loss, distances, f̂_n
  <name>.cells.csv     one row per (n, t): the mean squared error, its split, per mode
  <name>.verdicts.csv  one row per verdict: proposition, claim, measurement, rule, outcome, power
Columns: docs/results.md. Example (pandas): pd.read_csv("results/vonmises2/compare-all.cells.csv")

Flags:
`;

type Value = string | number | boolean | null | undefined;

/** One CSV field (RFC 4180); null, undefined and non-finite numbers are empty (NaN is "not measured"). */
export function csvField(v: Value): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvTable(header: readonly string[], rows: readonly (readonly Value[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

interface StoredMember {
  n: number; r: number; fhat: number[][]; loss: number[]; w1y: number[]; w1c: number[]; binnedL1: number[];
  sgdNoise?: number[]; sgdNoiseUnquenched?: number[];
}
interface StoredCell {
  n: number; t: number; mse: number; mseStandardError: number; bias2: number; variance: number; nMse: number; nVariance: number;
  modeMse: number[]; lossMean: number; w1y: number | null; w1c: number | null; binnedL1: number | null;
}
interface StoredVerdict {
  role: string; proposition: string; claim: string; t: number | null; quantity: string; hypothesis: string; theory: string; justification: string;
  measurement: { estimate: number | null; lower: number | null; upper: number | null; level: number };
  rule: { kind: string; theta?: number; delta?: number; bound?: number };
  outcome: string; pAgree: number; pDisagree: number; adjustedP: number | null; familySize: number; detectable: number | null;
  inRegime: boolean; regimeNote: string | null;
}

/** The three tables of a compare result. */
export function exportTables(result: { spec: { times: number[] }; members: StoredMember[]; analysis: { cells: StoredCell[]; verdicts: StoredVerdict[] } }): Record<'members' | 'cells' | 'verdicts', string> {
  const times = result.spec.times;
  const M = (result.members[0]?.fhat[0]?.length ?? 2) / 2 - 1;
  const modeCols = Array.from({ length: M + 1 }, (_, m) => [`re_${m}`, `im_${m}`]).flat();
  const sgd = result.members.some((m) => m.sgdNoise !== undefined);
  const members = csvTable(
    ['n', 'r', 't', 'loss', 'w1_y', 'w1_c', 'binned_l1', ...(sgd ? ['sgd_noise', 'sgd_noise_unquenched'] : []), ...modeCols],
    result.members.flatMap((m) => times.map((t, k) => [
      m.n, m.r, t, m.loss[k], m.w1y[k], m.w1c[k], m.binnedL1[k],
      ...(sgd ? [m.sgdNoise?.[k], m.sgdNoiseUnquenched?.[k]] : []), ...(m.fhat[k] ?? []),
    ])),
  );
  const cells = csvTable(
    ['n', 't', 'mse', 'mse_se', 'bias2', 'variance', 'n_mse', 'n_variance', 'loss_mean', 'w1_y', 'w1_c', 'binned_l1', ...Array.from({ length: M + 1 }, (_, m) => `mode_mse_${m}`)],
    result.analysis.cells.map((c) => [c.n, c.t, c.mse, c.mseStandardError, c.bias2, c.variance, c.nMse, c.nVariance, c.lossMean, c.w1y, c.w1c, c.binnedL1, ...c.modeMse]),
  );
  const verdicts = csvTable(
    ['role', 'proposition', 'claim', 't', 'estimate', 'lower', 'upper', 'level', 'rule', 'theta', 'delta', 'bound', 'outcome',
      'p_agree', 'p_disagree', 'adjusted_p', 'family_size', 'detectable', 'in_regime', 'regime_note', 'quantity', 'hypothesis', 'theory', 'justification'],
    result.analysis.verdicts.map((v) => [
      v.role, v.proposition, v.claim, v.t, v.measurement.estimate, v.measurement.lower, v.measurement.upper, v.measurement.level,
      v.rule.kind, v.rule.theta, v.rule.delta, v.rule.bound, v.outcome, v.pAgree, v.pDisagree, v.adjustedP, v.familySize, v.detectable,
      v.inRegime, v.regimeNote, v.quantity, v.hypothesis, v.theory, v.justification,
    ]),
  );
  return { members, cells, verdicts };
}

export function exportCommand(argv: readonly string[]): number {
  const { values, files } = parseFlagsAndFiles(argv, EXPORT_FLAGS);
  if (files.length !== 1) throw new UsageError(`give exactly one compare result file, got ${files.length}`);
  const format = flagString(values, 'format');
  if (format !== 'csv') throw new UsageError(`--format: got "${format}", must be csv`);
  const file = files[0]!;
  const data = readResult(file, StudyResultSchema, 'a compare result with members and an analysis') as unknown as {
    spec: { times: number[] }; members: StoredMember[]; analysis: { cells: StoredCell[]; verdicts: StoredVerdict[] };
  };
  const tables = exportTables({ spec: data.spec, members: data.members, analysis: data.analysis });
  const dir = flagString(values, 'out') ?? join(file, '..');
  const stem = basename(file).replace(/\.json$/, '');
  const written: string[] = [];
  for (const [name, text] of Object.entries(tables)) {
    const path = join(dir, `${stem}.${name}.csv`);
    writeFileAtomic(path, text);
    written.push(`${path} (${text.split('\n').length - 2} rows)`);
  }
  if (!flagSwitch(values, 'quiet')) console.log(`wrote ${written.join(', ')}`);
  return 0;
}
