/**
 * The 3-spin engine's WebAssembly kernel (spin3Kernel.wat: the pre-activation product, the
 * activations with the residual sums, the per-point gradient weights and the weight-gradient product, in SIMD),
 * plain or with fused multiply-adds: one compiled module per variant and process, one instance (with
 * its own memory) per network.
 */
import { relaxedSimdAvailable } from './relaxedSimd.ts';
import { SPIN3_KERNEL_BASE64, SPIN3_KERNEL_FMA_BASE64 } from './spin3KernelBinary.ts';

/** The kernel's exports; every pointer is a byte offset into `memory`. */
export interface Spin3Kernel {
  readonly memory: WebAssembly.Memory;
  target(packed: number, xT: number, out: number, d: number, m4: number): void;
  pre(w: number, b: number, xT: number, z: number, lo: number, hi: number, d: number, m4: number): void;
  reluPartial(z: number, c: number, r: number, lo: number, hi: number, m4: number): void;
  sigmoidPartial(z: number, c: number, r: number, lo: number, hi: number, m4: number): void;
  act(z: number, r: number, gc: number, gb: number, lo: number, hi: number, m4: number, relu: number): void;
  /** `firstChunk` 1: the sums are stored (gw need not be zeroed), 0: added. */
  wgrad(g: number, xT: number, gw: number, lo: number, hi: number, d: number, m4: number, firstChunk: number): void;
  /** `k` points at `[1/P, dt]`. */
  scale(c: number, gc: number, gw: number, gb: number, lo: number, hi: number, d: number, k: number): void;
  wgradStep(g: number, xT: number, gw: number, lo: number, hi: number, d: number, m4: number, firstChunk: number, c: number, w: number, k: number): void;
  stepUnits(c: number, b: number, gc: number, gb: number, lo: number, hi: number, k: number): void;
}

const compiled: { plain?: WebAssembly.Module; fused?: WebAssembly.Module } = {};

/** A kernel instance whose memory holds at least `bytes` bytes (grown once, here, so views stay attached). */
export function instantiateSpin3Kernel(bytes: number, fused = false): Spin3Kernel {
  // on Node 20 this sets the V8 flag the fused module needs, before it is compiled
  if (fused && !relaxedSimdAvailable()) throw new Error(`the fused 3-spin kernel needs WebAssembly relaxed SIMD, which Node ${process.version} does not run`);
  const module = fused
    ? (compiled.fused ??= new WebAssembly.Module(Buffer.from(SPIN3_KERNEL_FMA_BASE64, 'base64')))
    : (compiled.plain ??= new WebAssembly.Module(Buffer.from(SPIN3_KERNEL_BASE64, 'base64')));
  const kernel = new WebAssembly.Instance(module, {}).exports as unknown as Spin3Kernel;
  const have = kernel.memory.buffer.byteLength;
  if (bytes > have) kernel.memory.grow(Math.ceil((bytes - have) / 65536));
  return kernel;
}
