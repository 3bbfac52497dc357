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
