/**
 * The particle engine of the paper's high-dimensional experiment (Sec. 5; docs/theory.md): `n` units
 * `h(wᵢ · x + bᵢ)` in `ℝᵈ` with `f_n(x) = (1/n) Σ cᵢ h(wᵢ · x + bᵢ)`, trained by online SGD
 * (eqs. 21–22) on fresh points of the sphere of radius `√d`. In the mean-field time scaling every
 * particle moves at O(1) speed:
 *
 *     ċᵢ = ⟨r h(zᵢ)⟩_B,   ẇᵢ = cᵢ ⟨r h′(zᵢ) x⟩_B,   ḃᵢ = cᵢ ⟨r h′(zᵢ)⟩_B,   r = f − f_n,  zᵢ = wᵢ · x + bᵢ,
 *
 * with `⟨·⟩_B` the mean over the batch of `P` points: `−n ∇` of the batch loss `(1/2P) Σ_k r_k²`,
 * whose expectation is GD on `ℓ = ½ E|f − f_n|²` and whose noise is `θ = Δt/P` (below eq. 24).
 *
 * The hot loop is one pass over the batch in chunks of `CHUNK` points: pre-activations for all
 * units (a `n × d` by `d × chunk` product), the residuals, then the gradient sums; a batch of any
 * size (the quench uses `P ∝ n²`) needs only `n × CHUNK` scratch. The two products, the ReLU
 * residual sums and the per-point gradient weights run in WebAssembly SIMD (wasm/spin3Kernel.wat),
 * register-blocked on the chunk's transposed points (`xT[p·CHUNK + k]`, contiguous in the points):
 * the pre-activations four units by four points, the weight gradient two units by four
 * coordinates; the sigmoid's exponential is the kernel's own (fdlibm's reduction and a polynomial:
 * within a few ulp of `Math.exp`, the same bits on every machine). Parameters, gradients and
 * scratch are `Float64Array` views of the kernel's memory, and a step allocates nothing.
 */
import { sampleSphere, type Spin3Target } from '../model/spin3.ts';
import { Rng } from '../model/rng.ts';
import { instantiateSpin3Kernel, type Spin3Kernel } from './wasm/spin3Kernel.ts';

export type Activation = 'relu' | 'sigmoid';

export interface Spin3NetworkOptions {
  readonly n: number;
  readonly activation: Activation;
  /**
   * Initial law: `c ~ N(0, σ_c²)` (or 0 with `cLaw: 'zero'`), `w ~ N(0, s² I/d)` with `s` the
   * `weightScale` (default 1, so `w · x ~ N(0, 1)` on the sphere of radius `√d`), `b ~ N(0, σ_b²)`.
   * The same normals are drawn whatever the options, so they change the law and nothing else.
   */
  readonly sigmaC: number;
  readonly sigmaB: number;
  readonly weightScale?: number;
  readonly cLaw?: 'normal' | 'zero';
  /** With `false`, the units have no bias: `b ≡ 0`, neither drawn into nor trained. Default true. */
  readonly bias?: boolean;
  readonly seed: number;
  readonly stream: number;
  /** Parameters to start from instead of drawing them: `c` (n), `w` (n·d), `b` (n), copied in. */
  readonly parameters?: { readonly c: Float64Array; readonly w: Float64Array; readonly b: Float64Array };
  /** The units `[lo, hi)` this network computes and moves; the default is all of them. */
  readonly units?: { readonly lo: number; readonly hi: number };
  /** The kernel variant: with fused multiply-adds (relaxed SIMD) or without (the default). */
  readonly engine?: Spin3EngineKind;
}

/** The 3-spin kernel's variants: with the fused multiply-adds of relaxed SIMD, or plain. */
export type Spin3EngineKind = 'wasm-simd-fma' | 'wasm-simd';
export const SPIN3_ENGINE_KINDS: readonly Spin3EngineKind[] = ['wasm-simd-fma', 'wasm-simd'];

/**
 * Turns a thread's partial sums `−Σ_{i∈own} cᵢ h(zᵢ)` over the chunk's first `m` points into the
 * sums over all units, in place (the threads of one training exchange them here).
 */
export interface Spin3PartialReducer {
  reduce(partial: Float64Array, m: number): void;
}

