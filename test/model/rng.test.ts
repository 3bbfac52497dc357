import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '../../model/rng.ts';

test('Rng gives the same bits for the same (seed, stream), and different ones otherwise', () => {
  const a = new Rng(42, 3);
  const b = new Rng(42, 3);
  const c = new Rng(42, 4);
  const d = new Rng(43, 3);
  const xs = Array.from({ length: 100 }, () => a.normal());
  assert.equal(Array.from({ length: 100 }, () => b.normal()), xs);
  assert.not.equal(Array.from({ length: 100 }, () => c.normal()), xs);
  assert.not.equal(Array.from({ length: 100 }, () => d.normal()), xs);
});

test('Rng stream is pinned: the first outputs of seed 1 never change across versions or machines', () => {
  // Written down when the generator was introduced; a change here breaks every recorded result.
  const r = new Rng(1);
  const first = [r.nextUint32(), r.nextUint32(), r.nextUint32()];
  const u = new Rng(1).uniform();
  assert.equal(first, PINNED_UINT32);
  assert.is(u, PINNED_UNIFORM);
});

test('Rng.nextUint32 reproduces the reference xoshiro128** C code from state (1, 2, 3, 4)', () => {
  // Outputs of Vigna's reference xoshiro128starstar.c with s = {1, 2, 3, 4}.
  const r = Rng.fromState([1, 2, 3, 4]);
  assert.equal(Array.from({ length: 6 }, () => r.nextUint32()), REFERENCE_FROM_1234);
});

test('Rng uniforms and normals have the right first two moments (5σ bounds)', () => {
  const r = new Rng(7);
  const N = 200000;
  let su = 0, suu = 0, sn = 0, snn = 0, s4 = 0;
  for (let i = 0; i < N; i++) {
    const u = r.uniform();
    assert.ok(u >= 0 && u < 1);
    su += u; suu += u * u;
    const z = r.normal();
    sn += z; snn += z * z; s4 += z ** 4;
  }
  assert.ok(Math.abs(su / N - 0.5) < 5 * Math.sqrt(1 / 12 / N), 'uniform mean');
  assert.ok(Math.abs(suu / N - 1 / 3) < 5 * Math.sqrt(4 / 45 / N), 'uniform second moment');
  assert.ok(Math.abs(sn / N) < 5 / Math.sqrt(N), 'normal mean');
  assert.ok(Math.abs(snn / N - 1) < 5 * Math.sqrt(2 / N), 'normal variance');
  assert.ok(Math.abs(s4 / N - 3) < 5 * Math.sqrt(96 / N), 'normal fourth moment');
});

test('Rng rejects seeds that are not non-negative safe integers', () => {
  assert.throws(() => new Rng(-1), /seed/);
  assert.throws(() => new Rng(1.5), /seed/);
  assert.throws(() => new Rng(1, -2), /stream/);
});

const PINNED_UINT32 = [1695105466, 1423115009, 634581793];
const PINNED_UNIFORM = 0.3946724931250869;

const REFERENCE_FROM_1234 = [11520, 0, 5927040, 70819200, 2031721883, 1637235492];

test('fillNormal gives the numbers of repeated normal() calls, across odd counts and a pending spare', () => {
  const a = new Rng(5, 3);
  const b = new Rng(5, 3);
  const out = new Float64Array(40);
  const expected: number[] = [];
  for (const count of [3, 1, 8, 5, 0, 7]) {
    b.fillNormal(out, 2, count);
    for (let k = 0; k < count; k++) expected.push(a.normal());
    assert.equal(Array.from(out.subarray(2, 2 + count)), expected.slice(expected.length - count));
  }
});

test.run();
