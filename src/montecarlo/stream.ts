/**
 * The random stream behind every Monte Carlo run: xoroshiro128+ (Blackman & Vigna 2018) on four 32-bit halves,
 * seeded and jumped exactly as `pure-rand`'s `xoroshiro128plus` (its 32-bit outputs are the low half of ours), plus
 * ziggurat normals, gamma, chi-square and Student-t variates drawn from it deterministically.
 *
 * Substreams: substream `s` of seed `seed` is the seeded state advanced by `s` calls of `jump()` (2⁶⁴ steps each),
 * so substreams never overlap for any practical run length. Internal (not exported): runs reach it through the
 * `seed`, `substream` and `pathOffset` options of `simulatePnL`, `runShard` and the parallel entry points.
 */
import { ZIG_F, ZIG_R, ZIG_W, ZIG_X } from './ziggurat.js';

const TWO_M32 = 2 ** -32;
const TWO_M44 = 2 ** -44;
const TWO_M53 = 2 ** -53;
const TWO_M52 = 2 ** -52;
const JUMP = [0xd8f554a5 | 0, 0xdf900294 | 0, 0x4b3201fc | 0, 0x170865df | 0];

/** A xoroshiro128+ stream. State s0 = (s01:s00), s1 = (s11:s10), high:low 32-bit halves, as pure-rand stores it. */
export class RandomStream {
  /** State [s01, s00, s11, s10] as int32 (typed storage: no boxing of 32-bit values in the hot loop). */
  readonly s: Int32Array;

  constructor(s01: number, s00: number, s11: number, s10: number) {
    this.s = new Int32Array(4);
    this.s[0] = s01;
    this.s[1] = s00;
    this.s[2] = s11;
    this.s[3] = s10;
  }

  /** Seed as pure-rand's `xoroshiro128plus(seed)`: s0 = (−1, ~seed), s1 = (seed, 0). */
  static fromSeed(seed: number): RandomStream {
    return new RandomStream(-1, ~seed, seed | 0, 0);
  }

  clone(): RandomStream {
    const s = this.s;
    return new RandomStream(s[0], s[1], s[2], s[3]);
  }

  /** State as four signed 32-bit integers [s01, s00, s11, s10] (pure-rand's `getState()` order). */
  getState(): [number, number, number, number] {
    const s = this.s;
    return [s[0], s[1], s[2], s[3]];
  }

  /** Restore a state produced by {@link getState}. */
  static fromState(state: ArrayLike<number>): RandomStream {
    return new RandomStream(state[0], state[1], state[2], state[3]);
  }

  /** Advance the state by one step; returns nothing. */
  private static step(s: Int32Array): void {
    const s00 = s[1];
    const s01 = s[0];
    const a0 = s[3] ^ s00;
    const a1 = s[2] ^ s01;
    s[1] = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    s[0] = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    s[3] = (a1 << 5) ^ (a0 >>> 27);
    s[2] = (a0 << 5) ^ (a1 >>> 27);
  }

  /** Low 32 bits of the 64-bit output, as a signed int32 — identical to pure-rand's `next()`. */
  nextInt32(): number {
    const s = this.s;
    const out = (s[1] + s[3]) | 0;
    RandomStream.step(s);
    return out;
  }

