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

function memberLine(m: MemberResult): string {
  return JSON.stringify(memberToRecord(m));
}

/** Starts a new checkpoint (refusing to overwrite an unfinished one unless resuming). */
export function openCheckpoint(path: string, spec: StudySpec, resume: boolean): { done: MemberResult[]; append(m: MemberResult): void; remove(): void } {
  let done: MemberResult[] = [];
  if (existsSync(path)) {
    if (!resume) {
      throw new CheckpointError(`${path} holds the members of an unfinished run: rerun with --resume to continue it, or delete the file to start over`);
    }
    done = readCheckpoint(path, spec);
    // rewrite it without a possibly truncated last line, so appends start on a clean line
    writeFileSync(path, [JSON.stringify({ format: HEADER, spec }), ...done.map(memberLine)].join('\n') + '\n');
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ format: HEADER, spec }) + '\n');
  }
  return {
    done,
    append(m) {
      appendFileSync(path, memberLine(m) + '\n');
    },
    remove() {
      rmSync(path, { force: true });
    },
  };
}

export function readCheckpoint(path: string, spec: StudySpec): MemberResult[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  let header: { format?: string; spec?: StudySpec };
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    throw new CheckpointError(`${path}: the first line is not a checkpoint header; delete the file to start over`);
  }
  if (header.format !== HEADER) throw new CheckpointError(`${path}: format "${header.format}", expected "${HEADER}"`);
  if (JSON.stringify(header.spec) !== JSON.stringify(spec)) {
    throw new CheckpointError(`${path} belongs to a study with another configuration; run with the same flags, or delete the file to start over`);
  }
  const members: MemberResult[] = [];
  const seen = new Set<string>();
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.trim() === '') continue;
    let m: MemberRecord;
    try {
      m = JSON.parse(line);
    } catch {
      if (k === lines.length - 1 || lines.slice(k + 1).every((l) => l.trim() === '')) break; // cut short by the kill
      throw new CheckpointError(`${path}: line ${k + 1} is not a member record`);
    }
    const key = `${m.n}/${m.r}`;
    if (seen.has(key)) continue;
    seen.add(key);
    members.push(memberFromRecord(m));
  }
  return members;
}
