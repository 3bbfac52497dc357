import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  evaluateSeriesAt, evaluateSeriesOfPhasors, fourierMoments, fourierMomentsOfPhasors, Rng, unitPhasors,
} from '../../model/index.ts';

/** Points on and off the torus's fundamental interval (particles are not wrapped while they move), weights of both signs. */
function points(count: number): { x: Float64Array; w: Float64Array } {
  const rng = new Rng(9, 4);
  return {
    x: Float64Array.from({ length: count }, () => 40 * rng.uniform() - 20),
    w: Float64Array.from({ length: count }, () => rng.normal()),
  };
}

test('the moments equal their direct sums Σ wⱼ e^{−imxⱼ} to rounding, and the series its direct sum', () => {
  const { x, w } = points(50);
  const M = 6;
  const re = new Float64Array(M + 1);
  const im = new Float64Array(M + 1);
  fourierMoments(x, w, 50, 0.5, re, im);
  for (let m = 0; m <= M; m++) {
    let dr = 0;
    let di = 0;
    for (let j = 0; j < 50; j++) {
      dr += w[j]! * Math.cos(m * x[j]!);
      di -= w[j]! * Math.sin(m * x[j]!);
    }
    assert.ok(Math.abs(re[m]! - 0.5 * dr) < 1e-12 && Math.abs(im[m]! - 0.5 * di) < 1e-12, `m = ${m}`);
  }
  const g = new Float64Array(50);
  const dg = new Float64Array(50);
  evaluateSeriesAt(re, im, x, 50, g, dg);
  for (let j = 0; j < 50; j++) {
    let s = re[0]!;
    let ds = 0;
    for (let m = 1; m <= M; m++) {
      s += 2 * (re[m]! * Math.cos(m * x[j]!) - im[m]! * Math.sin(m * x[j]!));
      ds -= 2 * m * (re[m]! * Math.sin(m * x[j]!) + im[m]! * Math.cos(m * x[j]!));
    }
    assert.ok(Math.abs(g[j]! - s) < 1e-11 && Math.abs(dg[j]! - ds) < 1e-10, `point ${j}`);
  }
});

test('the phasor forms give the point forms\' numbers bit for bit, whatever the scratch held before', () => {
  const { x, w } = points(300);
  const M = 9;
  const cos = new Float64Array(300);
  const sin = new Float64Array(300);
  unitPhasors(x, 300, cos, sin);
  const a = { re: new Float64Array(M + 1), im: new Float64Array(M + 1) };
  const b = { re: new Float64Array(M + 1), im: new Float64Array(M + 1) };
  // a larger call first, so that the point forms' scratch is longer than the next count
  fourierMoments(x, w, 300, 1, a.re, a.im);
  fourierMoments(x, w, 137, 1 / 137, a.re, a.im);
  fourierMomentsOfPhasors(cos, sin, w, 137, 1 / 137, b.re, b.im);
  assert.equal(Array.from(a.re), Array.from(b.re));
  assert.equal(Array.from(a.im), Array.from(b.im));
  const g1 = new Float64Array(137);
  const g2 = new Float64Array(137);
  const d1 = new Float64Array(137);
  const d2 = new Float64Array(137);
  evaluateSeriesAt(a.re, a.im, x, 137, g1, d1);
  evaluateSeriesOfPhasors(a.re, a.im, cos, sin, 137, g2, d2);
  assert.equal(Array.from(g1), Array.from(g2));
  assert.equal(Array.from(d1), Array.from(d2));
  evaluateSeriesOfPhasors(a.re, a.im, cos, sin, 137, g2, null);
  assert.equal(Array.from(g1), Array.from(g2));
});

test.run();
