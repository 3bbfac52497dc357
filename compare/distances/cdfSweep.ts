/**
 * One-dimensional probability measures whose CDF is piecewise linear, and a sweep over that CDF:
 * what the Wasserstein distances (`wasserstein.ts`, `wassersteinCircle.ts`) integrate.
 *
 * An empirical measure's CDF is a staircase (linear with slope 0, jumping at the points); a
 * piecewise-constant density's is continuous and linear on each cell. Sweeping two such CDFs
 * together, knot by knot, leaves intervals on which their difference is linear, so integrals of
 * `|F − G|` are exact interval by interval. Samples are sorted once (a copy); cell densities are
 * read in place.
 */

/** An empirical measure `Σ wᵢ δ_{xᵢ} / Σ wᵢ`; equal weights when `weights` is omitted. */
export interface WeightedSample {
  readonly points: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
}

/** Points with equal weights, or a `WeightedSample`. */
export type Sample = ArrayLike<number> | WeightedSample;

/**
 * A piecewise-constant density on `density.length` cells of equal width covering `[a, b]`
 * (cell `j` is `[a + j h, a + (j+1) h]`, `h = (b − a)/m`). It is normalised to a probability: a
 * solver's marginal that has lost mass through the boundary is compared as a law, so check the lost
 * mass separately.
 */
export interface CellDensity {
  readonly density: ArrayLike<number>;
  readonly a: number;
  readonly b: number;
}

export type Measure1D = Sample | CellDensity;

/** A monotone sweep over a CDF that is linear between its knots (and may jump at them). */
export interface CdfSweep {
  /** Number of knots. */
  readonly knots: number;
  /** Position of the next knot not yet passed; `Infinity` after the last. */
  knot(): number;
  /** Passes the next knot (applies its jump). */
  advance(): void;
  /** The CDF at `x` on the current piece (between the last knot passed and the next). */
  value(x: number): number;
}

class AtomSweep implements CdfSweep {
  private i = 0;
  private cumulative = 0;
  constructor(
    private readonly points: Float64Array,
    private readonly weights: Float64Array | null,
    private readonly total: number,
  ) {}
  get knots(): number {
    return this.points.length;
  }
  knot(): number {
    return this.i < this.points.length ? this.points[this.i]! : Infinity;
  }
  advance(): void {
    this.cumulative += this.weights === null ? 1 : this.weights[this.i]!;
    this.i++;
  }
  value(): number {
    return this.i >= this.points.length ? 1 : this.cumulative / this.total;
  }
}

class CellSweep implements CdfSweep {
  private passed = 0;
  private below = 0;
  private left = 0;
  private width = 1;
  private height = 0;
  private readonly m: number;
  constructor(
    private readonly density: ArrayLike<number>,
    private readonly a: number,
    private readonly b: number,
    private readonly total: number,
  ) {
    this.m = density.length;
  }
  get knots(): number {
    return this.m + 1;
  }
  private edge(j: number): number {
    return j === this.m ? this.b : this.a + (this.b - this.a) * (j / this.m);
  }
  knot(): number {
    return this.passed <= this.m ? this.edge(this.passed) : Infinity;
  }
  advance(): void {
    const e = this.passed;
    if (e >= 1) this.below += this.density[e - 1]!;
    if (e < this.m) {
      this.left = this.edge(e);
      this.width = this.edge(e + 1) - this.left;
      this.height = this.density[e]!;
    }
    this.passed++;
  }
  value(x: number): number {
    if (this.passed === 0) return 0;
    if (this.passed > this.m) return 1;
    return (this.below + (this.height * (x - this.left)) / this.width) / this.total;
  }
}

/** Whether a measure is given by cell densities (else it is a sample). */
export function isCellDensity(m: Measure1D): m is CellDensity {
  return 'density' in m;
}

function isWeightedSample(s: Sample): s is WeightedSample {
  return 'points' in s;
}

function checkCells(cells: CellDensity, caller: string): number {
  const { density, a, b } = cells;
  if (!(Number.isFinite(a) && Number.isFinite(b) && a < b)) throw new RangeError(`${caller}: cell interval [${a}, ${b}] must be finite with a < b`);
  if (density.length === 0) throw new RangeError(`${caller}: cell density has no cells`);
  let total = 0;
  for (let j = 0; j < density.length; j++) {
    const v = density[j]!;
    if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`${caller}: density[${j}] = ${v} must be finite and ≥ 0`);
    total += v;
  }
  if (!(total > 0)) throw new RangeError(`${caller}: cell density has zero mass`);
  return total;
}

/** Circle `[origin, end)`: points are reduced into it before sorting. */
export interface Circle {
  readonly origin: number;
  readonly end: number;
}

function reduce(x: number, circle: Circle): number {
  const period = circle.end - circle.origin;
  let r = x - circle.origin;
  r -= period * Math.floor(r / period);
  const y = circle.origin + r;
  return y >= circle.origin && y < circle.end ? y : circle.origin;
}

function atomSweep(sample: Sample, caller: string, circle: Circle | null): AtomSweep {
  const points = isWeightedSample(sample) ? sample.points : sample;
  const weights = isWeightedSample(sample) ? sample.weights : undefined;
  const n = points.length;
  if (n === 0) throw new RangeError(`${caller}: empty sample`);
  const copy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = points[i]!;
    if (!Number.isFinite(x)) throw new RangeError(`${caller}: point ${i} = ${x} is not finite`);
    copy[i] = circle === null ? x : reduce(x, circle);
  }
  if (weights === undefined) return new AtomSweep(copy.sort(), null, n);
  if (weights.length !== n) throw new RangeError(`${caller}: ${n} points but ${weights.length} weights`);
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(Number.isFinite(w) && w >= 0)) throw new RangeError(`${caller}: weight ${i} = ${w} must be finite and ≥ 0`);
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => copy[i]! - copy[j]!);
  const sortedPoints = new Float64Array(n);
  const sortedWeights = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    sortedPoints[i] = copy[order[i]!]!;
    sortedWeights[i] = weights[order[i]!]!;
    total += sortedWeights[i]!;
  }
  if (!(total > 0)) throw new RangeError(`${caller}: weights sum to 0`);
  return new AtomSweep(sortedPoints, sortedWeights, total);
}

/** A sweep over the CDF of `m`, validated (errors name `caller`); samples are reduced onto `circle` if given. */
export function sweepOf(m: Measure1D, caller: string, circle: Circle | null): CdfSweep {
  if (isCellDensity(m)) return new CellSweep(m.density, m.a, m.b, checkCells(m, caller));
  return atomSweep(m, caller, circle);
}

/** `∫₀^len |e(s)| ds` for `e` linear from `e0` to `e1`. */
export function absLinearIntegral(e0: number, e1: number, len: number): number {
  const a0 = Math.abs(e0);
  const a1 = Math.abs(e1);
  if ((e0 >= 0 && e1 >= 0) || (e0 <= 0 && e1 <= 0)) return 0.5 * (a0 + a1) * len;
  return ((e0 * e0 + e1 * e1) / (2 * (a0 + a1))) * len; // sign change inside
}
