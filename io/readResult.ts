/**
 * Reading a result file: JSON, then the format tag, then the schema of what the reader needs
 * (`resultSchema.ts`). A file of an earlier format is refused with the command that rewrites it
 * (`liouville reanalyse`), a file of an unknown format as such; every message names the file.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { EARLIER_RESULT_FORMATS, RESULT_FORMAT } from './resultFormat.ts';
import { StudyResultSchema, type StudyResultRecord } from './resultSchema.ts';

/** A result file that cannot be read as asked: the message says why and, where there is one, what to do. */
export class ResultFileError extends Error {
  override readonly name = 'ResultFileError';
}

/** The parsed JSON of `path`. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ResultFileError(`${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ResultFileError(`${path}: not JSON (${(err as Error).message})`);
  }
}

/** The `format` of a parsed file: `current`, `earlier` (one `liouville reanalyse` upgrades), or a refusal. */
export function resultFormatOf(path: string, value: unknown): 'current' | 'earlier' {
  const format = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)['format'] : undefined;
  if (format === RESULT_FORMAT) return 'current';
  if (typeof format === 'string' && EARLIER_RESULT_FORMATS.includes(format)) return 'earlier';
  if (format === undefined) throw new ResultFileError(`${path}: not a liouville result file (it has no "format" field)`);
  throw new ResultFileError(`${path}: format ${JSON.stringify(format)} is not one this version reads (${RESULT_FORMAT}, or ${EARLIER_RESULT_FORMATS.join(', ')} through liouville reanalyse)`);
}

/** Refuses a file of an earlier format, naming the command that rewrites it. */
export function requireCurrentFormat(path: string, value: unknown): void {
  if (resultFormatOf(path, value) === 'earlier') {
    const format = (value as { format: string }).format;
    throw new ResultFileError(`${path}: written in ${format}, and this version reads ${RESULT_FORMAT}; rewrite it with \`liouville reanalyse ${path}\` (or --out another file)`);
  }
}

/** `value` checked against `schema`; `what` names the kind of file the reader expects ("a compare result"). */
export function checkResult<S extends z.ZodType>(path: string, value: unknown, schema: S, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const at = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the file';
  throw new ResultFileError(`${path}: not ${what} (${at}: ${issue.message})`);
}

/** Reads a result file of the current format and checks it against `schema`. */
export function readResult<S extends z.ZodType>(path: string, schema: S, what: string): z.output<S> {
  const value = readJsonFile(path);
  requireCurrentFormat(path, value);
  return checkResult(path, value, schema, what);
}

/** Reads a study's result file (`liouville compare`, `merge`, `reanalyse`, or `writeStudyResult`), as the report and the CSV export take it. */
export function readStudyResult(path: string): StudyResultRecord {
  return readResult(path, StudyResultSchema, 'a compare result with members and an analysis');
}
