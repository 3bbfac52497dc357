/**
 * Fourier data of a real function on the torus `𝕋 = ℝ/2πℤ` with `μ = dx/2π` (docs/theory.md):
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
 * `a = ψ̂` and `b` the weighted moments `S_m` this is `f̂_m = ψ̂_m S_m` (docs/theory.md), the one formula
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

/**
 * The weight of mode `m` in a Parseval sum over `m = 0..M`: 1 for `m = 0`, 2 for `m ≥ 1` (mode `−m`
 * is the conjugate of mode `m` and holds the same energy).
 */
export function parsevalWeight(m: number): 1 | 2 {
  return m === 0 ? 1 : 2;
}

/**
 * The exact `‖a − b‖²_{L²(μ)} = Σ_m w_m |â_m − b̂_m|²` by Parseval (`w_m = parsevalWeight(m)`); the
 * shorter spectrum counts as zero beyond its end. The one distance between spectra the project uses.
 */
export function parsevalDistanceSquared(a: Spectrum, b: Spectrum): number {
  const Ma = modeCount(a);
  const Mb = modeCount(b);
  let d = 0;
  for (let m = 0; m <= Math.max(Ma, Mb); m++) {
    const dr = (m <= Ma ? a.re[m]! : 0) - (m <= Mb ? b.re[m]! : 0);
    const di = (m <= Ma ? a.im[m]! : 0) - (m <= Mb ? b.im[m]! : 0);
    d += parsevalWeight(m) * (dr * dr + di * di);
  }
  return d;
}

/** `[re, im]` pairs for m = 0..M, the form result files use for `f̂₀`, `ψ̂` and `f̂`. */
export function spectrumToPairs(s: Spectrum): Array<[number, number]> {
  return Array.from(s.re, (re, m) => [re, s.im[m]!] as [number, number]);
}

/** The spectrum of `[re, im]` pairs (m = 0..M). */
export function spectrumFromPairs(pairs: readonly (readonly [number, number])[]): Spectrum {
  const s = createSpectrum(pairs.length - 1);
  pairs.forEach(([re, im], m) => {
    s.re[m] = re;
    s.im[m] = im;
  });
  return s;
}

/** `[re_0, im_0, re_1, im_1, …]`, the compact form result files use for the members' `f̂_n` at each time. */
export function spectrumToInterleaved(s: Spectrum): number[] {
  const out = new Array<number>(2 * s.re.length);
  for (let m = 0; m < s.re.length; m++) {
    out[2 * m] = s.re[m]!;
    out[2 * m + 1] = s.im[m]!;
  }
  return out;
}

/** The spectrum of `[re_0, im_0, re_1, im_1, …]`. */
export function spectrumFromInterleaved(flat: ArrayLike<number>): Spectrum {
  if (flat.length % 2 !== 0 || flat.length === 0) throw new RangeError(`an interleaved spectrum has an even, non-zero length, got ${flat.length}`);
  const s = createSpectrum(flat.length / 2 - 1);
  for (let m = 0; m < s.re.length; m++) {
    s.re[m] = flat[2 * m]!;
    s.im[m] = flat[2 * m + 1]!;
  }
  return s;
}
