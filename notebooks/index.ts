/**
 * The reports as a library: the self-contained HTML page of a compare result (`buildReportHtml`,
 * bundled by esbuild), the part of a result it reads (`pickReportInput`, `reportInputProblem`),
 * the static SVG figures (`staticFigures`) and the 3-spin page.
 */
export { buildReportHtml } from './buildReport.ts';
export { pickReportInput, reportInputProblem, type ReportInput } from './report/input.ts';
export { staticFigures } from './staticFigures.ts';
export { spin3ReportHtml } from './spin3Figure.ts';
