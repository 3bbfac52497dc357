/**
 * The verdict table as the CLI prints it: primary verdicts (the Holm family) first, then the
 * descriptive ones, each with its measurement, the rule, the outcome and the smallest deviation it
 * could have detected; a row not resolved says why (its regime, or its p-values against the level).
 */
import { fmt, measurementText, ruleText, type Verdict } from '../compare/verdicts/verdict.ts';

const OUTCOME: Record<Verdict['outcome'], string> = { agrees: 'agrees', disagrees: 'DISAGREES', 'not resolved': 'not resolved' };

/**
 * Why a row is not resolved: out of its regime (its note), nothing measured, or p-values short of the
 * level: for a primary row, the Holm-adjusted p of the decision it would take against α and the
 * family's size (a row whose interval alone decides can still be withheld by the family).
 */
export function unresolvedReason(v: Verdict): string | null {
  if (v.outcome !== 'not resolved') return null;
  if (!v.inRegime) return v.regimeNote ?? 'out of its regime';
  if (!Number.isFinite(v.measurement.estimate)) return 'nothing measured (at the resolution floor)';
  const ps = `p(agree) = ${fmt(v.pAgree)}, p(disagree) = ${fmt(v.pDisagree)}`;
  if (v.role === 'primary' && v.adjustedP !== null) {
    const toward = v.pAgree <= v.pDisagree ? 'agreement' : 'disagreement';
    const alone = Math.min(v.pAgree, v.pDisagree) <= v.alpha ? `; by itself it would ${toward === 'agreement' ? 'agree' : 'disagree'}` : '';
    return `${ps}: Holm-adjusted p = ${fmt(v.adjustedP)} > α = ${fmt(v.alpha)} in a family of ${v.familySize}${alone}`;
  }
  return `${ps}: neither ≤ α = ${fmt(v.alpha)}`;
}

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
      const why = unresolvedReason(v);
      if (why) lines.push(`${''.padEnd(width)}  ${''.padStart(6)}  ↳ ${why}`);
    }
  }
  lines.push('', '"detects": the smallest deviation from the theory\'s value that the row reports as a disagreement with 80% power.');
  return lines;
}
