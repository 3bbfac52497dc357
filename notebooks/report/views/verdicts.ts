/**
 * View 9: the verdicts as two HTML tables. The primary verdicts are one family, decided together
 * (Holm); the descriptive ones are each decided at the nominal level and must not be read as
 * confirmations of the same weight, so they sit in a second, visibly lighter table.
 */
import { format } from 'd3-format';
import { esc } from '../../plot/svg.ts';
import type { ReportMeasurement, ReportOutcome, ReportRule, ReportVerdict } from '../input.ts';

const threeDigits = format('.3~g');

/**
 * Three significant digits, trailing zeros dropped, true minus signs (also in the exponent).
 * @example num(-1.8) // returns '−1.8'
 * @example num(3.337e-10) // returns '3.34e−10'
 */
export function num(x: number): string {
  return threeDigits(x).replace('e-', 'e−').replace('e+', 'e');
}

/** Null and NaN are both "nothing measured": JSON writes a NaN as null, a file built in memory keeps it. */
function known(x: number | null): x is number {
  return x !== null && Number.isFinite(x);
}

/** "est [lower, upper]", with the level when it is not 95%; '—' when nothing was measured. */
export function measurementCell(m: ReportMeasurement): string {
  if (!known(m.estimate)) return '—';
  if (!known(m.lower) || !known(m.upper)) return num(m.estimate);
  const level = Math.abs(m.level - 0.95) < 1e-9 ? '' : ` (${Math.round(m.level * 100)}%)`;
  return `${num(m.estimate)} [${num(m.lower)}, ${num(m.upper)}]${level}`;
}

/** The rule in words: "−1 ± 0.1", "≤ −1.8", "≥ 0". */
export function ruleCell(rule: ReportRule): string {
  switch (rule.kind) {
    case 'band': return `${num(rule.theta)} ± ${num(rule.delta)}`;
    case 'atMost': return `≤ ${num(rule.bound)}`;
    case 'atLeast': return `≥ ${num(rule.bound)}`;
  }
}

const OUTCOME: Record<ReportOutcome, { readonly cls: string; readonly text: string }> = {
  agrees: { cls: 'agrees', text: '✓ agrees' },
  disagrees: { cls: 'disagrees', text: '✗ disagrees' },
  'not resolved': { cls: 'not-resolved', text: '? not resolved' },
};

/** The p-value behind the outcome, for the tooltip: Holm-adjusted in the primary family, raw otherwise. */
function pText(v: ReportVerdict): string {
  if (v.adjustedP === null) return 'not tested: outside the proposition’s regime or nothing measured';
  return v.role === 'primary' ? `Holm-adjusted p = ${num(v.adjustedP)} (family of ${v.familySize})` : `p = ${num(v.adjustedP)} (not corrected)`;
}

function row(v: ReportVerdict): string {
  const o = OUTCOME[v.outcome] ?? OUTCOME['not resolved'];
  const note = v.regimeNote ? `<div class="regime-note">${esc(v.regimeNote)}</div>` : '';
  return `<tr class="${o.cls}">`
    + `<td title="${esc(v.statement)}">${esc(v.proposition)}</td>`
    + `<td title="${esc(`hypothesis: ${v.hypothesis}`)}">${esc(v.claim)}${note}</td>`
    + `<td class="num">${v.t === null ? '' : esc(String(v.t))}</td>`
    + `<td class="num">${esc(measurementCell(v.measurement))}</td>`
    + `<td class="num">${esc(ruleCell(v.rule))}</td>`
    + `<td>${esc(v.theory)}</td>`
    + `<td class="outcome" title="${esc(pText(v))}">${o.text}</td>`
    + `<td class="num">${known(v.detectable) ? `±${esc(num(v.detectable))}` : '—'}</td>`
    + '</tr>';
}

const HEAD = '<thead><tr><th>proposition</th><th>claim</th><th>t</th><th>measured [95% CI]</th><th>rule</th><th>theory</th><th>outcome</th><th title="the smallest deviation from the theory this row would call a disagreement with 80% power">detects</th></tr></thead>';

function table(role: 'primary' | 'descriptive', title: string, rows: readonly ReportVerdict[]): string {
  const body = rows.length > 0
    ? `<table class="verdicts ${role}">${HEAD}<tbody>${rows.map(row).join('')}</tbody></table>`
    : `<p class="note">No ${role} verdicts in this study.</p>`;
  return `<h3 class="verdicts-${role}">${esc(title)}</h3>${body}`;
}

/** Both tables; α is the verdicts' own (every verdict of a study carries the same). */
export function verdictsHtml(verdicts: readonly ReportVerdict[]): string {
  const alpha = verdicts[0]?.alpha ?? 0.05;
  return table('primary', `Primary verdicts (one family, Holm-corrected at α = ${alpha})`, verdicts.filter((v) => v.role === 'primary'))
    + table('descriptive', `Descriptive (each at α = ${alpha}, not corrected)`, verdicts.filter((v) => v.role !== 'primary'));
}
