/**
 * The two roundings of {@link liquidationAmounts} on exact decimals: `EXACT` (no rounding) and `AAVE` (every step
 * rounded as the contract does on integers: percentMul/percentDiv/wadDiv half-up, divisions down), and the account
 * data (GenericLogic.calculateUserAccountData) under either. Internal.
 */
import { Money } from '../../../core/money.js';
import type { Line } from '../account.js';

const ZERO = new Money(0);
const BPS = new Money(10_000);
const WAD = new Money(10).pow(18);

export interface Rounder {
  /** floor in 'aave', identity in 'exact' */
  fl(x: Money): Money;
  pctMul(v: Money, bps: Money): Money;
  pctDiv(v: Money, bps: Money): Money;
}

export const EXACT: Rounder = {
  fl: (x) => x,
  pctMul: (v, bps) => v.mul(bps).div(BPS),
  pctDiv: (v, bps) => v.mul(BPS).div(bps),
};
export const AAVE: Rounder = {
  fl: (x) => x.floor(),
  // PercentageMath: (v·p + 0.5e4) / 1e4 and (v·1e4 + p/2) / p, integer division
  pctMul: (v, bps) => v.mul(bps).plus(5000).divToInt(BPS),
  pctDiv: (v, bps) => v.mul(BPS).plus(bps.divToInt(2)).divToInt(bps),
};

/** Scaled account data (GenericLogic.calculateUserAccountData): base-currency values with priceDecimals. */
export function accountData(supplies: Line[], borrows: Line[], amounts: Map<Line, Money>, R: Rounder, scaleP: Money) {
  let tc = ZERO;
  let avgLt = ZERO;
  let td = ZERO;
  for (const s of supplies) {
    if (!s.collateral) continue;
    // (balance in base units × price) / 10^decimals = tokens × price, floored by the contract
    const v = R.fl(amounts.get(s)!.mul(s.price.mul(scaleP)));
    tc = tc.plus(v);
    avgLt = avgLt.plus(v.mul(s.lt.mul(BPS)));
  }
  for (const b of borrows) {
    td = td.plus(R.fl(amounts.get(b)!.mul(b.price.mul(scaleP))));
  }
  let hfWad: Money | null = null;
  if (!td.isZero()) {
    if (R === AAVE) {
      // avgLiquidationThreshold = Σ v·lt / Σ v (integer division), HF = wadDiv(percentMul(tc, avgLt), td)
      const lt = tc.isZero() ? ZERO : avgLt.divToInt(tc);
      // WadRayMath.wadDiv: (a·1e18 + b/2) / b
      hfWad = R.pctMul(tc, lt).mul(WAD).plus(td.divToInt(2)).divToInt(td);
    } else {
      // exact: floor(Σ v·LT / Σ debt · 1e18), an integer wad, so HF < 1 ⟺ hfWad < 1e18 exactly
      hfWad = avgLt.mul(WAD).divToInt(td.mul(BPS));
    }
  }
  return { tc, td, hfWad };
}
