import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assembleSpin3Kernel, spin3KernelSource } from '../../scripts/buildWasm.ts';

test('3-spin kernel: the committed module is the assembled spin3Kernel.wat (rerun scripts/buildWasm.ts after editing it)', async () => {
  const committed = readFileSync(fileURLToPath(new URL('../../particles/wasm/spin3KernelBinary.ts', import.meta.url)), 'utf8');
  assert.ok(committed === spin3KernelSource(await assembleSpin3Kernel()), 'particles/wasm/spin3KernelBinary.ts is stale');
});

test.run();
