/**
 * Scales of the on-chain fixed-point formats, as bigints: the unit each protocol writes 1 (or 100%) as.
 */

/** 10¹⁸: one in wad (Aave WadRayMath.WAD, Morpho WAD, Compound FACTOR_SCALE, Solady WAD). */
export const WAD = 10n ** 18n;
/** 10²⁷: one in ray (Aave WadRayMath.RAY, Euler's interest-accumulator scale). */
export const RAY = 10n ** 27n;
/** 10⁴: 100% in basis points (Aave PercentageMath.PERCENTAGE_FACTOR). */
export const BPS = 10_000n;
/** 10⁶: 100% in parts per million. */
export const PPM = 1_000_000n;
/** 10⁹: ray / wad (Aave WadRayMath.WAD_RAY_RATIO). */
export const WAD_RAY_RATIO = 10n ** 9n;
/** 2²⁵⁶ − 1: the largest uint256. */
export const UINT256_MAX = 2n ** 256n - 1n;
/** 365 days in seconds: the year of Aave (MathUtils.SECONDS_PER_YEAR), Compound and Morpho. */
export const SECONDS_PER_YEAR = 31_536_000n;
