/**
 * `liouville merge`: joins the slices written by `liouville compare … --shard i/N` (same
 * configuration, every slice present), computes the reference and analyses, writing the result
 * file an unsharded run would.
 */
import { basename, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { analyseStudy, computeReference, memberFromRecord, SHARD_FORMAT, writeStudyResult, type MemberRecord, type StudySpec } from '../compare/index.ts';
import { flagString, flagSwitch, parseFlagsAndFiles, UsageError, type FlagSpec } from './flags.ts';
import type { ClaimWord } from './compareConfig.ts';
import { memberProgress, printStudy } from './studyOutput.ts';

export const MERGE_FLAGS: readonly FlagSpec[] = [
  { name: 'out', value: 'dir', default: 'results', help: 'output directory of the merged result' },
  { name: 'quiet', help: 'no progress output' },
];

export const MERGE_USAGE = `liouville merge <shard.json>… [flags]

Joins the slices written by \`liouville compare … --shard i/N\` (same configuration, every slice
present) and writes the same result file an unsharded run would.

Flags:
`;

export async function mergeCommand(argv: readonly string[]): Promise<number> {
  const { values, files } = parseFlagsAndFiles(argv, MERGE_FLAGS);
  if (files.length === 0) throw new UsageError('give the shard files to merge');
  const started = Date.now();
  const shards = files.map((f) => {
    let data: { format?: string; claim: ClaimWord; spec: StudySpec; shard: { index: number; count: number }; members: MemberRecord[] };
    try {
      data = JSON.parse(readFileSync(f, 'utf8'));
    } catch (err) {
      throw new UsageError(`${f}: not a readable JSON file (${(err as Error).message})`);
    }
    if (data.format !== SHARD_FORMAT) throw new UsageError(`${f}: format is "${data.format}", expected "${SHARD_FORMAT}"`);
    return { file: f, ...data };
  });
  const first = shards[0]!;
  for (const s of shards) {
    if (JSON.stringify(s.spec) !== JSON.stringify(first.spec)) throw new UsageError(`${basename(s.file)} was run with another configuration than ${basename(first.file)}`);
    if (s.shard.count !== first.shard.count) throw new UsageError(`${basename(s.file)} is a slice of ${s.shard.count}, ${basename(first.file)} of ${first.shard.count}`);
  }
  const have = new Set(shards.map((s) => s.shard.index));
  const missing = Array.from({ length: first.shard.count }, (_, k) => k + 1).filter((k) => !have.has(k));
  if (missing.length > 0) throw new UsageError(`slices missing: ${missing.map((k) => `${k}/${first.shard.count}`).join(', ')}`);
  if (have.size !== shards.length) throw new UsageError('a slice is given twice');
  const spec = first.spec;
  const quiet = flagSwitch(values, 'quiet');
  const progress = memberProgress(quiet);
  const members = shards.flatMap((s) => s.members).map(memberFromRecord)
    .sort((a, b) => a.n - b.n || a.r - b.r);
  const reference = computeReference(spec, (s) => progress.stage(s));
  const outcome = { spec, reference, members, analysis: analyseStudy(spec, reference, members) };
  const file = join(flagString(values, 'out')!, `compare-${first.claim}.json`);
  writeStudyResult(file, outcome, { argv: ['merge', ...argv], claim: first.claim, timing: { seconds: (Date.now() - started) / 1000, merged: files.length } });
  printStudy(outcome);
  console.log(`merged ${files.length} slices; wrote ${file}`);
  return 0;
}
