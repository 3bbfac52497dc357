import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixtureWithSchedules } from './fixture.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** Debian's chromium; CHROMIUM_PATH overrides it (e.g. to check the skip). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'liouville.js');

if (!existsSync(CHROMIUM)) {
  console.log(`SKIP report.browser.test.ts: ${CHROMIUM} not found (apt-get install chromium to run the browser test)`);
} else {
  test('report page: draws every view without errors, and the slider changes the time', async () => {
    const { chromium } = await import('playwright-core');
    const dir = tempDir('liouville-report-');
    const run = spawnSync(process.execPath, [bin, 'compare', 'all', '--n', '32,64,128', '--seeds', '4', '--t', '0,1,5,10', '--reference-method', 'lagrangian', '--reference', '32x12',
      '--reference-check', '48x16', '--density', '64x64', '--bootstrap', '200', '--workers', '1', '--out', dir, '--quiet'], { encoding: 'utf8' });
    assert.is(run.status, 0, run.stderr);
    const html = join(dir, 'report.html');
    const rep = spawnSync(process.execPath, [bin, 'report', join(dir, 'compare-all.json'), '--out', html, '--quiet'], { encoding: 'utf8' });
    assert.is(rep.status, 0, rep.stderr);

    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1320, height: 1000 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
      page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
      page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
      await page.goto(pathToFileURL(html).href);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
      assert.equal(errors, [], 'no console or page errors');
      assert.equal(requests, [], 'no network requests');

      // counted with locators: functions passed to page.evaluate must not define named closures (tsx adds __name)
      const count = (id: string, sel: string): Promise<number> => page.locator(`#${id} .plot ${sel}`).count();
      const marks = {
        heatmapCells: await count('view-heatmap', 'g.cells rect'),
        heatmapDots: await count('view-heatmap', 'g.particles circle'),
        marginalBars: await count('view-marginals', 'g.bars rect'),
        marginalPaths: await count('view-marginals', 'path'),
        functionPaths: await count('view-functions', 'g.curves path'),
        lossPaths: await count('view-loss', 'g.series path'),
        scalingDots: await count('view-scaling', 'g.marks circle'),
        scalingFits: await count('view-scaling', 'line.fit'),
        healingDots: await count('view-healing', 'g.measured circle'),
        healingPredicted: await count('view-healing', 'g.predicted path'),
        prefactorPredicted: await count('view-prefactor', 'g.predicted rect'),
        prefactorPerN: await count('view-prefactor', 'g.per-n circle'),
        prefactorPooled: await count('view-prefactor', 'g.pooled circle'),
        verdictRows: await count('view-verdicts', 'tbody tr'),
        primaryRows: await count('view-verdicts', 'table.verdicts.primary tbody tr'),
      };
      for (const [name, n] of Object.entries(marks)) assert.ok(n > 0, `${name}: ${n} marks`);
      assert.is(marks.functionPaths, 3, 'f, f₀ and f_n');
      assert.is(marks.scalingDots, 12, '3 n × 4 t');
      assert.is(marks.heatmapDots, 128, 'the sample member has n = 128');
      assert.is(marks.prefactorPredicted, 4, 'the prediction at each of the 4 times');
      assert.is(await count('view-prefactor', '.missing'), 0);
      // one row per verdict, each in the table of its role
      const verdicts = (JSON.parse(readFileSync(join(dir, 'compare-all.json'), 'utf8')) as { analysis: { verdicts: { role: string }[] } }).analysis.verdicts;
      assert.is(marks.verdictRows, verdicts.length);
      assert.is(marks.primaryRows, verdicts.filter((v) => v.role === 'primary').length);
      assert.is(await count('view-verdicts', 'table.verdicts.descriptive tbody tr'), verdicts.filter((v) => v.role === 'descriptive').length);
      // compare all has no schedules: view 8 says so
      assert.is(await count('view-asymptotic', '.missing'), 1);
      assert.is(await count('view-asymptotic', 'svg'), 0);

      const before = await page.textContent('#current-time');
      const functionsBefore = await page.innerHTML('#view-functions .plot');
      await page.$eval('#time-slider', (el) => {
        (el as HTMLInputElement).value = '3';
        el.dispatchEvent(new Event('input'));
      });
      const after = await page.textContent('#current-time');
      assert.is(before, 't = 0');
      assert.is(after, 't = 10');
      assert.is.not(await page.innerHTML('#view-functions .plot'), functionsBefore, 'view 3 redrawn');
      assert.equal(errors, []);

      mkdirSync(join(root, 'out'), { recursive: true });
      await page.screenshot({ path: join(root, 'out', 'report-screenshot.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });

  test('report page: a study of times growing with n draws view 8, one error path per schedule', async () => {
    const { chromium } = await import('playwright-core');
    const dir = tempDir('liouville-report-');
    const file = join(dir, 'schedules.json');
    const html = join(dir, 'schedules.html');
    writeFileSync(file, JSON.stringify(fixtureWithSchedules()));
    const rep = spawnSync(process.execPath, [bin, 'report', file, '--out', html, '--quiet'], { encoding: 'utf8' });
    assert.is(rep.status, 0, rep.stderr);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1320, height: 1000 } });
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
      page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
      await page.goto(pathToFileURL(html).href);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
      assert.equal(errors, []);
      assert.is(await page.locator('#view-asymptotic .plot path.error').count(), 2);
      assert.is(await page.locator('#view-asymptotic .plot .missing').count(), 0);
      assert.is(await page.locator('#view-prefactor .plot .missing').count(), 1, 'no prediction in a schedule study');
      assert.is(await page.locator('#view-healing .plot g.predicted path').count(), 0);
      assert.ok(await page.locator('#view-healing .plot g.measured circle').count() > 0);
    } finally {
      await browser.close();
    }
  });
}

test.run();
