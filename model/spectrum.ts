/**
 * Fourier data of a real function on the torus `𝕋 = ℝ/2πℤ` with `μ = dx/2π` (SPEC §2):
 * `ĝ_m = ∫ g(x) e^{−imx} dμ(x)` for `m = 0..M`, stored as two `Float64Array`s. The negative modes
 * are implied, `ĝ_{−m} = conj(ĝ_m)`, so `g(x) = Re ĝ_0 + 2 Σ_{m≥1} Re(ĝ_m e^{imx})`.
 */
export interface Spectrum {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** An all-zero spectrum with modes `0..M`. */
export function createSpectrum(M: number): Spectrum {
  return { re: new Float64Array(M + 1), im: new Float64Array(M + 1) };
}

/**
 * `out_m = a_m · b_m` for `m = 0..M` of `out` (complex products; `out` may be `a` or `b`). With
 * `a = ψ̂` and `b` the weighted moments `S_m` this is `f̂_m = ψ̂_m S_m` (SPEC §2), the one formula
 * every particle system and solver uses to turn moments into the represented function.
 */
export function multiplySpectraInto(a: Spectrum, b: Spectrum, out: Spectrum): Spectrum {
  for (let m = 0; m < out.re.length; m++) {
    const ar = a.re[m]!;
    const ai = a.im[m]!;
    const br = b.re[m]!;
    const bi = b.im[m]!;
    out.re[m] = ar * br - ai * bi;
    out.im[m] = ar * bi + ai * br;
  }
  return out;
}

/** The highest mode `M` a spectrum holds. */
export function modeCount(s: Spectrum): number {
  return s.re.length - 1;
}

/** A copy of `s` cut or zero-padded to modes `0..M`. */
export function resizeSpectrum(s: Spectrum, M: number): Spectrum {
  const out = createSpectrum(M);
  const k = Math.min(M, modeCount(s));
  out.re.set(s.re.subarray(0, k + 1));
  out.im.set(s.im.subarray(0, k + 1));
  return out;
}

/** `g(x)` from its spectrum. */
export function evaluateSpectrum(s: Spectrum, x: number): number {
  let v = s.re[0]!;
  for (let m = 1; m < s.re.length; m++) v += 2 * (s.re[m]! * Math.cos(m * x) - s.im[m]! * Math.sin(m * x));
  return v;
}

/** `∫ g² dμ = |ĝ_0|² + 2 Σ_{m≥1} |ĝ_m|²` (Parseval). */
export function spectrumEnergy(s: Spectrum): number {
  let e = s.re[0]! * s.re[0]! + s.im[0]! * s.im[0]!;
  for (let m = 1; m < s.re.length; m++) e += 2 * (s.re[m]! * s.re[m]! + s.im[m]! * s.im[m]!);
  return e;
}

/** The exact `‖a − b‖²_{L²(μ)}` by Parseval; the shorter spectrum counts as zero beyond its end. */
export function spectrumDistanceSquared(a: Spectrum, b: Spectrum): number {
  const Ma = modeCount(a);
  const Mb = modeCount(b);
  let d = 0;
  for (let m = 0; m <= Math.max(Ma, Mb); m++) {
    const dr = (m <= Ma ? a.re[m]! : 0) - (m <= Mb ? b.re[m]! : 0);
    const di = (m <= Ma ? a.im[m]! : 0) - (m <= Mb ? b.im[m]! : 0);
    d += (m === 0 ? 1 : 2) * (dr * dr + di * di);
  }
  return d;
}

/** `[re, im]` pairs for m = 0..M, the form result files use. */
export function spectrumToPairs(s: Spectrum): Array<[number, number]> {
  return Array.from(s.re, (re, m) => [re, s.im[m]!] as [number, number]);
}
