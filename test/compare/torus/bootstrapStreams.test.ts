/**
 * Every interval of a study depends on its own data only: the same members with one recorded time
 * fewer give every other slope, two-term fit and verdict interval bit for bit (the bootstrap
 * streams are named by what they resample, `BootstrapStreams.for`).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyseStudy, runStudy, type MemberResult, type StudyReference, type StudySpec } from '../../../compare/index.ts';

const spec: StudySpec = {
  claims: ['lln', 'clt', 'healing'],
  problem: { unit: 'vonmises:2', target: 'cos(x) + 0.6*sin(2*x)', modeTolerance: 1e-14, maxModes: 512 },
  law: { cMean: 0, sigmaC: 1 },
  ns: [16, 32, 64, 128],
  seeds: 8,
  seed: 4,
  times: [0, 1, 5, 10],
  dt: 0.05,
  reference: { method: 'lagrangian', ny: 48, nc: 12, check: { ny: 64, nc: 16 } },
  density: null,
  bootstrap: { replicates: 300, level: 0.95 },
  prediction: { ny: 32, nc: 8, dt: 0.1 },
};

/** `list` without entry `k`. */
const drop = <T>(list: readonly T[], k: number): T[] => list.filter((_, j) => j !== k);

test('one recorded time more leaves every other interval of the study bit for bit as it was', async () => {
  const full = await runStudy(spec, { workers: 0 });
  const k = spec.times.indexOf(5);
  const fewer: StudySpec = { ...spec, times: drop(spec.times, k) };
  const members: MemberResult[] = full.members.map((m) => ({ ...m, fhat: drop(m.fhat, k), loss: drop(m.loss, k), w1y: drop(m.w1y, k), w1c: drop(m.w1c, k), binnedL1: drop(m.binnedL1, k) }));
  const p = full.reference.prediction!;
  const reference: StudyReference = {
    ...full.reference, fhat: drop(full.reference.fhat, k), loss: drop(full.reference.loss, k), squaredErrorBound: drop(full.reference.squaredErrorBound, k),
    prediction: { ...p, times: drop(p.times, k), total: drop(p.total, k), perMode: drop(p.perMode, k), checkTotal: p.checkTotal && drop(p.checkTotal, k), linearRegime: p.linearRegime && drop(p.linearRegime, k),
      influence: p.influence && { ...p.influence, tables: drop(p.influence.tables, k) } },
  };
  const a = analyseStudy(fewer, reference, members);
  const b = full.analysis;
  const slopeKey = (s: { quantity: string; t: number }): string => `${s.quantity}@${s.t}`;
  const bSlopes = new Map(b.slopes.map((s) => [slopeKey(s), s]));
  assert.ok(a.slopes.length >= 3 * 4, `${a.slopes.length} slopes`);
  for (const s of a.slopes) assert.equal(bSlopes.get(slopeKey(s)), s, slopeKey(s));
  assert.ok(a.slopes.some((s) => s.controlled), 'the slopes are of controlled means');
  for (const f of a.twoTerm) assert.equal(b.twoTerm.find((g) => g.t === f.t), f, `two-term at t = ${f.t}`);
  for (const c of a.cells) assert.equal(b.cells.find((d) => d.n === c.n && d.t === c.t)!.controlled, c.controlled, `controlled cell (${c.n}, ${c.t})`);
  // every verdict interval at a common time: the same measurement (only the Holm family changes)
  const timed = a.verdicts.filter((v) => v.t !== null);
  assert.ok(timed.length >= 10, `${timed.length} verdicts`);
  for (const v of timed) {
    const w = b.verdicts.find((x) => x.claim === v.claim && x.t === v.t && x.quantity === v.quantity);
    assert.ok(w, `${v.claim} @ ${v.t} in the study with t = 5`);
    assert.equal(w!.measurement, v.measurement, `${v.claim} @ ${v.t}`);
  }
});

test.run();
