/**
 * `liouville reanalyse`: decides a compare result again from its stored members and reference
 * with this version's statistics and verdict model (nothing recomputed), and rewrites any other
 * result file in the current format.
 */
import {
  analyseStudy, memberFromRecord, referenceFromRecord, sortMembers, StudySpecError, validateStudySpec, writeStudyResult,
  type MemberRecord, type StoredReference, type StudySpec,
} from '../compare/index.ts';
import { flagString, flagSwitch, parseFlagsAndFiles, UsageError, type FlagSpec } from './flags.ts';
import { reanalyseSpin3 } from './spin3Command.ts';
import { provenance, RESULT_FORMAT, toJson, writeFileAtomic } from '../io/resultFile.ts';
import { readJsonFile, resultFormatOf } from '../io/readResult.ts';
import { upgradeResult } from '../io/upgradeResult.ts';
import { STUDY_CLAIM } from '../io/resultSchema.ts';
import { printStudy } from './studyOutput.ts';

export const REANALYSE_FLAGS: readonly FlagSpec[] = [
  { name: 'out', value: 'file', help: 'where to write the result (default: replace the input file)' },
  { name: 'quiet', help: 'no table' },
];

export const REANALYSE_USAGE = `liouville reanalyse <result.json> [flags]

Decides a compare result again from its stored members and reference, with this version's
statistics and verdict model; no member or reference is recomputed. Writes the same configuration,
reference and members with a new analysis, declaredPrimary and package record, in the current
result format, and prints the verdicts. For result files written by an earlier version (the
report and export refuse those). A \`compare spin3\` result is decided again from its stored
members the same way. Any other result file (solve, particles, predict, compare units) is rewritten
in the current format, its renamed fields renamed, nothing recomputed.

Flags:
`;

export function reanalyseCommand(argv: readonly string[]): number {
  const { values, files } = parseFlagsAndFiles(argv, REANALYSE_FLAGS);
  if (files.length !== 1) throw new UsageError(`give exactly one result file, got ${files.length}`);
  const file = files[0]!;
  const started = Date.now();
  const raw = readJsonFile(file);
  resultFormatOf(file, raw); // this version's format or an earlier one; anything else is refused here
  const data = raw as { command?: string; claim?: string; spec: StudySpec; reference: StoredReference; members: MemberRecord[]; sample?: unknown };
  const out = flagString(values, 'out') ?? file;
  if (data.command === 'compare' && data.claim === 'spin3') {
    return reanalyseSpin3(file, data as unknown as Record<string, unknown>, argv, out, flagSwitch(values, 'quiet'));
  }
  if (data.command !== 'compare' || !STUDY_CLAIM.test(data.claim ?? '')) {
    // no analysis to redo: the same record in the current format
    const upgraded = upgradeResult(raw as Record<string, unknown>);
    writeFileAtomic(out, toJson({ ...upgraded, reanalysed: { argv: ['reanalyse', ...argv], package: provenance(), createdAt: new Date().toISOString() } }));
    console.log(`rewrote the ${String(data.command)}${data.claim ? ` ${data.claim}` : ''} result in ${RESULT_FORMAT}; wrote ${out}`);
    return 0;
  }
  try {
    validateStudySpec(data.spec);
  } catch (err) {
    if (err instanceof StudySpecError) throw new UsageError(`${file}: ${err.message}`);
    throw err;
  }
  const spec = data.spec;
  const reference = referenceFromRecord(data.reference);
  const members = sortMembers(data.members.map(memberFromRecord));
  const outcome = { spec, reference, members, analysis: analyseStudy(spec, reference, members) };
  const run = raw as { argv: string[]; package: unknown; createdAt: string };
  writeStudyResult(out, outcome, { argv: ['reanalyse', ...argv], claim: data.claim!, timing: { seconds: (Date.now() - started) / 1000 }, sample: data.sample,
    run: { argv: run.argv, package: run.package, createdAt: run.createdAt } });
  if (!flagSwitch(values, 'quiet')) printStudy(outcome);
  console.log(`reanalysed ${members.length} members; wrote ${out}`);
  return 0;
}
