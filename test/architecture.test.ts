/**
 * The layering the READMEs promise, checked on the import statements of every source file:
 * which folder may import which (model, io ← solver, particles ← compare ← cli; notebooks read result
 * files through io/), the verdict files import no measuring code, and no module imports itself back
 * through a chain of others (type-only imports included).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FOLDERS = ['model', 'io', 'solver', 'particles', 'compare', 'cli', 'notebooks'] as const;

/** Each folder and the other folders it may import from. */
const ALLOWED: Record<(typeof FOLDERS)[number], readonly string[]> = {
  model: [],
  io: [],
  solver: ['model'],
  particles: ['model'],
  compare: ['model', 'io', 'solver', 'particles'],
  notebooks: ['io'],
  cli: ['model', 'io', 'solver', 'particles', 'compare', 'notebooks'],
};

/** What a verdict file may read: the verdict model, the statistics shapes, the measurements and the spec. */
const VERDICT_IMPORTS = /^compare\/(verdicts\/|statistics\/|torus\/measurements\.ts$|torus\/studySpec\.ts$)/;

function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mjs)$/.test(name)) files.push(path);
    }
  };
  FOLDERS.forEach((f) => walk(join(ROOT, f)));
  const spec = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;
  return new Map(files.map((f) => [
    relative(ROOT, f),
    [...readFileSync(f, 'utf8').matchAll(spec)].map((m) => relative(ROOT, normalize(join(dirname(f), m[1]!)))),
  ]));
}

const graph = importGraph();

test('the import graph is read (every folder has sources, every relative import resolves to a file)', () => {
  for (const folder of FOLDERS) assert.ok([...graph.keys()].some((f) => f.startsWith(`${folder}/`)), folder);
  const missing = [...graph].flatMap(([f, deps]) => deps.filter((d) => !graph.has(d) && !d.startsWith('node_modules')).map((d) => `${f} → ${d}`));
  assert.equal(missing, []);
});

test('each folder imports only the folders below it', () => {
  const bad: string[] = [];
  for (const [file, deps] of graph) {
    const from = file.split('/')[0] as (typeof FOLDERS)[number];
    for (const dep of deps) {
      const to = dep.split('/')[0]!;
      if (to !== from && !ALLOWED[from].includes(to)) bad.push(`${file} → ${dep}`);
    }
  }
  assert.equal(bad, []);
});

test('the verdict files decide from the measurements: they import no measuring code', () => {
  const verdictFiles = [...graph.keys()].filter((f) => f.startsWith('compare/verdicts/'));
  assert.ok(verdictFiles.length >= 7);
  const bad = verdictFiles.flatMap((f) => graph.get(f)!.filter((d) => !VERDICT_IMPORTS.test(d)).map((d) => `${f} → ${d}`));
  assert.equal(bad, []);
});

test('no import cycles', () => {
  // Tarjan's strongly connected components; any component of more than one file is a cycle
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, order.get(w)!));
      }
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  assert.equal(cycles, []);
});

test.run();
