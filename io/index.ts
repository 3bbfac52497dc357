/**
 * Result files as a library (`liouville/io`): the header and the JSON layout every file has,
 * atomic writes, the readers (format, then schema; an earlier format refused naming `liouville
 * reanalyse`) and a study's CSV tables. A study's file is written by `writeStudyResult`
 * (`liouville/compare`); the report (`liouville/report`) reads what `readStudyResult` returns.
 */
export { RESULT_FORMAT, EARLIER_RESULT_FORMATS } from './resultFormat.ts';
export { provenance, resultHeader, toJson, writeFileAtomic, type Provenance, type ResultHeader } from './resultFile.ts';
export { checkResult, readJsonFile, readResult, readStudyResult, requireCurrentFormat, resultFormatOf, ResultFileError } from './readResult.ts';
export {
  ResultHeaderSchema, SolveResultSchema, Spin3ResultSchema, StudyResultSchema, RESULT_COMMANDS, STUDY_CLAIM,
  type ResultCommand, type ResultHeaderRecord, type Spin3ResultRecord, type StudyResultRecord,
} from './resultSchema.ts';
export { upgradeResult } from './upgradeResult.ts';
export { csvField, csvTable, exportTables, type StoredCell, type StoredMember, type StoredVerdict, type TabulatedStudy } from './studyTables.ts';
