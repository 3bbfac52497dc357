/**
 * `npm run figures`: the README's static figures, drawn in Node without a DOM from the same
 * data shaping and SVG views as the report page. Writes docs/figures/scaling.svg (view 5),
 * docs/figures/healing.svg (view 6), when the result has a prediction docs/figures/prefactor.svg
 * (view 7), and when it has a study of times growing with n docs/figures/asymptotic.svg (view 8),
 * from a compare result (default results/compare-all.json).
 *
 *   npx tsx notebooks/staticFigures.ts [result.json] [outDir] [only: e.g. asymptotic.svg,healing.svg]
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../io/resultFile.ts';
import { reportInputProblem, type ReportInput } from './report/input.ts';
import { asymptoticSeries, controlSeries, healingSeries, prefactorSeries, scalingSeries } from './report/series.ts';
import { controlSvg } from './report/views/control.ts';
import { asymptoticSvg } from './report/views/asymptotic.ts';
import { healingSvg } from './report/views/healing.ts';
import { prefactorSvg } from './report/views/prefactor.ts';
import { scalingSvg } from './report/views/scaling.ts';

/**
 * The static figures of a compare result, as `{ file name: SVG text }`; prefactor.svg only with a
 * prediction, asymptotic.svg only with analysis.asymptotic, control.svg only with control variates.
 */
export function staticFigures(input: ReportInput): Record<string, string> {
  const prefactor = prefactorSeries(input);
  const asymptotic = asymptoticSeries(input);
  const control = controlSeries(input);
  return {
    'scaling.svg': scalingSvg(scalingSeries(input)) + '\n',
    'healing.svg': healingSvg(healingSeries(input)) + '\n',
    ...(prefactor ? { 'prefactor.svg': prefactorSvg(prefactor) + '\n' } : {}),
    ...(asymptotic ? { 'asymptotic.svg': asymptoticSvg(asymptotic) + '\n' } : {}),
    ...(control ? { 'control.svg': controlSvg(control) + '\n' } : {}),
  };
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const file = process.argv[2] ?? join(root, 'results', 'compare-all.json');
  const outDir = process.argv[3] ?? join(root, 'docs', 'figures');
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const problem = reportInputProblem(data);
  if (problem) {
    process.stderr.write(`figures: ${file} ${problem}\n`);
    process.exit(2);
  }
  // an optional comma-separated list keeps only those figures (a schedule study's asymptotic.svg beside a main study's)
  const only = process.argv[4]?.split(',');
  for (const [name, svg] of Object.entries(staticFigures(data as ReportInput)).filter(([name]) => !only || only.includes(name))) {
    writeFileAtomic(join(outDir, name), svg);
    process.stderr.write(`wrote ${join(outDir, name)} (${(svg.length / 1024).toFixed(0)} kB)\n`);
  }
}
