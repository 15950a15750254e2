/**
 * Sobol low-discrepancy points (Joe–Kuo 2008 direction numbers, new-joe-kuo-6.21201, up to 1024 dimensions) in
 * Gray-code order on 32-bit integers, with the two randomizations randomized QMC needs: a random digital shift
 * and Matoušek's random linear matrix scrambling (LMS) followed by a digital shift.
 */
import { RiskInputError } from '../core/errors.js';
import { checkNumber, checkStrictObject, joinPath, optionalEnum } from '../core/validate.js';
import { JOE_KUO_DIMENSIONS, JOE_KUO_LINES } from './sobolDirections.js';
import type { RandomStream } from './stream.js';
import { substreamOf } from './stream.js';
import { SOBOL_KEYS } from './inputKeys.js';

/** Bits per coordinate (points are integers in [0, 2³²), i.e. multiples of 2⁻³²). */
export const SOBOL_BITS = 32;
/** Dimensions available from the committed direction numbers. */
export const SOBOL_MAX_DIMENSIONS = JOE_KUO_DIMENSIONS;

/** Randomization of a Sobol point set. */
export type SobolRandomization = 'none' | 'shift' | 'lms-shift';

let parsed: Array<{ s: number; a: number; m: number[] }> | undefined;

function table(): Array<{ s: number; a: number; m: number[] }> {
  if (parsed === undefined) {
    parsed = JOE_KUO_LINES.split('\n').map((line) => {
      const f = line.split(' ').map(Number);
      return { s: f[0], a: f[1], m: f.slice(2) };
    });
  }
  return parsed;
}

/**
 * Direction numbers v[j·32 + k] (dimension j, Gray-code bit k) as unsigned 32-bit integers: dimension 0 is
 * v_k = 2^(31−k); dimension j ≥ 1 follows the Bratley–Fox recurrence on the primitive polynomial of degree s with
 * coefficients a and initial m_1..m_s of the Joe–Kuo table. Internal.
 */
export function sobolDirections(dimensions: number): Uint32Array {
  const B = SOBOL_BITS;
  const v = new Uint32Array(dimensions * B);
  for (let k = 0; k < B; k++) v[k] = 2 ** (B - 1 - k);
  const t = dimensions > 1 ? table() : [];
  for (let j = 1; j < dimensions; j++) {
    const { s, a, m } = t[j - 1];
    const o = j * B;
    for (let k = 0; k < B; k++) {
      if (k < s) {
        v[o + k] = (m[k] * 2 ** (B - 1 - k)) >>> 0;
      } else {
        let x = v[o + k - s] ^ (v[o + k - s] >>> s);
        for (let i = 1; i < s; i++) if ((a >>> (s - 1 - i)) & 1) x ^= v[o + k - i];
        v[o + k] = x >>> 0;
      }
    }
  }
  return v;
}

/** Random Uint32 from a stream. */
function randomU32(rs: RandomStream): number {
  return rs.nextInt32() >>> 0;
}

function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}

/**
 * Matoušek's linear matrix scrambling applied in place to the direction numbers: per dimension a random lower
 * triangular binary matrix M with unit diagonal (digits counted from the most significant bit) maps every direction
 * number v to M·v over GF(2). Digit r of a scrambled point depends only on digits 1..r of the original, so every
 * (t, m, s)-net stays a (t, m, s)-net. Internal.
 */
export function scrambleDirections(v: Uint32Array, dimensions: number, rs: RandomStream): void {
  const B = SOBOL_BITS;
  const rows = new Uint32Array(B);
  for (let j = 0; j < dimensions; j++) {
    // row r (digit r from the top, bit 31 − r): unit diagonal, random bits for the more significant digits
    for (let r = 0; r < B; r++) {
      const diag = 2 ** (B - 1 - r);
      const above = r === 0 ? 0 : (randomU32(rs) & ~(diag * 2 - 1)) >>> 0; // bits more significant than the diagonal
      rows[r] = (above | diag) >>> 0;
    }
    const o = j * B;
    for (let k = 0; k < B; k++) {
      const x = v[o + k];
      let y = 0;
      for (let r = 0; r < B; r++) if (parity(rows[r] & x)) y |= 2 ** (B - 1 - r);
      v[o + k] = y >>> 0;
    }
  }
}

/**
 * A Sobol point generator over 32-bit integers in Gray-code order (the order SciPy's `Sobol` uses): point i (i ≥ 0)
 * is X_i = (shift) ⊕ ⨁_{k: bit k of gray(i)} v_k. Internal state: the current point and its index.
 */
export class SobolGenerator {
  readonly dimensions: number;
  private readonly v: Uint32Array;
  private readonly x: Uint32Array;
  private index: number;

  /** `v` from {@link sobolDirections} (optionally scrambled), `shift` one Uint32 per dimension (or none). */
  constructor(v: Uint32Array, dimensions: number, skip: number, shift?: Uint32Array) {
    this.dimensions = dimensions;
    this.v = v;
    this.x = new Uint32Array(dimensions);
    if (shift) this.x.set(shift);
    const g = skip ^ Math.floor(skip / 2); // Gray code of skip (skip < 2³²; bitwise ops would truncate to 31 bits)
    for (let k = 0; k < SOBOL_BITS; k++) {
      if (Math.floor(g / 2 ** k) % 2 === 1) for (let j = 0; j < dimensions; j++) this.x[j] ^= v[j * SOBOL_BITS + k];
    }
    this.index = skip;
  }

