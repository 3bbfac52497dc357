/**
 * The running record of a study: every finished member is appended to a JSON-lines file the
 * moment it completes, so a study killed after hours loses only the members in flight. The first
 * line holds the spec; a rerun with `--resume` checks it is the same study, reads the members
 * (ignoring a last line cut short by the kill), and runs only the rest. Members are deterministic
 * and doubles round-trip exactly through JSON, so the resumed result equals an uninterrupted one.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { memberFromRecord, memberToRecord, type MemberRecord, type MemberResult } from './member.ts';
import type { StudySpec } from './studySpec.ts';

const HEADER = 'liouville-checkpoint/1';

/** Raised when a checkpoint cannot be used; the message says why and what to do. */
export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

/** How a study's members go to and come from checkpoint lines, and what identifies one. */
export interface CheckpointCodec<M> {
  toRecord(m: M): unknown;
  fromRecord(record: unknown): M;
  /** Members with the same key are the same member (a line written twice is read once). */
  key(m: M): string;
}

const TORUS_MEMBERS: CheckpointCodec<MemberResult> = {
  toRecord: memberToRecord,
  fromRecord: (r) => memberFromRecord(r as MemberRecord),
  key: (m) => `${m.n}/${m.r}`,
};

/** The checkpoint of a running study, its finished members, and how to add one or drop the file. */
export interface Checkpoint<M> {
  readonly done: M[];
  append(m: M): void;
  remove(): void;
}

/** Starts a new checkpoint of a GD/SGD study (refusing to overwrite an unfinished one unless resuming). */
export function openCheckpoint(path: string, spec: StudySpec, resume: boolean): Checkpoint<MemberResult> {
  return openCheckpointOf(path, spec, resume, TORUS_MEMBERS);
}

export function readCheckpoint(path: string, spec: StudySpec): MemberResult[] {
  return readCheckpointOf(path, spec, TORUS_MEMBERS);
}

/** `openCheckpoint` for any study whose spec is plain data and whose members `codec` records (the 3-spin study's too). */
export function openCheckpointOf<M>(path: string, spec: unknown, resume: boolean, codec: CheckpointCodec<M>): Checkpoint<M> {
  const line = (m: M): string => JSON.stringify(codec.toRecord(m));
  let done: M[] = [];
  if (existsSync(path)) {
    if (!resume) {
      throw new CheckpointError(`${path} holds the members of an unfinished run: rerun with --resume to continue it, or delete the file to start over`);
    }
    done = readCheckpointOf(path, spec, codec);
    // rewrite it without a possibly truncated last line, so appends start on a clean line
    writeFileSync(path, [JSON.stringify({ format: HEADER, spec }), ...done.map(line)].join('\n') + '\n');
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ format: HEADER, spec }) + '\n');
  }
  return {
    done,
    append(m) {
      appendFileSync(path, line(m) + '\n');
    },
    remove() {
      rmSync(path, { force: true });
    },
  };
}

export function readCheckpointOf<M>(path: string, spec: unknown, codec: CheckpointCodec<M>): M[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  let header: { format?: string; spec?: unknown };
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    throw new CheckpointError(`${path}: the first line is not a checkpoint header; delete the file to start over`);
  }
  if (header.format !== HEADER) throw new CheckpointError(`${path}: format "${header.format}", expected "${HEADER}"`);
  if (JSON.stringify(header.spec) !== JSON.stringify(spec)) {
    throw new CheckpointError(`${path} belongs to a study with another configuration; run with the same flags, or delete the file to start over`);
  }
  const members: M[] = [];
  const seen = new Set<string>();
  for (let k = 1; k < lines.length; k++) {
    const text = lines[k]!;
    if (text.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      if (k === lines.length - 1 || lines.slice(k + 1).every((l) => l.trim() === '')) break; // cut short by the kill
      throw new CheckpointError(`${path}: line ${k + 1} is not a member record`);
    }
    const m = codec.fromRecord(record);
    const key = codec.key(m);
    if (seen.has(key)) continue;
    seen.add(key);
    members.push(m);
  }
  return members;
}
