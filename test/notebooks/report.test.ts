import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReportHtml, embedJson, embedScript } from '../../notebooks/buildReport.ts';
import { pickReportInput } from '../../notebooks/report/input.ts';
import { asymptoticSeries, healingSeries, scalingSeries } from '../../notebooks/report/series.ts';
import { asymptoticHtml, asymptoticSvg } from '../../notebooks/report/views/asymptotic.ts';
import { healingSvg } from '../../notebooks/report/views/healing.ts';
import { scalingSvg, thinTimes } from '../../notebooks/report/views/scaling.ts';
import { measurementCell, num, ruleCell, verdictsHtml } from '../../notebooks/report/views/verdicts.ts';
import { staticFigures } from '../../notebooks/staticFigures.ts';
import { fixture, fixtureWithoutPrediction, fixtureWithSchedules } from './fixture.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { RESULT_FORMAT } from '../../io/resultFormat.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'liouville.js');
const dir = tempDir('liouville-report-');

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('embedJson: no "</script" or "<!--" survives, and JSON.parse gives the value back', () => {
  const value = { a: '</script><!-- x', b: [1, 2.5e-300], c: 'line\u2028sep' };
  const text = embedJson(value);
  assert.not.match(text, /<\/script/i);
  assert.not.match(text, /<!--/);
  assert.equal(JSON.parse(text), value);
  assert.is(embedScript('x="</script>"'), 'x="<\\/script>"');
});

test('buildReportHtml: one page with the data and the bundle inline, no external resources', async () => {
  const html = await buildReportHtml(fixture());
  assert.is(html.match(/<\/script/gi)!.length, 2, 'only the two closing tags of the data and the page script');
  assert.not.match(html, /<script[^>]+src=/);
  assert.not.match(html, /<link[^>]+href=/);
  const data = /<script id="data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!;
  const parsed = JSON.parse(data);
  assert.is(parsed.analysis.verdicts[0].claim, 'CLT </script><script>alert(1)</script>');
  assert.is(parsed.members.length, 1);
  assert.not.ok('gaussianity' in parsed);
  for (const id of ['view-heatmap', 'view-marginals', 'view-functions', 'view-loss', 'view-scaling', 'view-healing', 'view-prefactor', 'view-asymptotic', 'view-control', 'view-verdicts', 'current-time', 'time-slider']) {
    assert.ok(html.includes(`id="${id}"`), id);
  }
});

test('liouville report: writes the page from a compare result file', () => {
  const input = join(dir, 'ok.json');
  const out = join(dir, 'ok.html');
  writeFileSync(input, JSON.stringify(fixture()));
  const r = cli(['report', input, '--out', out, '--quiet']);
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stderr, '');
  assert.match(readFileSync(out, 'utf8'), /^<!doctype html>/);
});

test('liouville report: bad input exits 2 with a message naming the flag or file, and writes nothing', () => {
  const write = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const notJson = write('notjson.json', '{"format": ');
  const wrongFormat = write('format.json', JSON.stringify({ ...fixture(), format: 'liouville-result/0' }));
  const particles = write('particles.json', JSON.stringify({ format: RESULT_FORMAT, command: 'particles', snapshots: [] }));
  const missing = join(dir, 'missing.json');
  const cases: [string[], RegExp][] = [
    [[missing], /missing\.json: cannot read it \(ENOENT\)/],
    [[notJson], /notjson\.json: not JSON/],
    [[wrongFormat], /format\.json: format "liouville-result\/0" is not one this version reads/],
    [[particles], /particles\.json was written by "liouville particles", expected a "liouville compare" result/],
    [[], /give one result file/],
    [[notJson, wrongFormat], /give one result file, got 2/],
    [[wrongFormat, '--colour'], /unknown flag --colour/],
  ];
  for (const [args, message] of cases) {
    const out = join(dir, 'bad.html');
    const r = cli(['report', ...args, '--out', out, '--quiet']);
    assert.is(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^liouville report: /);
    assert.match(r.stderr, message);
    assert.not.ok(existsSync(out), `no file for ${args.join(' ')}`);
  }
  const noOut = cli(['report', join(dir, 'ok.json')]);
  assert.is(noOut.status, 2);
  assert.match(noOut.stderr, /--out is required/);
});