  /** Write the current point (integers in [0, 2³²)) into `out[0 … d)` and advance. */
  nextInto(out: Uint32Array | Float64Array): void {
    const d = this.dimensions;
    const x = this.x;
    for (let j = 0; j < d; j++) out[j] = x[j];
    const i = ++this.index;
    // bit that flips between gray(i − 1) and gray(i): the lowest set bit of i
    let k = 0;
    let t = i;
    while ((t & 1) === 0 && k < SOBOL_BITS - 1) {
      t = Math.floor(t / 2);
      k++;
    }
    if (i >= 2 ** SOBOL_BITS) return;
    const v = this.v;
    for (let j = 0; j < d; j++) x[j] ^= v[j * SOBOL_BITS + k];
  }
}

/** Build a (possibly randomized) generator from a stream. Internal. */
export function makeSobol(
  dimensions: number,
  randomization: SobolRandomization,
  rs: RandomStream | undefined,
  skip = 0,
): SobolGenerator {
  const v = sobolDirections(dimensions);
  let shift: Uint32Array | undefined;
  if (randomization !== 'none' && rs) {
    if (randomization === 'lms-shift') scrambleDirections(v, dimensions, rs);
    shift = new Uint32Array(dimensions);
    for (let j = 0; j < dimensions; j++) shift[j] = randomU32(rs);
  }
  return new SobolGenerator(v, dimensions, skip, shift);
}

/** Options of {@link sobolPoints}. */
export interface SobolOptions {
  /** Points skipped at the start (default 0; SciPy's `fast_forward`). */
  skip?: number;
  /** `'none'` (default: the plain sequence, first point 0), `'shift'` (random digital shift) or `'lms-shift'`. */
  randomization?: SobolRandomization;
  /** Seed in [0, 2³²) of the randomization (required unless `'none'`). */
  seed?: number;
  /** Substream of the seed the randomization draws from (default 0). */
  substream?: number;
}

/**
 * The first `count` points of the `dimensions`-dimensional Sobol sequence with Joe–Kuo (2008) direction numbers
 * (new-joe-kuo-6.21201), in Gray-code order, as multiples of 2⁻³² in [0, 1). Unrandomized, they equal
 * `scipy.stats.qmc.Sobol(d, scramble=False, bits=32).random(count)` bit for bit (also with `skip` =
 * `fast_forward`). Randomized (for randomized QMC): `'shift'` XORs each coordinate with a uniform random 32-bit
 * word per dimension; `'lms-shift'` first applies Matoušek's random linear matrix scrambling to the direction
 * numbers (as SciPy's `scramble=True`). Both keep every point uniform on [0, 1) and the net structure intact, so
 * independent randomizations give unbiased estimates whose spread is an honest standard error.
 *
 * @param count number of points (integer ≥ 0, skip + count ≤ 2³²).
 * @param dimensions integer in [1, 1024].
 * @returns Float64Array, row-major `count × dimensions`.
 * @example
 * ```ts
 * import { sobolPoints } from 'riskcore/montecarlo';
 * const p = sobolPoints(4, 2);
 * console.log(Array.from(p).join(' ')); // '0 0 0.5 0.5 0.75 0.25 0.25 0.75'
 * const r = sobolPoints(1024, 3, { randomization: 'lms-shift', seed: 1 });
 * console.log(r.every((u) => u >= 0 && u < 1)); // true
 * ```
 */
export function sobolPoints(count: number, dimensions: number, options: SobolOptions = {}): Float64Array {
  const n = checkNumber(count, 'count', { ge: 0, integer: true });
  const d = checkNumber(dimensions, 'dimensions', { ge: 1, le: SOBOL_MAX_DIMENSIONS, integer: true });
  const o = checkStrictObject(options, 'options', SOBOL_KEYS);
  const skip =
    o.skip === undefined
      ? 0
      : checkNumber(o.skip, joinPath('options', 'skip'), { ge: 0, le: 2 ** SOBOL_BITS, integer: true });
  if (skip + n > 2 ** SOBOL_BITS)
    throw new RiskInputError('count', `at most 2^32 − skip = ${2 ** SOBOL_BITS - skip} points`, n);
  const rnd = optionalEnum(
    o.randomization,
    joinPath('options', 'randomization'),
    ['none', 'shift', 'lms-shift'] as const,
    'none',
  );
  let rs: RandomStream | undefined;
  if (rnd !== 'none') {
    const seed = checkNumber(o.seed, joinPath('options', 'seed'), { ge: 0, lt: 2 ** 32, integer: true });
    const sub =
      o.substream === undefined
        ? 0
        : checkNumber(o.substream, joinPath('options', 'substream'), { ge: 0, le: 2 ** 16, integer: true });
    rs = substreamOf(seed, sub);
  }
  const gen = makeSobol(d, rnd, rs, skip);
  const out = new Float64Array(n * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    gen.nextInto(row);
    for (let j = 0; j < d; j++) out[i * d + j] = row[j] * 2 ** -SOBOL_BITS;
  }
  return out;
}
