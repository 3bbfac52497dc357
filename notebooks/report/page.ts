/**
 * Browser entry of the report page: reads the embedded result (`<script id="data">`), draws the
 * nine views, and wires the time slider (views 1–3) and its play button. Sets
 * `document.body.dataset.ready = '1'` when everything is drawn.
 */
import { select } from 'd3-selection';
import type { ReportInput } from './input.ts';
import { asymptoticSeries, controlSeries, functionCurves, healingSeries, heatmapData, lossSeries, marginalSeries, prefactorSeries, scalingSeries } from './series.ts';
import { asymptoticHtml } from './views/asymptotic.ts';
import { functionsSvg } from './views/functions.ts';
import { healingSvg } from './views/healing.ts';
import { heatmapSvg } from './views/heatmap.ts';
import { lossSvg } from './views/loss.ts';
import { marginalsSvg } from './views/marginals.ts';
import { missing } from './views/missing.ts';
import { controlSvg } from './views/control.ts';
import { prefactorSvg } from './views/prefactor.ts';
import { scalingSvg } from './views/scaling.ts';
import { verdictsHtml } from './views/verdicts.ts';

const input = JSON.parse(document.getElementById('data')!.textContent!) as ReportInput;
const times = input.spec.times;

function drawTime(k: number): void {
  const h = heatmapData(input, k);
  select('#view-heatmap .plot').html(h ? heatmapSvg(h) : missing('This result file has no ρ₀ density (reference.density): rerun <code>liouville compare</code> with the current version to get it.'));
  const m = marginalSeries(input, k);
  select('#view-marginals .plot').html(m ? marginalsSvg(m, input.sample?.n) : missing('This result file has no marginals of ρ₀ (it was run with --density none).'));
  select('#view-functions .plot').html(functionsSvg(functionCurves(input, k)));
  select('#current-time').text(`t = ${times[k]}`);
}

select('#view-loss .plot').html(lossSvg(lossSeries(input)));
select('#view-scaling .plot').html(scalingSvg(scalingSeries(input)));
select('#view-healing .plot').html(healingSvg(healingSeries(input)));
const prefactor = prefactorSeries(input);
select('#view-prefactor .plot').html(prefactor ? prefactorSvg(prefactor)
  : missing('This result file has no prediction of the CLT prefactor (reference.prediction): a study of growing times does not compute one; for the others rerun <code>liouville compare</code> with the current version, without <code>--predict none</code>.'));
select('#view-asymptotic .plot').html(asymptoticHtml(asymptoticSeries(input)));
const control = controlSeries(input);
select('#view-control .plot').html(control ? controlSvg(control)
  : missing('This result file has no control variates (analysis.controlVariate): they need a prediction with σ_c > 0 and this version of <code>liouville compare</code> or <code>liouville reanalyse</code>.'));
select('#view-verdicts .plot').html(verdictsHtml(input.analysis.verdicts));

const slider = document.getElementById('time-slider') as HTMLInputElement;
slider.min = '0';
slider.max = String(times.length - 1);
slider.step = '1';
slider.value = '0';
slider.addEventListener('input', () => drawTime(Number(slider.value)));

const play = document.getElementById('play') as HTMLButtonElement;
let timer: ReturnType<typeof setInterval> | undefined;
play.addEventListener('click', () => {
  if (timer !== undefined) {
    clearInterval(timer);
    timer = undefined;
    play.textContent = '▶ play';
    return;
  }
  play.textContent = '❚❚ pause';
  timer = setInterval(() => {
    slider.value = String((Number(slider.value) + 1) % times.length);
    drawTime(Number(slider.value));
  }, 900);
});

drawTime(0);
document.body.dataset.ready = '1';
