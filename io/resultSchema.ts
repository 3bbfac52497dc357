/**
 * The schema of a result file (zod): the header every file opens with, and per command the
 * sections its readers rely on. Sections are loose objects: a reader checks the fields it reads,
 * and a field it does not read may be added without breaking it (a changed or renamed field bumps
 * `RESULT_FORMAT` instead).
 */
import { z } from 'zod';
import { RESULT_FORMAT } from './resultFormat.ts';

export const RESULT_COMMANDS = ['particles', 'solve', 'predict', 'compare'] as const;
export type ResultCommand = (typeof RESULT_COMMANDS)[number];

const provenance = z.looseObject({
  name: z.string(),
  version: z.string(),
  commit: z.string().nullable(),
  node: z.string(),
});

/** What every result file opens with (`resultHeader` writes it). */
export const ResultHeaderSchema = z.looseObject({
  format: z.literal(RESULT_FORMAT),
  command: z.enum(RESULT_COMMANDS),
  argv: z.array(z.string()),
  package: provenance,
  createdAt: z.string(),
});

const member = z.looseObject({ n: z.int().min(1), r: z.int().min(0) });
const verdict = z.looseObject({ claim: z.string(), role: z.enum(['primary', 'descriptive']), outcome: z.enum(['agrees', 'disagrees', 'not resolved']) });

/**
 * The claim word of a GD/SGD study: `compare`'s (lln, clt, healing, all, sgd, asymptotic), or the
 * claims of a scripted study joined by `+` (`clt+lln`, from `studyClaim`).
 */
export const STUDY_CLAIM = /^(all|sgd|asymptotic|(lln|clt|healing)(\+(lln|clt|healing))*)$/;

/** A GD/SGD study (`compare lln|clt|healing|all|sgd|asymptotic`, or `writeStudyResult`): spec, reference, members and analysis. */
export const StudyResultSchema = ResultHeaderSchema.extend({
  command: z.literal('compare'),
  claim: z.string().regex(STUDY_CLAIM, { message: 'a study claim: lln, clt, healing, all, sgd, asymptotic, or claims joined by + (clt+lln)' }),
  spec: z.looseObject({ ns: z.array(z.int().min(1)), seeds: z.int().min(2), times: z.array(z.number()) }),
  reference: z.looseObject({ fhat: z.array(z.array(z.tuple([z.number(), z.number()]))) }),
  analysis: z.looseObject({ cells: z.array(z.looseObject({ n: z.number(), t: z.number() })), verdicts: z.array(verdict) }),
  members: z.array(member),
});

/** The 3-spin study (`compare spin3`). */
export const Spin3ResultSchema = ResultHeaderSchema.extend({
  command: z.literal('compare'),
  claim: z.literal('spin3'),
  spec: z.looseObject({ ns: z.array(z.int().min(1)) }),
  analysis: z.looseObject({ verdict: verdict }),
  members: z.array(z.looseObject({ n: z.int().min(1) })),
});

/** A `solve` run: the settings it ran with and its snapshots. */
export const SolveResultSchema = ResultHeaderSchema.extend({
  command: z.literal('solve'),
  config: z.looseObject({ method: z.enum(['remeshed', 'grid', 'lagrangian']), times: z.array(z.number()), input: z.looseObject({}) }),
  snapshots: z.array(z.looseObject({ t: z.number(), fhat: z.array(z.tuple([z.number(), z.number()])) })),
});

export type ResultHeaderRecord = z.infer<typeof ResultHeaderSchema>;
export type StudyResultRecord = z.infer<typeof StudyResultSchema>;
export type Spin3ResultRecord = z.infer<typeof Spin3ResultSchema>;
