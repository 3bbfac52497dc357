/**
 * `liouville report`: turns a compare result file into one self-contained HTML page (data and
 * d3 inline, no network), written atomically.
 */
import { buildReportHtml } from '../notebooks/buildReport.ts';
import { reportInputProblem, type ReportInput } from '../notebooks/report/input.ts';
import { spin3ReportHtml, type Spin3ExactFigureInput, type Spin3ReportInput } from '../notebooks/spin3Figure.ts';
import { flagString, flagSwitch, parseFlagsAndFiles, UsageError, type FlagSpec } from './flags.ts';
import { writeFileAtomic } from '../io/resultFile.ts';
import { readJsonFile, requireCurrentFormat } from '../io/readResult.ts';

export const REPORT_FLAGS: readonly FlagSpec[] = [
  { name: 'out', value: 'report.html', required: true, help: 'the HTML page to write' },
  { name: 'exact', value: 'compare-spin3-exact.json', help: 'with a compare spin3 result: an exact-loss GD result of the same d, drawn as a fourth panel' },
  { name: 'quiet', help: 'no summary line' },
];

export const REPORT_USAGE = `liouville report <result.json> --out <report.html> [flags]

Turns a \`liouville compare\` result file into one self-contained HTML page: ρ₀ and the particles
of ρ_n on (y, c), marginals, f/f₀/f_n, loss, E‖f_n − f₀‖² against n, slopes against time (healing)
and the verdicts. d3 and the data are inline, so the page opens offline. A \`compare spin3\` result
gives its own page: the scale, the Fig. 1-style figure, the table per n and the slopes; with
--exact, an exact-loss GD result (compare spin3-exact) of the same d as a fourth panel.

Example:
  liouville report results/compare-all.json --out out/report.html

Flags:
`;

export async function reportCommand(argv: readonly string[]): Promise<number> {
  const { values, files: positional } = parseFlagsAndFiles(argv, REPORT_FLAGS);
  if (positional.length !== 1) throw new UsageError(positional.length === 0 ? 'give one result file (from liouville compare)' : `give one result file, got ${positional.length}: ${positional.join(' ')}`);
  const file = positional[0]!;
  const out = flagString(values, 'out')!;
  if (out.trim() === '') throw new UsageError('--out must name a file');
  const data = readJsonFile(file);
  requireCurrentFormat(file, data);
  const started = Date.now();
  let html: string;
  const record = data as { command?: unknown; claim?: unknown; format?: unknown };
  const exactFile = flagString(values, 'exact');
  if (record.command === 'compare' && record.claim === 'spin3') {
    let exact: Spin3ExactFigureInput | null = null;
    if (exactFile !== undefined) {
      const e = readJsonFile(exactFile) as Spin3ExactFigureInput & { command?: unknown };
      requireCurrentFormat(exactFile, e);
      if (e.command !== 'compare' || e.claim !== 'spin3-exact') throw new UsageError(`--exact: ${exactFile} is not a compare spin3-exact result (claim ${JSON.stringify(e.claim)})`);
      const d = (data as Spin3ReportInput).spec.d;
      if (e.spec.d !== d) throw new UsageError(`--exact: ${exactFile} has d = ${e.spec.d}, ${file} d = ${d}: give an exact-loss GD result of the same d`);
      exact = e;
    }
    html = spin3ReportHtml(data as Spin3ReportInput, exact);
  } else {
    if (exactFile !== undefined) throw new UsageError(`--exact goes with a compare spin3 result; ${file} is not one`);
    const problem = reportInputProblem(data);
    if (problem) throw new UsageError(`result file ${file} ${problem}`);
    html = await buildReportHtml(data as ReportInput);
  }
  writeFileAtomic(out, html);
  if (!flagSwitch(values, 'quiet')) {
    process.stderr.write(`${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${out} (${(Buffer.byteLength(html) / 1024).toFixed(0)} kB)\n`);
  }
  return 0;
}