  /** The next 64-bit output as [high, low] unsigned 32-bit halves written into `out`. */
  next64(out: Float64Array | number[]): void {
    const s = this.s;
    const lo = (s[1] >>> 0) + (s[3] >>> 0);
    out[0] = ((s[0] >>> 0) + (s[2] >>> 0) + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    out[1] = lo >>> 0;
    RandomStream.step(s);
  }

  /** Uniform double in [0, 1) from the top 53 bits of the 64-bit output. */
  nextDouble(): number {
    const s = this.s;
    const lo = (s[1] >>> 0) + (s[3] >>> 0);
    const hi = ((s[0] >>> 0) + (s[2] >>> 0) + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    RandomStream.step(s);
    return hi * TWO_M32 + (lo >>> 11) * TWO_M53;
  }

  /** Uniform double in (0, 1): never 0, so logs are finite. */
  nextOpen(): number {
    const s = this.s;
    const lo = (s[1] >>> 0) + (s[3] >>> 0);
    const hi = ((s[0] >>> 0) + (s[2] >>> 0) + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    RandomStream.step(s);
    return hi * TWO_M32 + (((lo >>> 0) >>> 12) + 0.5) * TWO_M52;
  }

  /** Advance by 2⁶⁴ steps (the xoroshiro128+ jump polynomial); identical to pure-rand's `jump()`. */
  jump(): void {
    const s = this.s;
    let n01 = 0,
      n00 = 0,
      n11 = 0,
      n10 = 0;
    for (let i = 0; i < 4; i++) {
      const ji = JUMP[i];
      for (let b = 0; b < 32; b++) {
        if ((ji >>> b) & 1) {
          n01 ^= s[0];
          n00 ^= s[1];
          n11 ^= s[2];
          n10 ^= s[3];
        }
        RandomStream.step(s);
      }
    }
    s[0] = n01;
    s[1] = n00;
    s[2] = n11;
    s[3] = n10;
  }

  /**
   * A standard normal by the ziggurat method (Marsaglia & Tsang 2000, 256 layers). One 64-bit output per draw in
   * ≈ 99% of cases: bits 0–7 of the high half pick the layer, bit 8 the sign, and the remaining 23 high bits with
   * the top 21 low bits give a 44-bit uniform that scales the layer width (table layout in ziggurat.ts).
   */
  normal(): number {
    const s = this.s;
    const lo = (s[1] >>> 0) + (s[3] >>> 0);
    const hi = ((s[0] >>> 0) + (s[2] >>> 0) + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    RandomStream.step(s);
    // layer: bits 0..7 of the high half; sign: bit 8; magnitude: 23 bits of the high half + 21 of the low.
    const i = hi & 255;
    const x = ((hi >>> 9) * 2 ** -23 + (lo >>> 11) * TWO_M44) * ZIG_W[i];
    if (x < ZIG_X[i + 1]) return hi & 256 ? -x : x;
    return this.finishNormal(i, x, hi);
  }

  /**
   * Finish a ziggurat draw whose first candidate `x` (layer `i`, sign bit in `hi`) fell outside the layer's
   * inner rectangle: tail or wedge test, then fresh candidates until one is accepted.
   */
  finishNormal(i: number, x: number, hi: number): number {
    const s = this.s;
    for (;;) {
      const z = this.slow(i, x);
      // biome-ignore lint/suspicious/noSelfCompare: the cheapest NaN test in the sampler's hot loop
      if (z === z) return hi & 256 ? -z : z;
      const lo = (s[1] >>> 0) + (s[3] >>> 0);
      hi = ((s[0] >>> 0) + (s[2] >>> 0) + (lo > 0xffffffff ? 1 : 0)) >>> 0;
      RandomStream.step(s);
      i = hi & 255;
      x = ((hi >>> 9) * 2 ** -23 + (lo >>> 11) * TWO_M44) * ZIG_W[i];
      if (x < ZIG_X[i + 1]) return hi & 256 ? -x : x;
    }
  }

  /** Rare branch of the ziggurat: the base strip's tail or a wedge. NaN means reject and redraw. */
  private slow(i: number, x: number): number {
    if (i === 0) {
      // tail beyond R (Marsaglia 1964)
      for (;;) {
        const a = -Math.log(this.nextOpen()) / ZIG_R;
        const b = -Math.log(this.nextOpen());
        if (b + b >= a * a) return ZIG_R + a;
      }
    }
    const y = ZIG_F[i + 1] + this.nextDouble() * (ZIG_F[i] - ZIG_F[i + 1]);
    return y < Math.exp(-0.5 * x * x) ? x : NaN;
  }

  /** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 boosted as Gamma(shape + 1)·U^(1/shape). */
  gamma(shape: number): number {
    if (shape < 1) {
      const g = this.gamma(shape + 1);
      return g * this.nextOpen() ** (1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.nextOpen();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Chi-square with `dof` degrees of freedom (= 2·Gamma(dof/2)). */
  chiSquare(dof: number): number {
    return 2 * this.gamma(0.5 * dof);
  }

  /** Student-t with `dof` degrees of freedom (not standardised): Z / √(χ²/dof). */
  studentT(dof: number): number {
    const z = this.normal();
    return z / Math.sqrt(this.chiSquare(dof) / dof);
  }
}

/** Stream for substream `s` of `seed`: seeded as pure-rand, then `s` jumps. */
export function substreamOf(seed: number, s: number): RandomStream {
  const r = RandomStream.fromSeed(seed);
  for (let k = 0; k < s; k++) r.jump();
  return r;
}
