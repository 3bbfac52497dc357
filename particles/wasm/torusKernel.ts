/**
 * The torus engine's WebAssembly kernel (torusKernel.wat: phasors, Fourier moments, the series with
 * eq. (9)'s velocity and the Euler/RK4 update, in SIMD), plain or with fused multiply-adds: one
 * compiled module per variant and process, one instance (with its own memory) per engine.
 */
import { relaxedSimdAvailable } from './relaxedSimd.ts';
import { TORUS_KERNEL_BASE64, TORUS_KERNEL_FMA_BASE64 } from './torusKernelBinary.ts';

/** The kernel's exports; every pointer is a byte offset into `memory`, every length even. */
export interface TorusKernel {
  readonly memory: WebAssembly.Memory;
  phasors(x: number, n2: number, cosOut: number, sinOut: number): void;
  momentsOfPhasors(cosX: number, sinX: number, w: number, n2: number, M: number, acc: number): void;
  phasorMoments(x: number, w: number, n2: number, M: number, acc: number, cosOut: number, sinOut: number): void;
  stageMoments(y: number, c: number, ky: number, kc: number, h: number, n2: number, M: number, acc: number,
    yt: number, ct: number, cosOut: number, sinOut: number): void;
  batchResidual(cosX: number, sinX: number, n2: number, M: number, fn: number, f: number, r: number): void;
  velocity(cosY: number, sinY: number, w: number, n2: number, M: number, coef: number, frozen: number, mode: number, h: number,
    ky: number, kc: number, y: number, c: number, k0y: number, k0c: number, k1y: number, k1c: number, k2y: number, k2c: number): void;
}

const compiled: { plain?: WebAssembly.Module; fused?: WebAssembly.Module } = {};

/** A kernel instance whose memory holds at least `bytes` bytes (grown once, here, so views stay attached). */
export function instantiateTorusKernel(bytes: number, fused: boolean): TorusKernel {
  // on Node 20 this sets the V8 flag the fused module needs, before it is compiled
  if (fused && !relaxedSimdAvailable()) throw new Error(`the fused torus kernel needs WebAssembly relaxed SIMD, which Node ${process.version} does not run`);
  const module = fused
    ? (compiled.fused ??= new WebAssembly.Module(Buffer.from(TORUS_KERNEL_FMA_BASE64, 'base64')))
    : (compiled.plain ??= new WebAssembly.Module(Buffer.from(TORUS_KERNEL_BASE64, 'base64')));
  const kernel = new WebAssembly.Instance(module, { math: { cos: Math.cos, sin: Math.sin } }).exports as unknown as TorusKernel;
  const have = kernel.memory.buffer.byteLength;
  if (bytes > have) kernel.memory.grow(Math.ceil((bytes - have) / 65536));
  return kernel;
}
