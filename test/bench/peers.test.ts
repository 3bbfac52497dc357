/**
 * The performance peers in bench/peers/ compute what the engine computes: the C and NumPy RK4 GD
 * peers keep the engine's number of modes and train to the engine's loss (different random starts,
 * so within the run-to-run scatter), and the 3-spin NumPy peer runs and reports its unit. A peer
 * whose toolchain is missing (gcc; a Python with numpy) is skipped with a line saying so.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findNumpyPython, parsePeerLine, prepareCPeer, prepareNumpyPeer, runPeer } from '../../bench/peers.ts';
import { createTorusProblem } from '../../model/index.ts';
import { runParticles } from '../../particles/index.ts';
import { tempDir } from '../helpers/tempDir.ts';

const peersDir = join(import.meta.dirname, '..', '..', 'bench', 'peers');
const problem = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x)' });
// the engine's loss at t = 100 (2000 RK4 steps of 0.05) with n = 2000
const engineLoss = runParticles({
  problem, law: { cMean: 0, sigmaC: 1 }, n: 2000, seed: 1, dynamics: 'gd', integrator: 'rk4', dt: 0.05, frozenY: false, interaction: 'spectral', times: [100],
})[0]!.loss;

for (const [name, prepare] of [['C', () => prepareCPeer(peersDir, tempDir('liouville-peer-'))], ['NumPy', () => prepareNumpyPeer(peersDir)]] as const) {
  const peer = prepare();
  if (!peer.ok) {
    console.log(`SKIP ${name} peer: ${peer.reason} (${peer.hint})`);
    continue;
  }
  test(`${name} GD peer: the engine's modes, and the engine's loss at t = 100 within the scatter of n = 2000 runs`, () => {
    const out = runPeer(peer.program, 2000, 2000);
    assert.is(out.modes, problem.M);
    assert.ok(out.loss > 0 && Math.abs(Math.log(out.loss / engineLoss)) < Math.log(1.5), `peer loss ${out.loss}, engine ${engineLoss}`);
    assert.ok(out.particleStepsPerSecond > 0);
  });
}

const python = findNumpyPython(peersDir);
if (python.ok) {
  test('3-spin NumPy peer: runs a step loop and reports unit·point-steps per second', () => {
    const r = spawnSync(python.python, [join(peersDir, 'spin3_sgd.py'), '5', '50', '10', '0.2', 'sigmoid'], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, /^d 5 n 50 P 10 activation sigmoid steps \d+ seconds \S+ unit_point_steps_per_s \S+ batch_loss \S+$/m);
  });
} else {
  console.log(`SKIP 3-spin NumPy peer: ${python.reason}`);
}

test('the peers print the documented line, and a malformed one is refused', () => {
  assert.equal(parsePeerLine('modes 10 particle_steps_per_s 2.8e+06 loss 4.46e-02 seconds 0.712').modes, 10);
  assert.throws(() => parsePeerLine('particle_steps_per_s 2.8e+06'), /unexpected peer output/);
});

test.run();
