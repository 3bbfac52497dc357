#!/usr/bin/env node
// Are two runs of the same studies the same bits? `node scripts/sameResults.mjs <dirA> <dirB>`
// compares every compare-*.json present in both (members, reference, spec, declaredPrimary,
// sample, analysis) field by field and lists every difference but wall-clock `seconds`; exit 1
// when there is one. For behaviour-preserving changes: run the main job before and after.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node scripts/sameResults.mjs <dirA> <dirB>');
  process.exit(2);
}
const files = (dir) => readdirSync(dir, { recursive: true }).filter((f) => /(^|\/)compare-[^/]*\.json$/.test(String(f))).map(String);
const common = files(a).filter((f) => files(b).includes(f)).sort();
if (common.length === 0) {
  console.error(`no compare-*.json in both ${a} and ${b}`);
  process.exit(2);
}
const SECTIONS = ['spec', 'declaredPrimary', 'reference', 'sample', 'members', 'analysis'];
let differences = 0;
for (const f of common) {
  const x = JSON.parse(readFileSync(join(a, f), 'utf8'));
  const y = JSON.parse(readFileSync(join(b, f), 'utf8'));
  const found = new Map();
  const walk = (u, v, path) => {
    if (path.endsWith('.seconds')) return;
    if (u && v && typeof u === 'object' && typeof v === 'object') {
      for (const k of new Set([...Object.keys(u), ...Object.keys(v)])) walk(u[k], v[k], Array.isArray(u) ? `${path}[]` : `${path}.${k}`);
    } else if (!Object.is(u, v)) {
      found.set(path, (found.get(path) ?? 0) + 1);
    }
  };
  for (const s of SECTIONS) walk(x[s], y[s], s);
  differences += found.size;
  const members = Array.isArray(y.members) ? y.members.length : 0;
  console.log(`${f}: ${members} members, ${y.analysis?.verdicts?.length ?? 0} verdicts: ${found.size === 0 ? 'the same bits (but seconds)' : [...found].map(([p, n]) => `${p} ×${n}`).join(', ')}`);
}
process.exit(differences === 0 ? 0 : 1);
