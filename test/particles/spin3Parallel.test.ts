import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createSpin3Target } from '../../model/index.ts';
import { Spin3Network, Spin3ParallelTraining, unitSlices } from '../../particles/index.ts';
import { spin3ParameterDistance, spin3ReferenceTraining } from '../helpers/spin3Reference.ts';

test('3-spin shared training: unit slices cover 0…n once, as even as they can be', () => {
  assert.equal(unitSlices(13, 3), [{ lo: 0, hi: 5 }, { lo: 5, hi: 9 }, { lo: 9, hi: 13 }]);
  assert.equal(unitSlices(4, 4), [{ lo: 0, hi: 1 }, { lo: 1, hi: 2 }, { lo: 2, hi: 3 }, { lo: 3, hi: 4 }]);
});

test('3-spin shared training: 1, 2 and 3 workers follow the plain reference to rounding over 100 steps; 1 worker is the one-thread engine bit for bit; a worker count repeats bit for bit', async () => {
  for (const activation of ['relu', 'sigmoid'] as const) {
    const d = 7;
    const target = createSpin3Target(d, 6);
    // odd n: slices of 7 and 6, and 5, 4, 4 (a lone unit in the blocked pair loop); a partial chunk
    const opts = { n: 13, activation, sigmaC: 1, sigmaB: 0.5, seed: 2, stream: 1 };
    const batch = 70;
    const ref = new Spin3Network(target, opts);
    spin3ReferenceTraining(ref, 100, 0.02, batch);
    const one = new Spin3Network(target, opts);
    for (let s = 0; s < 100; s++) one.step(0.02, batch);
    const runs = new Map<number, Float64Array>();
    for (const workers of [1, 2, 3, 2]) {
      const t = await Spin3ParallelTraining.start(target, opts, workers);
      try {
        // two calls, so the data streams must stay in step across calls
        await t.train(40, 0.02, batch);
        await t.train(60, 0.02, batch);
        const worst = spin3ParameterDistance(t.network, ref);
        assert.ok(worst < 1e-11, `${activation}, ${workers} workers: parameters differ by ${worst} from the reference`);
        assert.ok(spin3ParameterDistance(t.network, one) < (workers === 1 ? 1e-300 : 1e-11), `${activation}, ${workers} workers vs one thread`);
        const all = Float64Array.from([...t.network.c, ...t.network.w, ...t.network.b]);
        const before = runs.get(workers);
        if (before) assert.equal(Array.from(all), Array.from(before), `${activation}: ${workers} workers twice`);
        runs.set(workers, all);
      } finally {
        await t.close();
      }
    }
    // the parameters moved: a comparison of unchanged parameters would pass for any engine
    const start = new Spin3Network(target, opts);
    assert.ok(spin3ParameterDistance(start, ref) > 1e-3);
  }
});

test('3-spin shared training: bad worker counts and step arguments are refused by name', async () => {
  const target = createSpin3Target(5, 1);
  const opts = { n: 3, activation: 'relu' as const, sigmaC: 1, sigmaB: 1, seed: 1, stream: 0 };
  await Spin3ParallelTraining.start(target, opts, 4).then(() => assert.unreachable('4 workers for 3 units'), (e: Error) => assert.match(e.message, /workers = 4/));
  const t = await Spin3ParallelTraining.start(target, opts, 1);
  try {
    await t.train(1, 0, 10).then(() => assert.unreachable('dt 0'), (e: Error) => assert.match(e.message, /dt = 0/));
    await t.train(1, 0.1, 2.5).then(() => assert.unreachable('batch 2.5'), (e: Error) => assert.match(e.message, /batch = 2.5/));
  } finally {
    await t.close();
  }
});

test.run();
