/** View 8: the verdicts table (claim, t, measured, theory, agrees) as HTML. */
import { esc } from '../../plot/svg.ts';
import type { ReportVerdict } from '../input.ts';

export function verdictsHtml(verdicts: readonly ReportVerdict[]): string {
  const rows = verdicts.map((v) => `<tr class="${v.agrees ? 'agrees' : 'disagrees'}"><td>${esc(v.claim)}</td><td>${v.t ?? ''}</td><td>${esc(v.measured)}</td><td>${esc(v.theory)}</td><td>${v.agrees ? '✓ yes' : '✗ no'}</td></tr>`);
  return `<table class="verdicts"><thead><tr><th>claim</th><th>t</th><th>measured</th><th>theory</th><th>agrees</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
