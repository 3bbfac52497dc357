/**
 * A seeded, documented pseudo-random number generator whose output is bit-identical on every
 * machine: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
 * 2021) on four 32-bit words, seeded by splitmix64 of `(seed, stream)`.
 *
 * Why this one: all state updates are 32-bit integer operations (`Math.imul`, shifts, xor), which
 * JavaScript defines exactly, so the integer stream never depends on the platform. Doubles take
 * 53 random bits from two draws. Gaussian draws use the Marsaglia polar method, which needs only
 * `Math.log` and `Math.sqrt`; `Math.sqrt` is correctly rounded by IEEE 754 and V8 computes
 * `Math.log` with its own fdlibm port (not the C library), so the same Node major version gives the
 * same bits on any machine.
 *
 * Streams: `(seed, stream)` pairs give statistically independent generators, so run `r` of an
 * ensemble uses stream `r` and does not depend on how runs are scheduled over workers.
 *
 * @example
 * const rng = new Rng(1);
 * rng.uniform(); // a double in [0, 1), the same on every machine
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = 0;
  private hasSpare = false;
  private readonly words = new Uint32Array(4);
  private readonly one = new Float64Array(1);
  readonly seed: number;
  readonly stream: number;

  constructor(seed: number, stream = 0) {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
    }
    if (!Number.isSafeInteger(stream) || stream < 0) {
      throw new RangeError(`stream must be a non-negative safe integer, got ${stream}`);
    }
    this.seed = seed;
    this.stream = stream;
    // splitmix64 (Steele, Lea & Flood 2014) over a state built from seed and stream; BigInt only
    // here, once, so the hot generator stays in 32-bit integer arithmetic.
    const mask = (1n << 64n) - 1n;
    let x = (BigInt(seed) ^ (BigInt(stream) * 0xd1342543de82ef95n)) & mask;
    const next64 = (): bigint => {
      x = (x + 0x9e3779b97f4a7c15n) & mask;
      let z = x;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
      return z ^ (z >> 31n);
    };
    const a = next64();
    const b = next64();
    this.s0 = Number(a & 0xffffffffn) | 0;
    this.s1 = Number(a >> 32n) | 0;
    this.s2 = Number(b & 0xffffffffn) | 0;
    this.s3 = Number(b >> 32n) | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** A generator with the raw xoshiro128** state given (for checks against reference vectors). */
  static fromState(words: readonly [number, number, number, number]): Rng {
    const r = new Rng(0);
    [r.s0, r.s1, r.s2, r.s3] = words.map((w) => w | 0) as [number, number, number, number];
    return r;
  }

  /** The next 32-bit unsigned integer of the xoshiro128** stream. */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** The next four words of the stream into `words` (stored, not returned: no boxed uint32). */
  private draw4(): void {
    const w = this.words;
    for (let j = 0; j < 4; j++) {
      const s1 = this.s1;
      w[j] = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      const t = s1 << 9;
      this.s2 ^= this.s0;
      this.s3 ^= this.s1;
      this.s1 ^= this.s2;
      this.s0 ^= this.s3;
      this.s2 ^= t;
      this.s3 = rotl(this.s3, 11);
    }
  }

  /** A double uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A standard normal draw (Marsaglia polar method; one draw of `fillNormal`). */
  normal(): number {
    this.fillNormal(this.one, 0, 1);
    return this.one[0]!;
  }

  /**
   * `count` standard normal draws into `out[offset …]` (Marsaglia polar method, the spare of a pair
   * kept for the next draw): the same numbers as `count` calls of `normal()`, but a hot loop that
   * draws many gets them without a boxed double per call (a double returned from a call that is not
   * inlined is a heap allocation in V8).
   */
  fillNormal(out: Float64Array, offset: number, count: number): void {
    let k = offset;
    const end = offset + count;
    if (k < end && this.hasSpare) {
      this.hasSpare = false;
      out[k++] = this.spare;
    }
    while (k < end) {
      let u: number;
      let v: number;
      let s: number;
      const w = this.words;
      do {
        this.draw4();
        u = 2 * ((w[0]! >>> 5) * 67108864 + (w[1]! >>> 6)) / 9007199254740992 - 1;
        v = 2 * ((w[2]! >>> 5) * 67108864 + (w[3]! >>> 6)) / 9007199254740992 - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      out[k++] = u * factor;
      if (k < end) {
        out[k++] = v * factor;
      } else {
        this.spare = v * factor;
        this.hasSpare = true;
      }
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