/** Points per chunk of a batch: `n × CHUNK` pre-activations stay in cache-sized scratch. */
const CHUNK = 64;
/** The most points `residualsOnFresh` takes at once. */
export const SPIN3_CHUNK = CHUNK;

export class Spin3Network {
  readonly n: number;
  readonly d: number;
  readonly activation: Activation;
  readonly target: Spin3Target;
  readonly c: Float64Array;
  /** `w[i·d + p]`. */
  readonly w: Float64Array;
  readonly b: Float64Array;
  /** The data stream (fresh points every step); the parameters were drawn from another. */
  readonly rng: Rng;
  /** The units this network computes and moves, `[lo, hi)`. */
  readonly lo: number;
  readonly hi: number;
  /** The kernel variant stepping it. */
  readonly engine: Spin3EngineKind;
  /** Whether the units have a trained bias (`b ≡ 0` without). */
  readonly bias: boolean;
  private reducer: Spin3PartialReducer | null = null;
  private readonly kernel: Spin3Kernel;
  private readonly gc: Float64Array;
  private readonly gw: Float64Array;
  private readonly gb: Float64Array;
  /** Pre-activations, then `h(z)` (sigmoid), then the per-point gradient weights `g = r h′(z)`. */
  private readonly z: Float64Array;
  private readonly xT: Float64Array;
  private readonly r: Float64Array;
  private readonly x: Float64Array;
  private readonly fx: Float64Array;
  /** `[1/P, dt]` of the step, for the kernel. */
  private readonly k: Float64Array;
  /** The target's symmetrised couplings, copied into the kernel's memory. */
  private readonly packed: Float64Array;

