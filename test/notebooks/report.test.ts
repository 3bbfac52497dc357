import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReportHtml, embedJson, embedScript } from '../../notebooks/buildReport.ts';
import { staticFigures } from '../../notebooks/staticFigures.ts';
import { fixture, fixtureWithoutPrediction } from './fixture.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'liouville.js');
const dir = mkdtempSync(join(tmpdir(), 'liouville-report-'));

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
  for (const id of ['view-heatmap', 'view-marginals', 'view-functions', 'view-loss', 'view-scaling', 'view-healing', 'view-prefactor', 'view-verdicts', 'current-time', 'time-slider']) {
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
  const particles = write('particles.json', JSON.stringify({ format: 'liouville-result/1', command: 'particles', snapshots: [] }));
  const missing = join(dir, 'missing.json');
  const cases: [string[], RegExp][] = [
    [[missing], /cannot read result file .*missing\.json: ENOENT/],
    [[notJson], /result file .*notjson\.json is not JSON/],
    [[wrongFormat], /format\.json has format "liouville-result\/0", expected "liouville-result\/1"/],
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
  assert.match(a['scaling.svg']!, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(a['scaling.svg']!, /slope −1\.00 \[−1\.10, −0\.90\]/);
  assert.is(a['scaling.svg']!.match(/class="fit"/g)!.length, 2);
  assert.match(a['healing.svg']!, /mode 1/);
  assert.ok(a['healing.svg']!.includes('class="guide"'));
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
