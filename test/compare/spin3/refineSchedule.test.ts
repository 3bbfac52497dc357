import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { refineSchedule, scheduleAt, trainingTime, type Spin3ScheduleSpec } from '../../../compare/spin3/spin3Schedule.ts';
import { SPIN3_PROTOCOLS } from '../../../compare/spin3/spin3Protocols.ts';

test('at Δt/k: k times the steps of the training and the quench, the same batches and training time, for numbers and rules', () => {
  // each with the widths it is meant for (the ReLU protocol's rules change at n = 3·10⁴)
  const specs: [Spin3ScheduleSpec, readonly number[]][] = [
    [{ batch: 20, dt: 0.02, steps: 1000, quench: { batch: 200, steps: 100 } }, [10, 1000]],
    [SPIN3_PROTOCOLS['sigmoid-d10'].preset, SPIN3_PROTOCOLS['sigmoid-d10'].preset.ns],
    [SPIN3_PROTOCOLS['relu-d50'].paper, SPIN3_PROTOCOLS['relu-d50'].paper.ns],
    [{ batch: 'floor(n/5)', dt: '0.1 / sqrt(n)', steps: '1000 * n / 7', quench: null }, [100, 700]],
  ];
  for (const [spec, ns] of specs) {
    for (const k of [2, 4]) {
      const refined = refineSchedule(spec, k);
      for (const n of ns) {
        const [a, b] = [scheduleAt(spec, n), scheduleAt(refined, n)];
        assert.is(b.batch, a.batch);
        assert.ok(Math.abs(b.dt * k - a.dt) <= 1e-15 * a.dt, `dt at n = ${n}: ${b.dt} against ${a.dt}/${k}`);
        assert.is(b.steps, a.steps * k, `steps at n = ${n}`);
        assert.ok(Math.abs(trainingTime(b) - trainingTime(a)) <= 1e-12 * trainingTime(a));
        assert.equal(b.quench, a.quench && { batch: a.quench.batch, steps: a.quench.steps * k });
      }
    }
  }
  const plain = specs[0]![0];
  assert.equal(refineSchedule(plain, 1), plain);
  assert.throws(() => refineSchedule(plain, 1.5), /integer >= 1/);
});

test.run();
