/**
 * Each parameter of a command declared once: its config key, its flag, the zod schema of its
 * value, its default, its help and what its messages say is allowed. A command's table is an
 * object keyed by config key; from it come the flag table (parsing and `--help`, `flags.ts`), the
 * config fields (messages naming flag and key, `configSchema.ts`) and the shape of the config
 * schema, so the three cannot drift apart. Rules that tie several parameters together stay in the
 * schema's refinement, and rules that need the built problem stay in the library.
 */
import type { z } from 'zod';
import type { FlagSpec } from './flags.ts';

/** How a flag's text becomes a config value. */
export type FieldKind = 'string' | 'number' | 'times' | 'pair' | 'switch';

/** What the resolver's messages need to know of a parameter. */
export interface ConfigField {
  /** Key in the config file and in the validated config. */
  readonly key: string;
  /** The command-line flag, without `--`. */
  readonly flag: string;
  readonly kind: FieldKind;
  /** What is allowed, completing "must be …". */
  readonly allowed: string;
}

export interface Parameter<S extends z.ZodType = z.ZodType> {
  /** The command-line flag, without `--`. */
  readonly flag: string;
  /** How the flag's text becomes a config value. */
  readonly kind: FieldKind;
  /** Placeholder in `--help`; absent for a switch. */
  readonly value?: string;
  readonly schema: S;
  /** The default, as flag text (parsed like user input); absent when required or optional without default. */
  readonly default?: string;
  readonly required?: boolean;
  readonly help: string;
  /** What is allowed, completing "must be …" in a message. */
  readonly allowed: string;
}

export type ParameterTable = Readonly<Record<string, Parameter>>;

/** The zod shape of a table: its schemas by config key, types kept. */
export type ShapeOf<P extends ParameterTable> = { [K in keyof P]: P[K]['schema'] };

export function shapeOf<P extends ParameterTable>(table: P): ShapeOf<P> {
  return Object.fromEntries(Object.entries(table).map(([key, p]) => [key, p.schema])) as ShapeOf<P>;
}

/** The flags of a table, in its order, for parsing and `--help`. */
export function flagsOf(table: ParameterTable): FlagSpec[] {
  return Object.values(table).map((p) => ({
    name: p.flag, help: p.help,
    ...(p.value === undefined ? {} : { value: p.value }),
    ...(p.default === undefined ? {} : { default: p.default }),
    ...(p.required ? { required: true } : {}),
  }));
}

/** The config fields of a table: key, flag, kind and what is allowed, for the resolver's messages. */
export function fieldsOf(table: ParameterTable): ConfigField[] {
  return Object.entries(table).map(([key, p]) => ({ key, flag: p.flag, kind: p.kind, allowed: p.allowed }));
}

/** A table with some entries changed (the same parameter in another command, with its own default or rule). */
export function withChanges<P extends ParameterTable, C extends { readonly [K in keyof P]?: Partial<Parameter> }>(table: P, changes: C): {
  [K in keyof P]: K extends keyof C ? Omit<P[K], keyof C[K]> & C[K] : P[K];
} {
  return Object.fromEntries(Object.entries(table).map(([key, p]) => [key, { ...p, ...(changes[key as keyof P] ?? {}) }])) as never;
}
