/**
 * `liouville merge`: joins the slices written by `liouville compare … --shard i/N` (one study, every
 * slice present once) and decides, with the reference the first slice computed, writing the result
 * file an unsharded run would.
 */
import { basename, join } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  analyseStudy, computeReference, memberFromRecord, referenceFromRecord, SHARD_FORMAT, sortSpin3Members, validateSpin3Study, writeStudyResult,
  type MemberRecord, type Spin3MemberResult, type Spin3StudySpec, type StoredReference, type StudySpec,
} from '../compare/index.ts';
import { printSpin3, writeSpin3Result } from './spin3Command.ts';
import { flagString, flagSwitch, parseFlagsAndFiles, UsageError, type FlagSpec } from './flags.ts';
import type { ClaimWord } from './compareConfig.ts';
import { memberProgress, printStudy } from './studyOutput.ts';

export const MERGE_FLAGS: readonly FlagSpec[] = [
  { name: 'out', value: 'dir', default: 'results', help: 'output directory of the merged result' },
  { name: 'submission', value: 'id', help: 'take only slices of this submission (compare --submission; the Slurm merge job sets it)' },
  { name: 'quiet', help: 'no progress output' },
];

export const MERGE_USAGE = `liouville merge <shard.json>… [flags]

Joins the slices written by \`liouville compare … --shard i/N\` (a GD/SGD study or \`compare spin3\`; one study: the same configuration
and code, every slice present once, all of one submission) and writes the same result file an
unsharded run would.

Flags:
`;

export async function mergeCommand(argv: readonly string[]): Promise<number> {
  const { values, files } = parseFlagsAndFiles(argv, MERGE_FLAGS);
  if (files.length === 0) throw new UsageError('give the shard files to merge');
  const started = Date.now();
  const shards = files.map((f) => {
    let data: {
      format?: string; claim: ClaimWord | 'spin3'; spec: StudySpec; shard: { index: number; count: number }; members: MemberRecord[];
      study?: { fingerprint: string; submission: string | null }; reference?: StoredReference;
      // a 3-spin slice: its members are Spin3MemberResult, and it carries what the result file records beside them
      config?: { input: Record<string, unknown> }; scale?: string; protocol?: Record<string, unknown>;
    };
    try {
      data = JSON.parse(readFileSync(f, 'utf8'));
    } catch (err) {
      throw new UsageError(`${f}: not a readable JSON file (${(err as Error).message})`);
    }
    if (data.format !== SHARD_FORMAT) throw new UsageError(`${f}: format is "${data.format}", expected "${SHARD_FORMAT}"`);
    return { file: f, ...data };
  });
  const first = shards[0]!;
  const wanted = flagString(values, 'submission');
  const submissionOf = (s: (typeof shards)[number]): string | null => s.study?.submission ?? null;
  const named = (id: string | null): string => (id === null ? 'no submission' : `submission ${id}`);
  for (const s of shards) {
    if (JSON.stringify(s.spec) !== JSON.stringify(first.spec)) throw new UsageError(`${basename(s.file)} was run with another configuration than ${basename(first.file)}`);
    if (s.study?.fingerprint !== first.study?.fingerprint) {
      throw new UsageError(`${basename(s.file)} belongs to another study than ${basename(first.file)} (fingerprint ${s.study?.fingerprint ?? 'none'} against ${first.study?.fingerprint ?? 'none'}: the same configuration run by other code)`);
    }
    if (s.shard.count !== first.shard.count) throw new UsageError(`${basename(s.file)} is a slice of ${s.shard.count}, ${basename(first.file)} of ${first.shard.count}`);
    // a slice left from an earlier submission is not part of this one: its task this time did not write it
    if (wanted !== undefined && submissionOf(s) !== wanted) {
      throw new UsageError(`${basename(s.file)} (slice ${s.shard.index}/${s.shard.count}) is from ${named(submissionOf(s))}, not submission ${wanted}: this submission's task for it wrote nothing; resubmit that slice`);
    }
    if (submissionOf(s) !== submissionOf(first)) {
      throw new UsageError(`${basename(s.file)} is from ${named(submissionOf(s))}, ${basename(first.file)} from ${named(submissionOf(first))}: give --submission to take one of them`);
    }
  }
  const have = new Set(shards.map((s) => s.shard.index));
  const missing = Array.from({ length: first.shard.count }, (_, k) => k + 1).filter((k) => !have.has(k));
  if (missing.length > 0) throw new UsageError(`slices missing: ${missing.map((k) => `${k}/${first.shard.count}`).join(', ')}`);
  if (have.size !== shards.length) throw new UsageError('a slice is given twice');
  if (shards.some((s) => s.claim !== first.claim)) throw new UsageError(`the slices are of different studies (${[...new Set(shards.map((s) => s.claim))].join(', ')})`);
  if (first.claim === 'spin3') {
    // the 3-spin study has no reference: join the members and decide, as compare spin3 does
    const spec = first.spec as unknown as Spin3StudySpec;
    validateSpin3Study(spec);
    const members = sortSpin3Members(shards.flatMap((s) => s.members as unknown as Spin3MemberResult[]));
    const file = join(flagString(values, 'out')!, 'compare-spin3.json');
    const scale = first.scale ?? '';
    const analysis = writeSpin3Result(file, {
      argv: ['merge', ...argv], input: first.config?.input ?? {}, spec, scale, protocol: first.protocol ?? {}, members,
      timing: { seconds: (Date.now() - started) / 1000, merged: files.length },
    });
    printSpin3(spec, scale, analysis);
    console.log(`merged ${files.length} slices; wrote ${file}`);
    return 0;
  }
  const spec = first.spec;
  const quiet = flagSwitch(values, 'quiet');
  const progress = memberProgress(quiet);
  const members = shards.flatMap((s) => s.members).map(memberFromRecord)
    .sort((a, b) => a.n - b.n || a.r - b.r);
  // the first slice carries the reference (shards of earlier versions do not: then it is computed here)
  const carried = shards.find((s) => s.reference !== undefined);
  if (carried) progress.stage(`reference: from slice ${carried.shard.index}/${carried.shard.count} (${basename(carried.file)})`);
  const reference = carried ? referenceFromRecord(carried.reference!) : computeReference(spec, (s) => progress.stage(s));
  const outcome = { spec, reference, members, analysis: analyseStudy(spec, reference, members) };
  const file = join(flagString(values, 'out')!, `compare-${first.claim}.json`);
  writeStudyResult(file, outcome, { argv: ['merge', ...argv], claim: first.claim, timing: { seconds: (Date.now() - started) / 1000, merged: files.length } });
  printStudy(outcome);
  console.log(`merged ${files.length} slices; wrote ${file}`);
  return 0;
}