test('staticFigures: the log-log and healing plots as deterministic SVG, without a DOM', () => {
  const a = staticFigures(fixture());
  const b = staticFigures(fixture());
  assert.equal(Object.keys(a), ['scaling.svg', 'healing.svg', 'prefactor.svg']);
  assert.is(a['scaling.svg'], b['scaling.svg']);
  assert.is(a['healing.svg'], b['healing.svg']);
  assert.match(a['scaling.svg']!, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(a['scaling.svg']!, /slope −1\.00 \[−1\.10, −0\.90\]/);
  assert.is(a['scaling.svg']!.match(/class="fit"/g)!.length, 2);
  assert.match(a['healing.svg']!, /^<svg xmlns=/);
  assert.match(a['healing.svg']!, /mode 1/);
});

test('scalingSvg: a schedule study\'s ~20 times are thinned to 8 spread over them, first and last kept, and the title says so', () => {
  assert.equal(thinTimes([0, 1, 2, 3, 4], 3), [0, 2, 4]);
  assert.equal(thinTimes([0, 1], 8), [0, 1]);
  const picked = thinTimes(Array.from({ length: 22 }, (_, k) => k), 8);
  assert.is(picked.length, 8);
  assert.equal([picked[0], picked[7]], [0, 21]);
  const f = fixture();
  const times = Array.from({ length: 22 }, (_, k) => k);
  const many = { ...f, spec: { ...f.spec, times }, analysis: { ...f.analysis, cells: f.spec.ns.flatMap((n) => times.map((t) => ({ ...f.analysis.cells[0]!, n, t }))), slopes: [] } };
  const svg = scalingSvg(scalingSeries(many));
  assert.match(svg, /8 of 22 times/);
  assert.is(group(svg, 'marks').match(/<circle/g)!.length, 8 * 2, 'two rungs at each of the 8 times shown');
});

/** The inside of `<g class="name">…</g>` (the views nest no groups inside these). */
function group(svg: string, name: string): string {
  return new RegExp(`<g class="${name}">(.*?)</g>`).exec(svg)?.[1] ?? '';
}

test('healingSvg: dots per drawable (mode, time), open at the floor; predicted lines; the fitted P as one bar; zeros skipped', () => {
  const svg = healingSvg(healingSeries(pickReportInput(fixture())));
  // total and mode 1 at t = 0, 1; modes 0 and 2 are 0 throughout (nothing on a log axis, no legend row)
  const dots = group(svg, 'measured').match(/<circle [^>]*>/g)!;
  assert.is(dots.length, 4);
  assert.is(dots.filter((d) => d.includes('fill="white"')).length, 2, 't = 1 is at the resolution floor');
  assert.is(group(svg, 'predicted').match(/<path /g)!.length, 2, 'total and mode 1');
  assert.is(group(svg, 'fit-p').match(/<path /g)!.length, 1, 'only t = 0 is resolvable');
  assert.not.ok(svg.includes('mode 0'));
  assert.ok(svg.includes('P of P/n + Q/n² fit, 95%'));
  assert.ok(svg.includes('lines: predicted (linearised flow)'));
  assert.not.match(svg, /NaN|Infinity/);
  const bare = healingSvg(healingSeries(fixtureWithoutPrediction()));
  assert.is(group(bare, 'predicted'), '');
  assert.not.ok(bare.includes('lines: predicted'));
});

test('staticFigures: asymptotic.svg only for a result with analysis.asymptotic', () => {
  assert.not.ok('asymptotic.svg' in staticFigures(fixture()));
  const figures = staticFigures(fixtureWithSchedules());
  assert.equal(Object.keys(figures), ['scaling.svg', 'healing.svg', 'asymptotic.svg']);
  assert.match(figures['asymptotic.svg']!, /^<svg xmlns=/);
});

test('asymptoticSvg: one error path and one mean-field path per schedule, the slopes in the legend, −1 and −2 guides', () => {
  const svg = asymptoticSvg(asymptoticSeries(pickReportInput(fixtureWithSchedules()))!);
  assert.is(svg.match(/<g class="schedule">/g)!.length, 2);
  const errors = [...svg.matchAll(/<path class="error" d="([^"]*)"/g)].map((m) => m[1]!);
  assert.is(errors.length, 2);
  for (const d of errors) assert.match(d, /^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/, 'two rungs, one segment');
  const meanField = [...svg.matchAll(/<path class="mean-field" d="([^"]*)"/g)].map((m) => m[1]!);
  assert.is(meanField.length, 2);
  assert.not.ok(meanField[1]!.includes('L'), 'the second schedule\'s 0 is skipped on the log axis');
  assert.ok(svg.includes('a_n = 0.5·log n: slope −2.00 [−2.10, −1.90]'));
  assert.ok(svg.includes('a_n = 1 (fixed) &lt;i&gt;: slope not resolved'), 'escaped, and no slope where there is none');
  assert.is(group(svg, 'guides').match(/<line class="guide"/g)!.length, 2);
  assert.not.match(svg, /NaN|Infinity/);
});

test('asymptoticHtml: the plot and its note with a study of schedules, a missing-note without', () => {
  const html = asymptoticHtml(asymptoticSeries(fixtureWithSchedules()));
  assert.ok(html.startsWith('<svg'));
  assert.match(html, /1\/\(2λ\) = 0\.500/);
  const absent = asymptoticHtml(asymptoticSeries(fixture()));
  assert.match(absent, /^<p class="missing">/);
  assert.not.ok(absent.includes('<svg'));
});

/** The rows of the table of class `verdicts <role>`, as [class, cells…]. */
function tableRows(html: string, role: string): { cls: string; cells: string[] }[] {
  const table = new RegExp(`<table class="verdicts ${role}">(.*?)</table>`).exec(html)?.[1];
  if (table === undefined) return [];
  const body = /<tbody>(.*)<\/tbody>/.exec(table)![1]!;
  return [...body.matchAll(/<tr class="([^"]*)">(.*?)<\/tr>/g)].map((m) => ({
    cls: m[1]!,
    cells: [...m[2]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]!),
  }));
}

