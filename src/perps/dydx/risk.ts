/**
 * Kernels of the subaccount margin of dYdX v4 on validated inputs: a position's net notional and margin requirements
 * (`x/perpetuals/lib`), funding settlement (`GetSettledSubaccountWithPerpetuals`) and the account risk
 * (`GetRiskForSubaccount`). Internal to `src/perps/dydx`; the public functions validate and call these.
 */
import { ONE_MILLION, baseToQuote, bigAbs, bigMax, divEuclid, mulPpm } from './bigMath.js';
import { tierAdjustedImfPpm } from './liquidityTier.js';
import type { Perp, Pos, Sub } from './validate.js';

/** Net collateral and margin requirements, quote quantums (`margin.Risk`). */
export interface DydxRisk {
  /** Net collateral (NC). */
  readonly netCollateral: bigint;
  /** Initial margin requirement (IMR). */
  readonly initialMargin: bigint;
  /** Maintenance margin requirement (MMR). */
  readonly maintenanceMargin: bigint;
}

/** Net notional of a signed size, quote quantums (truncated toward zero). */
export const netNotional = (p: Perp, q: bigint): bigint => baseToQuote(q, p.atomicResolution, p.price, p.priceExponent);

/**
 * OI-adjusted IMF of a perpetual (ppm), computed once per validated perpetual object and kept on it (a copy with
 * another open interest must drop it: {@link withOpenInterest}).
 */
export function perpAdjustedImfPpm(p: Perp): bigint {
  if (p.adjustedImfPpm === undefined) p.adjustedImfPpm = tierAdjustedImfPpm(p.tier, netNotional(p, p.openInterest));
  return p.adjustedImfPpm;
}

/** A copy of a validated perpetual with another open interest. */
export const withOpenInterest = (p: Perp, openInterest: bigint): Perp => ({
  ...p,
  openInterest,
  adjustedImfPpm: undefined,
});

/**
 * `GetPositionNetNotionalValueAndMarginRequirements`: NC is the net notional, MMR from the base IMF. The conversion
 * truncates toward zero, so the signed notional is the absolute one with the size's sign.
 */
export function positionRisk(p: Perp, q: bigint, customImfPpm = 0n): DydxRisk {
  const abs = netNotional(p, bigAbs(q));
  const imf = customImfPpm > 0n ? bigMax(perpAdjustedImfPpm(p), customImfPpm) : perpAdjustedImfPpm(p);
  return {
    netCollateral: q < 0n ? -abs : abs,
    initialMargin: mulPpm(abs, imf, 'up'),
    maintenanceMargin: mulPpm(mulPpm(abs, p.tier.imfPpm, 'up'), p.tier.mfPpm, 'up'),
  };
}

/** `GetSettlementPpmWithPerpetual`: −(index_now − index_position) · size, in quote quantums × 10⁶. */
export const settlementPpm = (perpIndex: bigint, posIndex: bigint, q: bigint): bigint =>
  perpIndex === posIndex ? 0n : -(perpIndex - posIndex) * q;

/** The subaccount with its funding settled: USDC += ⌊Σ settlement ppm / 10⁶⌋, indices brought current. */
export function settle(s: Sub): { sub: Sub; unsettledFunding: bigint } {
  let total = 0n;
  for (const pos of s.positions) total += settlementPpm(pos.perp.fundingIndex, pos.fundingIndex, pos.quantums);
  const unsettledFunding = divEuclid(total, ONE_MILLION);
  const positions: Pos[] = s.positions.map((p) =>
    p.fundingIndex === p.perp.fundingIndex ? p : { ...p, fundingIndex: p.perp.fundingIndex },
  );
  return { sub: { usdc: s.usdc + unsettledFunding, positions, customImf: s.customImf }, unsettledFunding };
}

/**
 * `GetRiskForSubaccount` of a settled subaccount: USDC counts as collateral, positions add their risk (IMR at the
 * subaccount's custom IMF where set; the liquidation formulas use only NC and MMR, which it does not change).
 */
export function accountRisk(s: Sub): DydxRisk {
  let nc = s.usdc;
  let imr = 0n;
  let mmr = 0n;
  for (const pos of s.positions) {
    const r = positionRisk(pos.perp, pos.quantums, s.customImf.get(pos.perp.id) ?? 0n);
    nc += r.netCollateral;
    imr += r.initialMargin;
    mmr += r.maintenanceMargin;
  }
  return { netCollateral: nc, initialMargin: imr, maintenanceMargin: mmr };
}

/** `Risk.Cmp`: 1 when a is riskier than b (lower NC/MMR; ties by MMR, or by NC when both MMR are 0). */
export function riskCmp(a: DydxRisk, b: DydxRisk): number {
  const x = b.netCollateral * a.maintenanceMargin;
  const y = a.netCollateral * b.maintenanceMargin;
  const c = x < y ? -1 : x > y ? 1 : 0;
  if (c !== 0) return c;
  if (a.maintenanceMargin === 0n && b.maintenanceMargin === 0n) {
    return b.netCollateral < a.netCollateral ? -1 : b.netCollateral > a.netCollateral ? 1 : 0;
  }
  return a.maintenanceMargin < b.maintenanceMargin ? -1 : a.maintenanceMargin > b.maintenanceMargin ? 1 : 0;
}

/** Outcome of a collateralization check (`UpdateResult`). */
export type DydxUpdateResult = 'success' | 'newlyUndercollateralized' | 'stillUndercollateralized';

/** `IsValidStateTransitionForUndercollateralizedSubaccount` (called only when IMR is not covered after). */
export function transitionResult(cur: DydxRisk, next: DydxRisk): DydxUpdateResult {
  const fail: DydxUpdateResult =
    cur.initialMargin <= cur.netCollateral ? 'newlyUndercollateralized' : 'stillUndercollateralized';
  if (next.maintenanceMargin > cur.maintenanceMargin) return fail;
  if (next.maintenanceMargin === 0n || cur.maintenanceMargin === 0n) {
    return next.maintenanceMargin === 0n && cur.maintenanceMargin === 0n && next.netCollateral > cur.netCollateral
      ? 'success'
      : fail;
  }
  return riskCmp(next, cur) > 0 ? fail : 'success';
}

/** The collateralization check of an update (`internalCanUpdateSubaccounts`): IMR covered after, or not riskier. */
export function collateralCheck(cur: DydxRisk, next: DydxRisk): DydxUpdateResult {
  return next.netCollateral >= next.initialMargin ? 'success' : transitionResult(cur, next);
}
