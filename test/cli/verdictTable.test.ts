/**
 * The printed verdict table says why a row is not resolved: its regime note, nothing measured, a
 * descriptive row's p-values short of α, or a primary row's Holm-adjusted p against α and the
 * family size (also when the row alone would decide).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { finaliseVerdicts, type DecisionRule, type Measurement, type VerdictDraft } from '../../compare/index.ts';
import { unresolvedReason, verdictTableLines } from '../../cli/verdictTable.ts';

const draft = (measurement: Measurement, role: VerdictDraft['role'], over: Partial<VerdictDraft> = {}): VerdictDraft => ({
  claim: 'synthetic', proposition: 'Prop. 0', statement: '', quantity: '', hypothesis: '', t: 1, role, justification: '', theory: '',
  inRegime: true, regimeNote: null, measurement, rule: { kind: 'band', theta: 1, delta: 0.2 } as DecisionRule, ...over,
});
const at95 = (estimate: number, half: number): Measurement => ({ estimate, lower: estimate - half, upper: estimate + half, level: 0.95 });

test('every row not resolved carries its reason; decided rows carry none', () => {
  // five primary rows each agreeing at p ≈ 0.02 by itself: Holm withholds them all (5 × 0.02 > 0.05)
  const half = 0.2 * 1.959963984540054 / 2.3263478740408408; // the band edge at 1 ± 0.2 sits at z = 2.326 (p = 0.02)
  const verdicts = finaliseVerdicts([
    ...Array.from({ length: 5 }, () => draft(at95(1, half), 'primary')),
    draft(at95(1, 0.5), 'descriptive'),
    draft(at95(1, 0.01), 'descriptive', { inRegime: false, regimeNote: 'fewer than 3 rungs above 10·n×' }),
    draft({ estimate: NaN, lower: NaN, upper: NaN, level: 0.95 }, 'descriptive'),
    draft(at95(1, 0.05), 'descriptive'),
  ]);
  assert.equal(verdicts.map((v) => v.outcome), [...Array(5).fill('not resolved'), 'not resolved', 'not resolved', 'not resolved', 'agrees']);
  assert.match(unresolvedReason(verdicts[0]!)!, /^p\(agree\) = 0\.020, p\(disagree\) = 1\.000: Holm-adjusted p = 0\.100 > α = 0\.050 in a family of 5; by itself it would agree$/);
  assert.match(unresolvedReason(verdicts[5]!)!, /^p\(agree\) = .*: neither ≤ α = 0\.050$/);
  assert.is(unresolvedReason(verdicts[6]!), 'fewer than 3 rungs above 10·n×');
  assert.is(unresolvedReason(verdicts[7]!), 'nothing measured (at the resolution floor)');
  assert.is(unresolvedReason(verdicts[8]!), null);
  const lines = verdictTableLines(verdicts);
  assert.is(lines.filter((l) => l.includes('↳ ')).length, 8);
});

test.run();