  constructor(target: Spin3Target, opts: Spin3NetworkOptions) {
    const { n } = opts;
    const d = target.d;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n = ${n} is invalid: an integer >= 1`);
    const lo = opts.units?.lo ?? 0;
    const hi = opts.units?.hi ?? n;
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi > n || lo >= hi) {
      throw new RangeError(`units [${lo}, ${hi}) is invalid: integers with 0 <= lo < hi <= n = ${n}`);
    }
    this.n = n;
    this.d = d;
    this.lo = lo;
    this.hi = hi;
    this.activation = opts.activation;
    this.bias = opts.bias ?? true;
    this.target = target;
    // every array the kernel reads or writes lives in its memory, laid out once
    const lengths = { c: n, w: n * d, b: n, gc: n, gw: n * d, gb: n, z: (hi - lo) * CHUNK, xT: d * CHUNK, r: CHUNK, fx: CHUNK, k: 2, packed: target.packed.length };
    const total = Object.values(lengths).reduce((a, len) => a + len, 0);
    if (opts.engine !== undefined && !SPIN3_ENGINE_KINDS.includes(opts.engine)) {
      throw new RangeError(`engine = ${String(opts.engine)} is invalid: one of ${SPIN3_ENGINE_KINDS.join(', ')}`);
    }
    this.engine = opts.engine ?? 'wasm-simd';
    this.kernel = instantiateSpin3Kernel(8 * total, this.engine === 'wasm-simd-fma');
    let offset = 0;
    const view = (len: number): Float64Array => {
      const a = new Float64Array(this.kernel.memory.buffer, offset, len);
      offset += 8 * len;
      return a;
    };
    this.c = view(lengths.c);
    this.w = view(lengths.w);
    this.b = view(lengths.b);
    this.gc = view(lengths.gc);
    this.gw = view(lengths.gw);
    this.gb = view(lengths.gb);
    this.z = view(lengths.z);
    this.xT = view(lengths.xT);
    this.r = view(lengths.r);
    this.fx = view(lengths.fx);
    this.k = view(lengths.k);
    this.packed = view(lengths.packed);
    this.packed.set(target.packed);
    const given = opts.parameters;
    if (given) {
      if (given.c.length !== n || given.w.length !== n * d || given.b.length !== n) {
        throw new RangeError(`parameters have lengths c ${given.c.length}, w ${given.w.length}, b ${given.b.length}: expected ${n}, ${n * d}, ${n}`);
      }
      this.c.set(given.c);
      this.w.set(given.w);
      this.b.set(given.b);
    } else {
      const init = new Rng(opts.seed, 2 * opts.stream);
      const weightScale = opts.weightScale ?? 1;
      if (!(weightScale > 0) || !Number.isFinite(weightScale)) throw new RangeError(`weightScale = ${weightScale} is invalid: a finite number > 0`);
      const sw = weightScale / Math.sqrt(d);
      const sc = opts.cLaw === 'zero' ? 0 : opts.sigmaC;
      const sb = this.bias ? opts.sigmaB : 0;
      for (let i = 0; i < n; i++) {
        this.c[i] = sc * init.normal();
        for (let p = 0; p < d; p++) this.w[i * d + p] = sw * init.normal();
        this.b[i] = sb * init.normal();
      }
    }
    if (!this.bias) this.b.fill(0);
    this.rng = new Rng(opts.seed, 2 * opts.stream + 1);
    this.x = new Float64Array(CHUNK * d);
  }

  /**
   * Route this network's partial residual sums through `reducer` (a thread of a shared training),
   * or back to its own units alone with `null`.
   */
  setReducer(reducer: Spin3PartialReducer | null): void {
    this.reducer = reducer;
  }

  /** One SGD step of length `dt` on `batch` fresh points (of this network's units). */
  step(dt: number, batch: number): void {
    // the last chunk finishes each unit's w row in the kernel (batch mean, then the update) while it
    // is in cache; c and b follow: the operations of accumulateGradient, then (c, w, b) += dt·velocity
    this.k[0] = 1 / batch;
    this.k[1] = dt;
    this.gradient(batch, null, true);
    const { lo, hi, c, b, gc, gb } = this;
    // no bias: its gradient sums are dropped before the update, so b stays 0
    if (!this.bias) gb.fill(0, lo, hi);
    this.kernel.stepUnits(c.byteOffset, b.byteOffset, gc.byteOffset, gb.byteOffset, lo, hi, this.k.byteOffset);
  }

  /**
   * The mean-field SGD velocity `(ċ, ẇ, ḃ)` on a batch, into `gc`, `gw`, `gb` (read them with
   * `velocity()`). Points come from `points` (`batch × d`) when given, else fresh from `rng`.
   */
  accumulateGradient(batch: number, points: Float64Array | null): void {
    this.gradient(batch, points, false);
    const { lo, hi, d, c, gc, gw, gb } = this;
    // the batch means: gc /= P, gb and gw ·= c_i/P
    this.k[0] = 1 / batch;
    this.kernel.scale(c.byteOffset, gc.byteOffset, gw.byteOffset, gb.byteOffset, lo, hi, d, this.k.byteOffset);
    if (!this.bias) gb.fill(0, lo, hi);
  }

  /** The batch's sums into gc, gw, gb; for a step, the last chunk also finishes w's rows (`wgradStep`, with `k`). */
  private gradient(batch: number, points: Float64Array | null, step: boolean): void {
    const { lo, hi, d, c, w, gc, gw, gb, x, kernel } = this;
    if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch = ${batch} is invalid: an integer >= 1`);
    const relu = this.activation === 'relu' ? 1 : 0;
    // gw needs no zeroing: the first chunk's sums are stored, not added
    gc.fill(0, lo, hi);
    gb.fill(0, lo, hi);
    for (let start = 0; start < batch; start += CHUNK) {
      const m = Math.min(CHUNK, batch - start);
      if (points) x.set(points.subarray(start * d, (start + m) * d));
      else sampleSphere(this.rng, d, m, x, this.target.radius);
      const m4 = this.forwardChunk(m);
      // g = r h′(z) over z, ċ and ḃ's sums, then ẇ's sums Σ_k g_k x_k
      kernel.act(this.z.byteOffset, this.r.byteOffset, gc.byteOffset, gb.byteOffset, lo, hi, m4, relu);
      const first = start === 0 ? 1 : 0;
      if (step && start + CHUNK >= batch) {
        kernel.wgradStep(this.z.byteOffset, this.xT.byteOffset, gw.byteOffset, lo, hi, d, m4, first, c.byteOffset, w.byteOffset, this.k.byteOffset);
      } else {
        kernel.wgrad(this.z.byteOffset, this.xT.byteOffset, gw.byteOffset, lo, hi, d, m4, first);
      }
    }
  }

  /**
   * The chunk's forward pass on the first `m` points of `x`: its transpose into `xT` (zero-padded
   * to `m4`, a multiple of 4, which it returns), the pre-activations into `z` (overwritten by
   * `h(z)` for the sigmoid), `f(x_k)` into `fx` and the residuals `r_k = f(x_k) − f_n(x_k)` into
   * `r` (zero on the padding); the sum over units other than this network's comes through the
   * reducer.
   */
  private forwardChunk(m: number): number {
    const { n, lo, hi, d, c, z, x, xT, r, fx, kernel } = this;
    const m4 = (m + 3) & ~3;
    for (let p = 0; p < d; p++) {
      const o = p * CHUNK;
      for (let k = 0; k < m; k++) xT[o + k] = x[k * d + p]!;
      for (let k = m; k < m4; k++) xT[o + k] = 0;
    }
    kernel.pre(this.w.byteOffset, this.b.byteOffset, xT.byteOffset, z.byteOffset, lo, hi, d, m4);
    // the sigmoid's h overwrites z: the gradient pass needs h, not z
    if (this.activation === 'relu') kernel.reluPartial(z.byteOffset, c.byteOffset, r.byteOffset, lo, hi, m4);
    else kernel.sigmoidPartial(z.byteOffset, c.byteOffset, r.byteOffset, lo, hi, m4);
    if (this.reducer) this.reducer.reduce(r, m);
    kernel.target(this.packed.byteOffset, xT.byteOffset, fx.byteOffset, d, m4);
    for (let k = 0; k < m; k++) r[k] = fx[k]! + r[k]! / n;
    for (let k = m; k < m4; k++) r[k] = 0;
    return m4;
  }

  /** The velocity the last `accumulateGradient` left (views, not copies). */
  velocity(): { c: Float64Array; w: Float64Array; b: Float64Array } {
    return { c: this.gc, w: this.gw, b: this.gb };
  }

  /**
   * `f` and the residuals `f − f_n` on `m ≤ CHUNK` fresh points from `rng`, through the blocked
   * forward pass: views of scratch, valid until the network's next call.
   */
  residualsOnFresh(rng: Rng, m: number): { readonly f: Float64Array; readonly r: Float64Array } {
    if (!Number.isInteger(m) || m < 1 || m > CHUNK) throw new RangeError(`m = ${m} is invalid: an integer in 1…${CHUNK}`);
    sampleSphere(rng, this.d, m, this.x, this.target.radius);
    this.forwardChunk(m);
    return { f: this.fx, r: this.r };
  }

  /** `f_n(x)` at the point `x[offset … offset + d)`. */
  evaluate(x: Float64Array, offset = 0): number {
    const { n, d, c, w, b } = this;
    const relu = this.activation === 'relu';
    let acc = 0;
    for (let i = 0; i < n; i++) {
      let s = b[i]!;
      for (let p = 0; p < d; p++) s += w[i * d + p]! * x[offset + p]!;
      acc += c[i]! * (relu ? (s > 0 ? s : 0) : 1 / (1 + Math.exp(-s)));
    }
    return acc / n;
  }
}

