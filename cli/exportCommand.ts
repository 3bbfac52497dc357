/**
 * `liouville export <compare-result.json> --format csv`: a study as tidy tables that pandas, R or
 * Observable read in one line — one row per member and time, one per `(n, t)` cell, one per
 * verdict, one per recorded time — with the columns documented in docs/results.md. CSV quoting is RFC 4180 (a field with
 * a comma, a quote or a line break is quoted, quotes doubled); numbers are written as JavaScript
 * prints them (shortest round-trip), so nothing is lost. Arrow is not offered: the tables are small
 * enough that CSV loads in a second, and a columnar format would add a large dependency for no gain
 * at this size.
 */
import { basename, join } from 'node:path';
import { flagString, flagSwitch, parseFlagsAndFiles, UsageError, type FlagSpec } from './flags.ts';
import { writeFileAtomic } from '../io/resultFile.ts';
import { exportTables, type TabulatedStudy } from '../io/studyTables.ts';
import { readResult } from '../io/readResult.ts';
import { StudyResultSchema } from '../io/resultSchema.ts';

export const EXPORT_FLAGS: readonly FlagSpec[] = [
  { name: 'format', value: 'csv', default: 'csv', help: 'the table format (csv)' },
  { name: 'out', value: 'dir', help: 'output directory (default: beside the result file)' },
  { name: 'quiet', help: 'no summary' },
];

export const EXPORT_USAGE = `liouville export <compare-result.json> [flags]

Writes a compare result as four tidy CSV tables beside it (or in --out), each ending with the
problem's columns (unit, target, c_mean, sigma_c):
  <name>.members.csv   one row per member and recorded time: n, r, t, loss, distances, f̂_n
  <name>.cells.csv     one row per (n, t): the mean squared error, its split, per mode, the prediction
  <name>.verdicts.csv  one row per verdict: proposition, claim, measurement, rule, outcome, power
  <name>.times.csv     one row per time: the predicted prefactor (total, per mode), P, Q and n× with intervals
Columns: docs/results.md. Example (pandas): pd.read_csv("results/vonmises2/compare-all.cells.csv")

Flags:
`;


export function exportCommand(argv: readonly string[]): number {
  const { values, files } = parseFlagsAndFiles(argv, EXPORT_FLAGS);
  if (files.length !== 1) throw new UsageError(`give exactly one compare result file, got ${files.length}`);
  const format = flagString(values, 'format');
  if (format !== 'csv') throw new UsageError(`--format: got "${format}", must be csv`);
  const file = files[0]!;
  const data = readResult(file, StudyResultSchema, 'a compare result with members and an analysis') as unknown as TabulatedStudy;
  const tables = exportTables(data);
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
