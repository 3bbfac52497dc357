import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bootstrapFloorFit, fitFloorPowerLaw } from '../../../compare/statistics/floorFit.ts';
import { studentTQuantile } from '../../../compare/statistics/normalQuantile.ts';
import { Rng } from '../../../model/rng.ts';

const ns = [100, 160, 250, 400, 630, 1000];

test('A + B·n^s: exact data give A, B and s back; too few rungs are refused', () => {
  const y = ns.map((n) => 0.02 + 18 * n ** -1.1);
  const f = fitFloorPowerLaw(ns, y, ns.map(() => 1));
  assert.ok(Math.abs(f.s + 1.1) < 1e-6 && Math.abs(f.A - 0.02) < 1e-8 && Math.abs(f.B - 18) < 1e-4, JSON.stringify(f));
  assert.throws(() => fitFloorPowerLaw(ns.slice(0, 3), y.slice(0, 3), [1, 1, 1]), /needs at least 4/);
});

test('the bootstrap over groups covers the true exponent at its measured rate (400 seeded synthetic studies)', () => {
  // 10 realizations, each with its own multiplicative scatter (the realization of a moves the whole curve) and noise per rung
  const truth = { A: 0.02, B: 18, s: -1 };
  let covered = 0;
  const trials = 400;
  for (let trial = 0; trial < trials; trial++) {
    const rng = new Rng(11, trial);
    const values = Array.from({ length: 10 }, () => {
      const scale = 1 + 0.1 * rng.normal();
      return Float64Array.from(ns, (n) => (truth.A + truth.B * n ** truth.s) * scale * (1 + 0.05 * rng.normal()));
    });
    const f = bootstrapFloorFit(ns, values, { seed: 3, stream: trial, replicates: 400, level: 0.9 });
    if (f.s.lower <= truth.s && truth.s <= f.s.upper) covered++;
  }
  // The 90% t interval covers about 86% with 10 groups (345/400 here): the floor is 2.5 binomial
  // standard errors below 0.86, the ceiling 2.5 above the nominal 0.9. A t quantile at the level
  // instead of (1 + level)/2 covers 74% (295/400) and fails by 4.6 standard errors; a normal
  // quantile in place of Student's covers 80% (321/400) and fails too.
  const se = (p: number): number => Math.sqrt((p * (1 - p)) / trials);
  const floor = Math.ceil(trials * (0.86 - 2.5 * se(0.86)));
  const ceiling = Math.floor(trials * (0.9 + 2.5 * se(0.9)));
  assert.ok(covered >= floor && covered <= ceiling, `covered ${covered}/${trials}, allowed ${floor}–${ceiling}`);
  if (process.env.SHOW_COVERAGE) console.log(`covered ${covered}/${trials}`);
});

test('a pure power law n^-0.75 is not mistaken for a floor: s comes back near −0.75', () => {
  const rng = new Rng(5, 1);
  const values = Array.from({ length: 10 }, () => Float64Array.from(ns, (n) => 3 * n ** -0.75 * (1 + 0.03 * rng.normal())));
  const f = bootstrapFloorFit(ns, values, { seed: 1, replicates: 400 });
  assert.ok(f.s.lower <= -0.75 && -0.75 <= f.s.upper, `s ${f.s.estimate} [${f.s.lower}, ${f.s.upper}]`);
});

test("Student's t quantiles against tables", () => {
  for (const [p, nu, exact] of [[0.95, 9, 1.8331], [0.975, 5, 2.5706], [0.975, 30, 2.0423], [0.975, 3, 3.1824]] as const) {
    assert.ok(Math.abs(studentTQuantile(p, nu) - exact) < 5e-3, `t(${p}, ${nu}) = ${studentTQuantile(p, nu)}, table ${exact}`);
  }
});

test.run();
