/**
 * docs/cli.md against the flag tables the commands parse with (generated from their parameter
 * tables, `cli/parameters.ts`): every flag a section documents exists, every flag of the command is
 * documented, and every default the page states is the one the command uses.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FlagSpec } from '../../cli/flags.ts';
import { PARTICLES_FLAGS } from '../../cli/particlesCommand.ts';
import { SOLVE_FLAGS } from '../../cli/solveCommand.ts';
import { COMPARE_FLAGS } from '../../cli/compareConfig.ts';
import { PREDICT_FLAGS } from '../../cli/predictCommand.ts';
import { UNITS_FLAGS } from '../../cli/unitsCommand.ts';
import { SPIN3_FLAGS } from '../../cli/spin3Command.ts';
import { SPIN3_EXACT_FLAGS } from '../../cli/spin3ExactCommand.ts';

const DOC = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../docs/cli.md'), 'utf8');

/** The problem flags, documented once under `particles` and referred to by the other sections. */
const PROBLEM = ['unit', 'target', 'sigma-c', 'c-mean', 'mode-tol', 'max-modes'];

const SECTIONS: { heading: string; flags: readonly FlagSpec[]; referred: readonly string[] }[] = [
  { heading: '## `liouville particles`', flags: PARTICLES_FLAGS, referred: [] },
  { heading: '## `liouville solve`', flags: SOLVE_FLAGS, referred: PROBLEM },
  { heading: '## `liouville compare lln|clt|healing|all|sgd|asymptotic`', flags: COMPARE_FLAGS, referred: PROBLEM },
  { heading: '## `liouville predict clt`', flags: PREDICT_FLAGS, referred: PROBLEM },
  { heading: '## `liouville compare units`', flags: UNITS_FLAGS, referred: [] },
  { heading: '## `liouville compare spin3`', flags: SPIN3_FLAGS, referred: [] },
  { heading: '## `liouville compare spin3-exact`', flags: SPIN3_EXACT_FLAGS, referred: [] },
];

interface Row {
  readonly flags: string[];
  readonly defaults: string[];
  readonly line: string;
}

function section(heading: string): string {
  const start = DOC.indexOf(heading);
  assert.ok(start >= 0, `docs/cli.md has no section "${heading}"`);
  const next = DOC.indexOf('\n## ', start + heading.length);
  return DOC.slice(start, next < 0 ? undefined : next);
}

/** The rows of the section's flag table: `| --a <x>`, `--b` | d1, d2 | meaning |`. */
function rows(text: string): Row[] {
  return text.split('\n').filter((l) => l.startsWith('| `--')).map((line) => {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    const flags = [...cells[1]!.matchAll(/`--([a-zA-Z][\w-]*)/g)].map((m) => m[1]!);
    const cell = cells[2]!.replace(/`/g, '');
    const defaults = flags.length === 1 ? [cell] : cell.split(cell.includes(' / ') ? ' / ' : ', ').map((s) => s.trim());
    return { flags, defaults, line };
  });
}

function sameDefault(doc: string, code: string): boolean {
  const a = Number(doc);
  const b = Number(code);
  return doc === code || (doc !== '' && Number.isFinite(a) && a === b);
}

test('every flag documented in docs/cli.md exists, with the default the command uses', () => {
  const problems: string[] = [];
  for (const { heading, flags } of SECTIONS) {
    const byName = new Map(flags.map((f) => [f.name, f]));
    for (const row of rows(section(heading))) {
      row.flags.forEach((name, k) => {
        const spec = byName.get(name);
        if (!spec) {
          problems.push(`${heading}: --${name} is documented but the command has no such flag`);
          return;
        }
        const doc = row.defaults[k];
        if (doc === undefined) return;
        if (doc === 'required') {
          if (!spec.required) problems.push(`${heading}: --${name} documented as required, the command has ${spec.default ?? 'no default'}`);
        } else if (spec.default !== undefined && !sameDefault(doc, spec.default)) {
          problems.push(`${heading}: --${name} documented with default "${doc}", the command's is "${spec.default}"`);
        }
      });
    }
  }
  assert.equal(problems, []);
});

test('every flag of a command is documented in its section of docs/cli.md', () => {
  const problems: string[] = [];
  for (const { heading, flags, referred } of SECTIONS) {
    const text = section(heading);
    const documented = new Set(rows(text).flatMap((r) => r.flags));
    for (const f of flags) {
      // --force is documented once, under "Size guards"
      if (f.name === 'force' || referred.includes(f.name)) continue;
      if (!documented.has(f.name)) problems.push(`${heading}: --${f.name} is not documented`);
    }
  }
  assert.equal(problems, []);
});

test('the check reads the page: a section has rows and a changed default would be seen', () => {
  const particles = rows(section('## `liouville particles`'));
  assert.ok(particles.length >= 15);
  const dt = particles.find((r) => r.flags[0] === 'dt')!;
  assert.equal(dt.defaults, ['0.05']);
  assert.not.ok(sameDefault('0.05', '0.1'));
  assert.ok(sameDefault('1e-6', '0.000001'));
});

test.run();
