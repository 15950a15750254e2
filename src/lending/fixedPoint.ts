/**
 * Fixed-point integer arithmetic of the lending protocols, on bigints: WAD (10¹⁸) health factors and basis-point
 * percentages with the rounding of Aave's PercentageMath / WadRayMath (half-up), so results equal the contracts' to
 * the wei. Internal: shared by the protocol models under src/lending/.
 */

/** 10¹⁸: a health factor of 1 in wad. */
export const WAD = 10n ** 18n;
/** 10⁴: 100% in basis points. */
export const BPS = 10_000n;
const HALF_BPS = 5_000n;

/** PercentageMath.percentMul: (v·p + 0.5·10⁴) / 10⁴, p in bps. */
export const pctMul = (v: bigint, p: bigint): bigint => (v * p + HALF_BPS) / BPS;

/** PercentageMath.percentDiv: (v·10⁴ + p/2) / p, p in bps. */
export const pctDiv = (v: bigint, p: bigint): bigint => (v * BPS + p / 2n) / p;

/** WadRayMath.wadDiv: (a·10¹⁸ + b/2) / b. */
export const wadDiv = (a: bigint, b: bigint): bigint => (a * WAD + b / 2n) / b;
