/**
 * The integer kernels of the fixed-point kit, unchecked: callers pass validated uint256 bigints and a non-zero
 * divisor. The one copy of this arithmetic in the library; the public, checked forms are in mulDiv.ts and
 * scaled.ts, and the bigint fast paths of the protocol models call these directly.
 */
import { BPS, WAD } from './constants.js';

/** Rounding direction of an integer division: toward zero, away from zero, or to nearest with ties up. */
export type Rounding = 'down' | 'up' | 'halfUp';

/** ⌊x·y / d⌋. */
export const mulDivDownRaw = (x: bigint, y: bigint, d: bigint): bigint => (x * y) / d;

/** ⌈x·y / d⌉ (Morpho MathLib.mulDivUp: (x·y + d − 1) / d). */
export const mulDivUpRaw = (x: bigint, y: bigint, d: bigint): bigint => (x * y + d - 1n) / d;

/** (x·y + ⌊d/2⌋) / d: the half-up form of Aave WadRayMath and PercentageMath. */
export const mulDivHalfUpRaw = (x: bigint, y: bigint, d: bigint): bigint => (x * y + d / 2n) / d;

/** x·y / d rounded as `rounding` says. */
export function mulDivRaw(x: bigint, y: bigint, d: bigint, rounding: Rounding): bigint {
  if (rounding === 'down') return (x * y) / d;
  if (rounding === 'up') return (x * y + d - 1n) / d;
  return (x * y + d / 2n) / d;
}

/** The amount added to x·y before the floor division for `rounding`. */
export function roundingAddend(d: bigint, rounding: Rounding): bigint {
  return rounding === 'down' ? 0n : rounding === 'up' ? d - 1n : d / 2n;
}

/** PercentageMath.percentMul, unchecked: (v·p + 5000) / 10⁴, p in bps. */
export const percentMulRaw = (v: bigint, p: bigint): bigint => mulDivHalfUpRaw(v, p, BPS);

/** PercentageMath.percentDiv, unchecked: (v·10⁴ + ⌊p/2⌋) / p, p in bps. */
export const percentDivRaw = (v: bigint, p: bigint): bigint => mulDivHalfUpRaw(v, BPS, p);

/** WadRayMath.wadDiv, unchecked: (a·10¹⁸ + ⌊b/2⌋) / b. */
export const wadDivRaw = (a: bigint, b: bigint): bigint => mulDivHalfUpRaw(a, WAD, b);