test('verdictsHtml: one row per verdict in the table of its role, with the outcome class and the columns filled', () => {
  const html = verdictsHtml(pickReportInput(fixture()).analysis.verdicts);
  assert.match(html, /Primary verdicts \(one family, Holm-corrected at α = 0\.05\)/);
  assert.match(html, /Descriptive \(each at α = 0\.05, not corrected\)/);
  const primary = tableRows(html, 'primary');
  const descriptive = tableRows(html, 'descriptive');
  assert.equal(primary.map((r) => r.cls), ['agrees', 'not-resolved']);
  assert.equal(descriptive.map((r) => r.cls), ['disagrees', 'not-resolved']);
  // proposition, claim, t, measured, rule, theory, outcome, detects
  const [agree, unresolved] = primary;
  assert.equal(agree!.cells, ['Prop. 3.2 (CLT for GD)', 'CLT &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;', '0', '−1 [−1.05, −0.95]', '−1 ± 0.1',
    '−1 (the n^{-1/2} fluctuation)', '✓ agrees', '±0.17']);
  assert.equal(unresolved!.cells[1], 'CLT: slope at t = 1<div class="regime-note">fewer than 3 rungs above 10·n× &lt;b&gt;</div>');
  assert.is(unresolved!.cells[6], '? not resolved');
  const [disagree, empty] = descriptive;
  assert.equal([disagree!.cells[2], disagree!.cells[3], disagree!.cells[4], disagree!.cells[6]], ['', '−1 [−1.1, −0.9] (90%)', '≤ −1.8', '✗ disagrees']);
  assert.equal([empty!.cells[3], empty!.cells[4], empty!.cells[7]], ['—', '≥ 0', '—']);
  assert.match(html, /title="hypothesis: fixed t = 0; rungs n ≥ 10"/);
  assert.match(html, /title="Holm-adjusted p = 0\.002 \(family of 2\)"/);
  assert.not.match(html, /<script|<b>|<i>/);
});

test('verdictsHtml: a study without primary verdicts says so instead of drawing an empty table', () => {
  const descriptiveOnly = pickReportInput(fixture()).analysis.verdicts.filter((v) => v.role === 'descriptive');
  const html = verdictsHtml(descriptiveOnly);
  assert.is(tableRows(html, 'primary').length, 0);
  assert.match(html, /No primary verdicts in this study/);
  assert.is(tableRows(html, 'descriptive').length, 2);
});

test('verdict cells: numbers with three digits and true minus signs, rules and intervals in words', () => {
  assert.equal([num(-1), num(0.1), num(-1.0128), num(3.337e-10), num(1234.5)], ['−1', '0.1', '−1.01', '3.34e−10', '1.23e3']);
  assert.is(ruleCell({ kind: 'band', theta: -1, delta: 0.1 }), '−1 ± 0.1');
  assert.is(ruleCell({ kind: 'atMost', bound: -1.8 }), '≤ −1.8');
  assert.is(ruleCell({ kind: 'atLeast', bound: 0 }), '≥ 0');
  assert.is(measurementCell({ estimate: NaN, lower: NaN, upper: NaN, level: 0.95 }), '—', 'a file built in memory keeps NaN');
  assert.is(measurementCell({ estimate: 0.5, lower: null, upper: null, level: 0.95 }), '0.5');
});

test('staticFigures: prefactor.svg only with a prediction; measured where resolvable, ✗ where the prediction is outside', () => {
  assert.equal(Object.keys(staticFigures(fixtureWithoutPrediction())), ['scaling.svg', 'healing.svg']);
  const svg = staticFigures(fixture())['prefactor.svg']!;
  assert.ok(svg.includes('CLT prefactor: n·E‖f_n − f₀‖², measured and predicted from the linearised flow'));
  assert.is(svg.match(/<rect [^>]*><title>predicted at t = /g)!.length, 2, 'one marker per time');
  assert.is(svg.match(/class="check"/g)!.length, 2);
  assert.ok(svg.includes('class="linear-regime"'));
  assert.is(/<g class="pooled">(.*?)<\/g>/.exec(svg)![1]!.match(/<circle/g)!.length, 1, 't = 1 is not resolvable');
  assert.is(/<g class="per-n">(.*?)<\/g>/.exec(svg)![1]!.match(/<circle/g)!.length, 2, 'n = 10, 100 at t = 0');
  assert.match(svg, /measured, n ≥ 100 pooled \(95%\)/);
  assert.not.ok(svg.includes('✗'));
  const f = fixture();
  const disagrees = { ...f, analysis: { ...f.analysis, prefactor: f.analysis.prefactor!.map((p) => ({ ...p, agrees: false })) } };
  const marked = staticFigures(disagrees)['prefactor.svg']!;
  assert.is(marked.match(/font-weight="bold">✗<\/text>/g)!.length, 1);
  assert.ok(marked.includes('✗ prediction outside the 95% interval'));
});

test.run();
