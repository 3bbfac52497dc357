/**
 * A small declarative flag table: each command lists its flags once, and the same table drives
 * parsing, validation messages and `--help`, so the help can never miss a flag.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface FlagSpec {
  readonly name: string;
  /** Placeholder shown in help; absent for boolean switches. */
  readonly value?: string;
  readonly help: string;
  /** Default as text (parsed like user input); absent when required or optional without default. */
  readonly default?: string;
  readonly required?: boolean;
}

export type FlagValues = Map<string, string | true>;

/** Parses `--name value`, `--name=value` and boolean `--switch`; unknown flags are errors. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): FlagValues {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const out: FlagValues = new Map();
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`unknown flag --${name}`);
    if (out.has(name)) throw new UsageError(`--${name} given twice`);
    if (spec.value === undefined) {
      if (eq >= 0) throw new UsageError(`--${name} is a switch and takes no value`);
      out.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[k + 1];
      k++;
    }
    if (value === undefined) throw new UsageError(`--${name} needs a value (${spec.value})`);
    out.set(name, value);
  }
  for (const s of specs) {
    if (!out.has(s.name)) {
      if (s.default !== undefined) out.set(s.name, s.default);
      else if (s.required) throw new UsageError(`--${s.name} is required (${s.value ?? 'switch'}): ${s.help}`);
    }
  }
  return out;
}

/**
 * Flags and positional arguments (file names) of a command that takes both: a word is a flag's
 * value when it follows a flag of `specs` that takes one (`--out dir`), else positional.
 */
export function parseFlagsAndFiles(argv: readonly string[], specs: readonly FlagSpec[]): { values: FlagValues; files: string[] } {
  const files: string[] = [];
  const flags: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    if (arg.startsWith('--')) {
      flags.push(arg);
      const spec = specs.find((s) => s.name === arg.slice(2));
      if (spec?.value !== undefined && !arg.includes('=') && k + 1 < argv.length) flags.push(argv[++k]!);
    } else {
      files.push(arg);
    }
  }
  return { values: parseFlags(flags, specs), files };
}

export function flagString(values: FlagValues, name: string): string | undefined {
  const v = values.get(name);
  return v === true ? undefined : v;
}

export function flagSwitch(values: FlagValues, name: string): boolean {
  return values.get(name) === true;
}

/** Help text for a flag table. */
export function formatFlags(specs: readonly FlagSpec[]): string {
  const left = specs.map((s) => `  --${s.name}${s.value ? ` <${s.value}>` : ''}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return specs
    .map((s, k) => {
      const extra = s.required ? ' (required)' : s.default !== undefined ? ` (default: ${s.default})` : '';
      return left[k]!.padEnd(width) + s.help + extra;
    })
    .join('\n');
}
