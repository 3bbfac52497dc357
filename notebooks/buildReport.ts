/**
 * Builds the self-contained report page: bundles `report/page.ts` (and the d3 modules it uses)
 * with esbuild into one inline script, and embeds the result data as JSON. No network access
 * is needed to open the page.
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportInput } from './report/input.ts';
import { pickReportInput, reportInputProblem } from './report/input.ts';
import { esc } from './plot/svg.ts';

const here = dirname(fileURLToPath(import.meta.url));

let bundled: Promise<string> | undefined;

/** The page script, minified IIFE for the browser (built once per process). */
export function bundlePage(): Promise<string> {
  bundled ??= build({
    // the sources (under tsx) bundle page.ts; the built library (dist/) bundles its compiled page.js
    entryPoints: [join(here, 'report', import.meta.url.endsWith('.ts') ? 'page.ts' : 'page.js')],
    bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2020', minify: true, legalComments: 'none',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  return bundled;
}

/**
 * JSON safe inside `<script type="application/json">`: every `<` becomes `\u003c`, so neither
 * `</script` nor `<!--` can appear; `JSON.parse` gives back the same value.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A script body safe inside `<script>`: `</script` is written `<\/script`. */
export function embedScript(js: string): string {
  return js.replace(/<\/script/gi, '<\\/script');
}

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 1320px; color: #222; padding: 0 1rem; }
h1 { font-size: 1.4rem; margin-bottom: .2rem; } h2 { font-size: 1.05rem; margin: .2rem 0 .4rem; }
.meta { color: #555; font-size: .9rem; } .controls { position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid #ddd; z-index: 1; display: flex; gap: 1rem; align-items: center; }
#time-slider { width: 320px; } #current-time { font-weight: bold; font-variant-numeric: tabular-nums; min-width: 5em; }
.grid2 { display: flex; flex-wrap: wrap; gap: 1rem 2rem; } section { margin: 1rem 0; } .note { color: #555; font-size: .85rem; max-width: 640px; }
.missing { color: #8a5a00; background: #fff6e0; padding: .5rem; border: 1px solid #e0c080; max-width: 560px; }
h3 { font-size: .95rem; margin: .8rem 0 .3rem; }
table.verdicts { border-collapse: collapse; font-size: .85rem; } .verdicts th, .verdicts td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
.verdicts th { background: #f3f3f3; } .verdicts td.num { font-variant-numeric: tabular-nums; white-space: nowrap; } .verdicts td.outcome { white-space: nowrap; }
.verdicts tr.agrees td.outcome { color: #1a7f37; } .verdicts tr.disagrees td.outcome { font-weight: bold; color: #a0410d; } .verdicts tr.not-resolved td.outcome { color: #777; }
.verdicts .regime-note { color: #8a5a00; font-size: .8em; font-style: italic; margin-top: 2px; max-width: 420px; }
table.verdicts.primary { border: 2px solid #888; }
table.verdicts.descriptive { font-size: .75rem; color: #666; } table.verdicts.descriptive th { background: #fafafa; font-weight: normal; }
h3.verdicts-descriptive { color: #666; font-weight: normal; }
`;

/** The whole page for a compare result, as `readStudyResult` returns it; anything else is refused with what is wrong. */
export async function buildReportHtml(result: ReportInput): Promise<string> {
  const problem = reportInputProblem(result);
  if (problem) throw new TypeError(`buildReportHtml: the result ${problem}`);
  const input = pickReportInput(result);
  const js = await bundlePage();
  const s = input.spec;
  const title = `liouville report: ${s.problem.unit}, f = ${s.problem.target}`;
  const meta = `n = ${s.ns.join(', ')}; ${s.seeds} seeds per n; t = ${s.times.join(', ')}; c ~ N(${s.law.cMean}, ${s.law.sigmaC}²)`
    + `${input.package?.commit ? `; commit ${input.package.commit}` : ''}${input.createdAt ? `; run ${input.createdAt}` : ''}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">${esc(meta)}</p>
<div class="controls"><label for="time-slider">time</label><input id="time-slider" type="range" min="0" max="${s.times.length - 1}" step="1" value="0">
<span id="current-time">t = ${s.times[0]}</span><button id="play" type="button">▶ play</button><span class="note">The slider moves views 1–3.</span></div>
<div class="grid2">
<section id="view-heatmap"><h2>1. ρ₀(t) and the particles of ρ_n(t)</h2><div class="plot"></div></section>
<section id="view-functions"><h2>3. f, f₀(t), f_n(t)</h2><div class="plot"></div></section>
</div>
<section id="view-marginals"><h2>2. Marginals of ρ₀(t) and histograms of ρ_n(t)</h2><div class="plot"></div></section>
<div class="grid2">
<section id="view-loss"><h2>4. Loss against time</h2><div class="plot"></div></section>
<section id="view-scaling"><h2>5. E‖f_n − f₀‖² against n</h2><div class="plot"></div></section>
</div>
<section id="view-healing"><h2>6. Healing: the CLT prefactor per Fourier mode against time</h2><div class="plot"></div>
<p class="note">Prop. 3.2: √n (f_n(t) − f₀(t)) tends to a Gaussian f½(t), and f½(t) → 0 as t → ∞. So the prefactor P(t) = lim n·E‖f_n(t) − f₀(t)‖² must fall to 0, in every Fourier mode.
Dots: n·E|f̂_n,m − f̂₀,m|² (Parseval weight included; the total is their sum) pooled over the upper half of the n-ladder; open dots where the study is at its resolution floor.
Lines: the prediction of the linearised mean-field flow, when the file has one. Bars on the total: P of the fit P/n + Q/n² over the whole ladder (95% bootstrap).</p></section>
<section id="view-prefactor"><h2>7. The CLT prefactor: measured against predicted</h2><div class="plot"></div>
<p class="note">The line is lim n·E‖f_n − f₀‖² predicted from the mean-field flow linearised about ρ₀ (rings: the same on the check quadrature; dashed: the small-target closed form Σ σ²|ψ̂_m|² e^(−2λ_m t), when c̄ = 0).
Black: n·E‖f_n − f₀‖² measured and pooled over the upper half of the n-ladder, with its 95% interval; light dots: each n (ascending left to right, ±2 s.e.).
Where the file has them, the means are controlled ones: each member's linear response ‖δ_lin‖² (the linearised flow at its own initial particles) as control variate, which removes most of the seed-to-seed scatter (the reduction per time is in analysis.controlVariate).
Times where E‖f_n − f₀‖² is below what the study resolves are not measured.</p></section>
<section id="view-asymptotic"><h2>8. Prop. 3.3: error at times growing with n</h2><div class="plot"></div></section>
<section id="view-control"><h2>9. The control variate: each member against its linear response</h2><div class="plot"></div>
<p class="note">Each dot is one member at the largest n: its n‖f_n − f₀‖² against n‖δ_lin‖², the linearised flow evaluated at the member's own initial particles, whose mean is known exactly.
On the dashed diagonal the fluctuation is all linear; the spread about the line is what the controlled means keep (the legend: the variance reduction at this n).</p></section>
<section id="view-verdicts"><h2>10. Verdicts</h2><div class="plot"></div>
<p class="note">Each row tests one proposition in its regime. Primary rows are one family, decided together (Holm); descriptive rows are each decided at α and are not confirmations of the same weight.
✓ agrees: the interval lies within the rule; ✗ disagrees: wholly outside it; ? not resolved: neither, or the proposition predicts nothing decidable here (the note under the claim says why).
“detects” is the smallest deviation from the theory the row would call a disagreement with 80% power. Hover a claim for its hypothesis, a proposition for its statement.</p></section>
<script id="data" type="application/json">${embedJson(input)}</script>
<script>${embedScript(js)}</script>
</body></html>
`;
}
