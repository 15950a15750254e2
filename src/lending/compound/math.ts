/**
 * Comet's integer helpers (Comet.sol, CometCore.sol) on the fixed-point kit: present and principal values with
 * the base indices (borrow principal rounded up), factor and price multiplications (Solidity division: toward
 * zero, also for the signed price multiplication, as bigint division is). Internal.
 */
import { mulDivDownRaw, mulDivUpRaw } from '../evm/raw.js';
import { BASE_INDEX_SCALE, FACTOR_SCALE } from './market.js';
import type { CometMarketV } from './market.js';

/** mulFactor: n·factor / 1e18. */
export const mulFactor = (n: bigint, factor: bigint): bigint => mulDivDownRaw(n, factor, FACTOR_SCALE);
/** mulPrice / signedMulPrice: n·price / fromScale (toward zero). */
export const mulPrice = (n: bigint, price: bigint, fromScale: bigint): bigint => mulDivDownRaw(n, price, fromScale);
/** divPrice: n·toScale / price. */
export const divPrice = (n: bigint, price: bigint, toScale: bigint): bigint => mulDivDownRaw(n, toScale, price);

/** presentValue of a signed principal (supply index for ≥ 0, borrow index for < 0; rounded toward zero). */
export function presentValue(principal: bigint, m: CometMarketV): bigint {
  return principal >= 0n
    ? mulDivDownRaw(principal, m.baseSupplyIndex, BASE_INDEX_SCALE)
    : -mulDivDownRaw(-principal, m.baseBorrowIndex, BASE_INDEX_SCALE);
}

/** principalValue of a signed present value (supply rounded down, borrow rounded up in magnitude). */
export function principalValue(present: bigint, m: CometMarketV): bigint {
  return present >= 0n
    ? mulDivDownRaw(present, BASE_INDEX_SCALE, m.baseSupplyIndex)
    : -mulDivUpRaw(-present, BASE_INDEX_SCALE, m.baseBorrowIndex);
}
