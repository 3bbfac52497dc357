/**
 * What a particle-step costs in arithmetic and what the machine could do at most, so that the
 * bench's rates read as a fraction of the hardware (issue 25's roofline numbers).
 *
 * The flop model counts the additions and multiplications of one RK4 GD step of the spectral
 * engine per particle, as written (`model/torusSums.ts`), sin and cos not counted (they are a
 * library call in the peers and a range reduction plus polynomials here): per stage, the weighted
 * moments `S_m` take 8 per mode `m = 0..M` (two accumulations, the rotation `e^{i(m+1)y}` 6), the
 * series `U`, `∂_yU` 15 per mode `m = 1..M` (4 + 5 accumulations, the rotation 6), the velocity and
 * the stage's state update about 15. The C and NumPy peers run the same recurrences, so the same
 * count applies to them: their GFlop/s is the rate at which they do this work.
 */
import fs from 'node:fs';
import os from 'node:os';

export function spectralFlopsPerParticleStep(M: number): number {
  return 4 * (8 * (M + 1) + 15 * M + 15);
}

export interface NominalPeak {
  /** Double-precision flops per cycle per core assumed from the instruction set. */
  readonly flopsPerCycle: number;
  readonly mhz: number;
  /** One core's nominal peak, GFlop/s. */
  readonly gflops: number;
  readonly basis: string;
}

/**
 * One core's nominal double-precision peak: clock × flops a cycle, the latter from the CPU flags
 * (two FMA pipes of 4 doubles, 16 a cycle, with FMA and AVX2, which is what AMD Zen 2–4 and Intel
 * since Haswell issue; AVX-512 on Zen 4 is double-pumped 256-bit, so still 16; 8 with AVX alone,
 * 4 with SSE2). A nominal figure: turbo clocks, and the mix of FMA and non-FMA work, move it.
 */
export function nominalPeak(): NominalPeak {
  let flags: string[] = [];
  let mhz = os.cpus()[0]?.speed ?? 0;
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    flags = (/^flags\s*:(.*)$/m.exec(info)?.[1] ?? '').trim().split(/\s+/);
    const m = /^cpu MHz\s*:\s*([\d.]+)/m.exec(info);
    if (m) mhz = Number(m[1]);
  } catch {
    // not Linux: the clock from os.cpus(), the instruction set unknown (taken as SSE2)
  }
  const has = (f: string): boolean => flags.includes(f);
  const flopsPerCycle = has('fma') && has('avx2') ? 16 : has('avx') ? 8 : 4;
  const isa = flopsPerCycle === 16 ? 'FMA + AVX2' : flopsPerCycle === 8 ? 'AVX' : flags.length > 0 ? 'SSE2' : 'unknown (SSE2 assumed)';
  return { flopsPerCycle, mhz, gflops: (flopsPerCycle * mhz) / 1000, basis: `${mhz.toFixed(0)} MHz × ${flopsPerCycle} flops a cycle (${isa})` };
}

/** What WebAssembly SIMD itself reaches on one core: the f64x2 ceiling our kernels work under, measured. */
export interface WasmCeiling {
  /** GFlop/s of 16 independent chains of `relaxed_madd` (2 lanes × 2 flops each), or null without relaxed SIMD. */
  readonly fusedGflops: number | null;
  /** GFlop/s of 16 independent chains of `f64x2.mul` then `f64x2.add`. */
  readonly plainGflops: number;
}

/**
 * Times a loop of independent f64x2 multiply-adds (16 accumulators, more than the FMA latency ×
 * pipes needs, few enough to stay in registers; every accumulator summed at the end so none is dead
 * code), assembled here with wabt: the most a two-double-wide kernel can do on this core, turbo
 * clock included, which the nominal peak (four or eight doubles wide, base clock) is not.
 */
export async function measureWasmCeiling(relaxed: boolean): Promise<WasmCeiling> {
  const { default: wabtInit } = await import('wabt');
  const wabt = await wabtInit();
  const run = (fused: boolean): number => {
    const acc = Array.from({ length: 16 }, (_, i) => `$a${i}`);
    const body = acc.map((a) => fused
      ? `(local.set ${a} (f64x2.relaxed_madd (local.get ${a}) (local.get $x) (local.get $y)))`
      : `(local.set ${a} (f64x2.add (f64x2.mul (local.get ${a}) (local.get $x)) (local.get $y)))`).join(' ');
    const sum = acc.slice(1).reduce((e, a) => `(f64x2.add ${e} (local.get ${a}))`, '(local.get $a0)');
    const text = `(module (func (export "run") (param $n i32) (result f64) ${acc.map((a) => `(local ${a} v128)`).join(' ')} (local $x v128) (local $y v128)
      (local.set $x (v128.const f64x2 0.999999 0.999999)) (local.set $y (v128.const f64x2 1e-9 1e-9))
      (loop $l ${body} (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br_if $l (i32.gt_s (local.get $n) (i32.const 0))))
      (f64x2.extract_lane 0 ${sum})))`;
    const parsed = wabt.parseWat('ceiling.wat', text, { simd: true, relaxed_simd: fused });
    const bytes = new Uint8Array(parsed.toBinary({}).buffer);
    parsed.destroy();
    const kernel = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as { run(n: number): number };
    kernel.run(1e6);
    const iterations = 5e7;
    let best = Infinity;
    for (let rep = 0; rep < 3; rep++) {
      const t0 = performance.now();
      kernel.run(iterations);
      best = Math.min(best, (performance.now() - t0) / 1000);
    }
    return (iterations * 16 * 4) / best / 1e9;
  };
  return { fusedGflops: relaxed ? run(true) : null, plainGflops: run(false) };
}
