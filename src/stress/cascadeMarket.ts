/**
 * Internal: the market of one asset in a liquidation cascade, shared by the generic engine
 * (src/stress/cascadeEngine.ts) and the venue cascades (src/stress/venueCascade/): the exogenous move, the price
 * bounds, the linear price impact of a forced trade and the lagging oracle. Prices are kept to 12 decimal places.
 * Not exported from riskcore/stress.
 */
import type { Money } from '../core/money.js';
import type { EngineAsset } from './cascadeEngineTypes.js';

export const PRICE_DP = 12;

/** The price after the exogenous move `move` of a round: p·(1 + move), to 12 places (not yet bounded). */
export function movedPrice(p: Money, move: number): Money {
  const D = p.constructor as typeof Money; // the Decimal class of p (the engine may run at a wider precision)
  return p.mul(new D(1).plus(String(move))).toDecimalPlaces(PRICE_DP);
}

/**
 * A price kept within [floor, cap] of the asset: `capped` is true when it reached the cap (the book saturated).
 */
export function boundedPrice(A: Pick<EngineAsset, 'floor' | 'cap'>, p: Money): { price: Money; capped: boolean } {
  if (p.gte(A.cap)) return { price: A.cap, capped: true };
  return { price: p.lt(A.floor) ? A.floor : p, capped: false };
}

/**
 * The price after a forced sale of `units` (negative: a forced buy) into a book of `depth` quote notional that
 * moves the price 100%: p' = p·(1 − units·p / depth), to 12 places (not yet bounded).
 */
export function impactedPrice(p: Money, units: Money, depth: Money): Money {
  const rel = units.mul(p).div(depth);
  return p.mul(rel.neg().plus(1)).toDecimalPlaces(PRICE_DP);
}

/** The average execution price of a forced trade moving the price from p to p': (p + p') / 2, to 13 places. */
export const executionPrice = (p: Money, pAfter: Money): Money =>
  p
    .plus(pAfter)
    .div(2)
    .toDecimalPlaces(PRICE_DP + 1);

/**
 * The oracle of asset `A` in round r: the market price at the start of round r − latency (`starts[k + 1]` is the
 * start of round k, `starts[0]` the price before any move; linear between rounds), frozen over the stale window,
 * times (1 + jump) in a jump round.
 */
export function oraclePrice(
  A: Pick<EngineAsset, 'latency' | 'stale' | 'jumps'>,
  starts: Money[],
  r: number,
  last: Money,
): Money {
  if (A.stale && r >= A.stale[0] && r <= A.stale[1]) return last;
  let o: Money;
  const idx = r + 1 - A.latency;
  if (idx <= 0) o = starts[0];
  else {
    const lo = Math.floor(idx);
    const w = idx - lo;
    o =
      w === 0 ? starts[lo] : starts[lo].plus(starts[lo + 1].minus(starts[lo]).mul(String(w))).toDecimalPlaces(PRICE_DP);
  }
  const j = A.jumps.get(r);
  if (j !== undefined) o = o.plus(o.mul(String(j))).toDecimalPlaces(PRICE_DP); // o·(1 + j)
  return o;
}
