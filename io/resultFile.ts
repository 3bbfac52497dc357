/**
 * Result files: the header every one opens with (format, command, argv, provenance, time),
 * provenance (package version, git commit, Node version), the JSON layout, and atomic writes, so
 * a file on disk is always either absent or complete.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { RESULT_FORMAT } from './resultFormat.ts';

export { RESULT_FORMAT };

/** The project folder: the nearest folder above this module with the package's package.json (the sources, or the built dist/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'liouville') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('io/resultFile.ts: the liouville package.json was not found above this module');
    dir = up;
  }
}

export interface Provenance {
  readonly name: string;
  readonly version: string;
  /** `git describe`-style commit of the code that ran, with `-dirty` when the tree had changes; null outside a checkout. */
  readonly commit: string | null;
  readonly node: string;
}

let cached: Provenance | undefined;

export function provenance(): Provenance {
  if (cached) return cached;
  const root = packageRoot();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  let commit: string | null = null;
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    commit = dirty ? `${head}-dirty` : head;
  } catch {
    commit = null;
  }
  cached = { name: pkg.name, version: pkg.version, commit, node: process.version };
  return cached;
}

/** What opens every result file: its format, the command (and its claim or quantity), the arguments, provenance and time. */
export interface ResultHeader {
  readonly format: string;
  readonly command: string;
  readonly argv: readonly string[];
  readonly package: Provenance;
  readonly createdAt: string;
}

/**
 * The header of a result file written now; `tag` (e.g. `{ claim: 'all' }`) follows the command.
 * @example
 * writeFileAtomic('run.json', toJson({ ...resultHeader('solve', ['solve', '--t', '0,1']), snapshots }));
 */
export function resultHeader<T extends Record<string, unknown>>(command: string, argv: readonly string[], tag?: T): ResultHeader & T {
  return { format: RESULT_FORMAT, command, ...(tag ?? ({} as T)), argv, package: provenance(), createdAt: new Date().toISOString() };
}

/** Writes `text` to `path` through a temporary file and a rename (atomic on one file system). */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * JSON for result files: objects indented one field a line, numeric arrays (and arrays of `[re, im]`
 * pairs) on one line, typed arrays as plain arrays. Numbers keep JavaScript's shortest round-trip
 * form, so every double is written exactly.
 */
export function toJson(value: unknown): string {
  return format(value, '') + '\n';
}

function format(value: unknown, indent: string): string {
  if (value instanceof Float64Array) return JSON.stringify(Array.from(value));
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'number' || (Array.isArray(v) && v.every((w) => typeof w === 'number')))) {
      return JSON.stringify(value);
    }
    const inner = indent + '  ';
    return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const inner = indent + '  ';
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
