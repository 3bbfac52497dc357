/**
 * The verdict table as the CLI prints it: primary verdicts (the Holm family) first, then the
 * descriptive ones, each with its measurement, the rule, the outcome and the smallest deviation it
 * could have detected; a row out of its regime says why.
 */
import { fmt, measurementText, ruleText, type Verdict } from '../compare/verdicts/verdict.ts';

const OUTCOME: Record<Verdict['outcome'], string> = { agrees: 'agrees', disagrees: 'DISAGREES', 'not resolved': 'not resolved' };

export function verdictTableLines(verdicts: readonly Verdict[]): string[] {
  const lines: string[] = [];
  const primary = verdicts.filter((v) => v.role === 'primary');
  const count = (list: readonly Verdict[], o: Verdict['outcome']): number => list.filter((v) => v.outcome === o).length;
  const summary = (list: readonly Verdict[]): string => `${count(list, 'agrees')} agree, ${count(list, 'disagrees')} disagree, ${count(list, 'not resolved')} not resolved`;
  for (const [title, list] of [
    [`primary verdicts (one family, Holm-corrected at α = 0.05; ${primary.length} rows): ${summary(primary)}`, primary],
    [`descriptive (each at α = 0.05, no correction; ${verdicts.length - primary.length} rows): ${summary(verdicts.filter((v) => v.role !== 'primary'))}`, verdicts.filter((v) => v.role !== 'primary')],
  ] as const) {
    if (list.length === 0) continue;
    lines.push('', title);
    const width = Math.min(64, Math.max(...list.map((v) => v.claim.length)));
    lines.push(`${'claim'.padEnd(width)}  ${'t'.padStart(6)}  ${'measured [95% CI]'.padEnd(30)}  ${'rule'.padEnd(14)}  ${'outcome'.padEnd(12)}  detects`);
    for (const v of list) {
      const measured = Number.isFinite(v.measurement.estimate) ? measurementText(v.measurement) : '—';
      lines.push(`${v.claim.padEnd(width)}  ${(v.t === null ? '' : String(v.t)).padStart(6)}  ${measured.padEnd(30)}  ${ruleText(v.rule).padEnd(14)}  `
        + `${OUTCOME[v.outcome].padEnd(12)}  ${Number.isFinite(v.detectable) ? `±${fmt(v.detectable)}` : '—'}`);
      if (!v.inRegime && v.regimeNote) lines.push(`${''.padEnd(width)}  ${''.padStart(6)}  ↳ ${v.regimeNote}`);
    }
  }
  lines.push('', '"detects": the smallest deviation from the theory\'s value that the row reports as a disagreement with 80% power.');
  return lines;
}
