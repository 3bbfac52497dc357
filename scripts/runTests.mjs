#!/usr/bin/env node
// `npm test`: every test/**/*.test.ts in its own uvu process, two at a time, each with a time limit,
// so a test that hangs fails in minutes with its file named instead of holding CI for hours (uvu has
// no timeout of its own). Prints each file's output when it ends, then uvu's Total/Passed/Skipped
// summed over the files and the plain line "N passed, N failed"; exits 1 if a test failed, a file
// failed to load or timed out, or none ran.
//   node scripts/runTests.mjs [path-prefix …] [--timeout seconds] [--jobs k]
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';

/** The environment of a test process without colour: NO_COLOR alone, and uvu run with --no-color so that it sets no FORCE_COLOR either (Node 24 warns on stderr when both are set, and tests read stderr). */
function plainEnv() {
  const { FORCE_COLOR: _force, ...env } = process.env;
  return { ...env, NO_COLOR: '1' };
}
import { basename, dirname, join, relative } from 'node:path';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const k = args.indexOf(`--${name}`);
  if (k < 0) return fallback;
  const v = Number(args[k + 1]);
  if (!(v > 0)) {
    console.error(`--${name}: got "${args[k + 1]}", must be a number > 0`);
    process.exit(2);
  }
  args.splice(k, 2);
  return v;
};
// the slowest file (test/bench/peers) takes about 90 s on 2 cores; ten minutes is a hang, not a slow machine
const timeoutSeconds = option('timeout', Number(process.env.LIOUVILLE_TEST_TIMEOUT ?? 600));
const jobs = option('jobs', 2);
const prefixes = args;

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.test\.ts$/.test(name)) files.push(relative(ROOT, path));
  }
};
walk(join(ROOT, 'test'));
const chosen = prefixes.length === 0 ? files : files.filter((f) => prefixes.some((p) => f.startsWith(p.replace(/^\.\//, ''))));
if (chosen.length === 0) {
  console.error(`no test file matches ${prefixes.join(' ')}`);
  console.log('0 passed, 0 failed');
  process.exit(1);
}

const count = (text, label) => Number(new RegExp(`^\\s*${label}:\\s*(\\d+)`, 'm').exec(text)?.[1] ?? NaN);

// each file runs in a process group of its own (so a timeout kills its workers too); an interrupted
// runner takes the running groups with it rather than leaving them behind
const running = new Set();
const killGroup = (child) => {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    for (const child of running) killGroup(child);
    process.exit(130);
  });
}

function runFile(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/uvu/bin.js'), dirname(file), `^${basename(file).replace(/\./g, '\\.')}$`, '-r', 'tsx', '--no-color'],
      { cwd: ROOT, env: plainEnv(), detached: true });
    running.add(child);
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child); // the whole group: a test's own children (CLI runs) go with it
    }, timeoutSeconds * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ file, out, code, timedOut, seconds: (Date.now() - started) / 1000 });
    });
  });
}

let total = 0;
let passed = 0;
let skipped = 0;
const broken = [];
const queue = [...chosen];
const worker = async () => {
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const r = await runFile(file);
    const t = count(r.out, 'Total');
    const p = count(r.out, 'Passed');
    const s = count(r.out, 'Skipped');
    process.stdout.write(`\n── ${r.file} (${r.seconds.toFixed(1)} s)\n${r.out.trimEnd()}\n`);
    if (r.timedOut) {
      console.log(`TIMEOUT ${r.file}: still running after ${timeoutSeconds} s, killed`);
      broken.push(`${r.file} (timed out)`);
    } else if (!Number.isFinite(t) || (r.code !== 0 && t === p)) {
      broken.push(`${r.file} (exit ${r.code}${Number.isFinite(t) ? '' : ', no summary'})`);
    }
    if (Number.isFinite(t)) {
      total += t;
      passed += p;
      skipped += Number.isFinite(s) ? s : 0;
    }
  }
};
await Promise.all(Array.from({ length: Math.min(jobs, chosen.length) }, worker));

// a file that did not finish cleanly (a hang, a load error, an error after its tests) counts as one failed test
const failed = total - passed + broken.length;
console.log(`\n  Total:     ${total + broken.length}\n  Passed:    ${passed}\n  Skipped:   ${skipped}`);
if (broken.length > 0) console.log(`files that did not finish cleanly: ${broken.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
