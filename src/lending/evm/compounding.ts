/**
 * Conversions between wad and ray, and the two compounding kernels of the protocols: Morpho's three-term Taylor
 * series of e^(x·n) − 1 ({@link wTaylorCompounded}) and exponentiation by squaring with half-up rounding at every
 * step ({@link rpow}, Solmate's rpow as Euler's RPow uses it).
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { checkDivisor, checkNoOverflow, checkUint256 } from './check.js';
import { RAY, UINT256_MAX, WAD, WAD_RAY_RATIO } from './constants.js';

/** Morpho MathLib.wTaylorCompounded, unchecked: x·n + (x·n)²/(2·10¹⁸) + (x·n)³/(6·10³⁶), each term floored. */
export function wTaylorRaw(x: bigint, n: bigint): bigint {
  const first = x * n;
  const second = (first * first) / (2n * WAD);
  const third = (second * first) / (3n * WAD);
  return first + second + third;
}

/** Solmate rpow (x/scale)^n·scale, half-up at each squaring and product; null where the contract reports overflow. */
export function rpowRaw(x: bigint, n: bigint, scale: bigint): bigint | null {
  if (x === 0n) return n === 0n ? scale : 0n;
  let z = n % 2n === 0n ? scale : x;
  const half = scale >> 1n;
  for (let k = n >> 1n; k > 0n; k >>= 1n) {
    if (x >> 128n !== 0n) return null;
    const xxRound = x * x + half;
    if (xxRound > UINT256_MAX) return null;
    x = xxRound / scale;
    if (k % 2n === 1n) {
      const zx = z * x;
      if (zx > UINT256_MAX) return null;
      const zxRound = zx + half;
      if (zxRound > UINT256_MAX) return null;
      z = zxRound / scale;
    }
  }
  return z;
}

/**
 * Converts a wad to a ray: a·10⁹ (Aave WadRayMath.wadToRay); a product above uint256 is a RiskInputError on `a`.
 * @example
 * ```ts
 * import { wadToRay } from 'riskcore/lending';
 * console.log(wadToRay(1_000000000000000000n)); // 1000000000000000000000000000n
 * ```
 */
export function wadToRay(a: bigint): bigint {
  const x = checkUint256(a, 'a');
  checkNoOverflow(x * WAD_RAY_RATIO, 'a', a, 'a·10^9');
  return x * WAD_RAY_RATIO;
}

/**
 * Converts a ray to a wad, half-up: ⌊a/10⁹⌋, plus one when the remainder is at least 5·10⁸ (Aave rayToWad).
 * @example
 * ```ts
 * import { rayToWad } from 'riskcore/lending';
 * console.log(rayToWad(1_499999999n)); // 1n
 * console.log(rayToWad(1_500000000n)); // 2n
 * ```
 */
export function rayToWad(a: bigint): bigint {
  const x = checkUint256(a, 'a');
  const q = x / WAD_RAY_RATIO;
  return x % WAD_RAY_RATIO >= WAD_RAY_RATIO / 2n ? q + 1n : q;
}

/**
 * Morpho MathLib.wTaylorCompounded: e^(x·n) − 1 to three Taylor terms, in wad, for a per-second rate `x` (wad)
 * over `n` seconds; the growth factor of a Morpho Blue market's borrow index over one accrual is 1 + this. Each
 * term is floored as the contract does; an intermediate above uint256 (where the contract reverts) is a
 * RiskInputError on `n`.
 * @param x per-second rate, wad
 * @param n elapsed seconds
 * @example
 * ```ts
 * import { wTaylorCompounded } from 'riskcore/lending';
 * // 10% a year for a year: e^0.1 - 1 = 0.10517…, the series gives 0.1051666…
 * console.log(wTaylorCompounded(3170979198n, 31_536_000n)); // 105166666653548106n
 * ```
 */
export function wTaylorCompounded(x: bigint, n: bigint): bigint {
  const a = checkUint256(x, 'x');
  const b = checkUint256(n, 'n');
  const first = a * b;
  checkNoOverflow(first * first, 'n', n, '(x·n)²');
  checkNoOverflow(((first * first) / (2n * WAD)) * first, 'n', n, 'the third Taylor term before its division');
  const r = wTaylorRaw(a, b);
  checkNoOverflow(r, 'n', n, 'the sum of the Taylor terms');
  return r;
}

/** Options of {@link rpow}. */
export interface RpowOptions {
  /** The fixed-point one of `x` and of the result (default 10²⁷, ray, as Euler's interest accumulator). */
  scale?: bigint;
}

const RPOW_KEYS = knownKeys('scale');

/**
 * (x/scale)ⁿ·scale by squaring, rounding half-up after every product (Solmate rpow; Euler RPow, which grows the
 * interest accumulator by rpow(rate + 10²⁷, Δt, 10²⁷)). Where the contract reports overflow this throws a
 * RiskInputError on `n`.
 * @param x base, fixed point in `scale`
 * @param n exponent (integer)
 * @example
 * ```ts
 * import { rpow, RAY } from 'riskcore/lending';
 * console.log(rpow(2n * RAY, 10n) / RAY); // 1024n
 * console.log(rpow(15n, 2n, { scale: 10n })); // 23n
 * ```
 */
export function rpow(x: bigint, n: bigint, opts?: RpowOptions): bigint {
  const a = checkUint256(x, 'x');
  const b = checkUint256(n, 'n');
  const scale =
    opts === undefined
      ? RAY
      : (() => {
          const s = checkStrictObject(opts, 'opts', RPOW_KEYS).scale;
          return s === undefined ? RAY : checkDivisor(s, 'opts.scale');
        })();
  const r = rpowRaw(a, b, scale);
  if (r === null) throw new RiskInputError('n', 'small enough that the power does not overflow uint256', n);
  return r;
}