/**
 * The paper's error measures on `count` fresh points from `rng` (Fig. 1): the loss
 * `½⟨(f − f_n)²⟩` and the signed discrepancies `⟨(f − f_n) Θ(f)⟩`, `⟨(f_n − f) Θ(−f)⟩` (means over
 * all points, as the paper's `1/P Σ`), each with its standard error.
 */
export function spin3Errors(net: Spin3Network, rng: Rng, count: number): {
  loss: number; lossStandardError: number; positive: number; negative: number;
} {
  let s1 = 0;
  let s2 = 0;
  let pos = 0;
  let neg = 0;
  for (let start = 0; start < count; start += SPIN3_CHUNK) {
    const m = Math.min(SPIN3_CHUNK, count - start);
    const { f: fx, r } = net.residualsOnFresh(rng, m);
    for (let k = 0; k < m; k++) {
      const f = fx[k]!;
      const e = r[k]!;
      const l = 0.5 * e * e;
      s1 += l;
      s2 += l * l;
      if (f > 0) pos += e;
      else if (f < 0) neg -= e;
    }
  }
  const loss = s1 / count;
  return { loss, lossStandardError: Math.sqrt(Math.max(0, s2 / count - loss * loss) / (count - 1)), positive: pos / count, negative: neg / count };
}
