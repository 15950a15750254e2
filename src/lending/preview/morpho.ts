/**
 * What-if preview of a Morpho Blue position: supply or withdraw collateral, borrow, repay, and liquidation to a
 * target health, with the health, borrowing power and liquidation price after, in the contract's integers.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { healthOf } from '../morpho/health.js';
import { morphoLiquidateOf } from '../morpho/liquidate.js';
import type { MorphoLiquidationResult } from '../morpho/liquidate.js';
import { readMorphoMarket, readMorphoPosition, toSharesDown, toSharesUp } from '../morpho/market.js';
import type { MorphoBlueMarket, MorphoPosition } from '../morpho/market.js';
import { actionName, readAction, smallestPassing } from './action.js';
import type { PreviewAction, PreviewResult } from './action.js';
import { checkUint } from './check.js';

/** Options of {@link previewMorpho}. */
export interface MorphoPreviewOptions {
  action: PreviewAction<bigint>;
}

/** Result of {@link previewMorpho}: loan-asset base units, wad health, oracle price ×1e36. */
export type MorphoPreviewResult = PreviewResult<
  { position: MorphoPosition; market: MorphoBlueMarket },
  bigint,
  MorphoLiquidationResult
>;

const OPTS_KEYS = knownKeys('action');

/** The liquidation reaching `target` health with the least collateral seized, or the largest possible one. */
export function liquidateToTarget(
  p: MorphoPosition,
  m: MorphoBlueMarket,
  target: bigint,
): { r: MorphoLiquidationResult; reached: boolean } {
  const reached = (r: MorphoLiquidationResult) =>
    r.allowed && (r.healthFactorAfter === null || r.healthFactorAfter >= target);
  const probe = morphoLiquidateOf(p, m, 0n, p.borrowShares === 0n ? 1n : p.borrowShares);
  if (!probe.allowed && probe.reason === 'HEALTHY_POSITION') return { r: probe, reached: false };
  // seizing more than a full repay's worth (or the balance) fails; search below that
  const full = probe.allowed ? probe.seizedAssets : p.collateral;
  const hi = full < p.collateral ? full : p.collateral;
  const best = smallestPassing(1n, hi, (s) => reached(morphoLiquidateOf(p, m, s, 0n)));
  if (best !== null) return { r: morphoLiquidateOf(p, m, best, 0n), reached: true };
  const r = probe.allowed ? probe : morphoLiquidateOf(p, m, p.collateral, 0n);
  return { r, reached: reached(r) };
}

/**
 * Preview one action on a Morpho Blue position without touching the inputs: the position and market after, the
 * health factor (maxBorrow / borrowed, wad), the borrowing power (loan assets still borrowable), the liquidation
 * price (the oracle price below which the position is liquidatable). `withdraw`/`borrow` that would leave the
 * position unhealthy are `allowed: false` with the contract's `'insufficient collateral'`; a borrow beyond the
 * market's liquidity with `'insufficient liquidity'`. `liquidate` finds the smallest seizure after which the
 * health factor is at or above `targetHealth` (wad); when none reaches it, the largest liquidation possible.
 * A Morpho market has one collateral: `swapCollateral` is refused.
 *
 * @example
 * ```ts
 * import { previewMorpho } from 'riskcore/lending';
 * const market = { lltv: 86n * 10n ** 16n, price: 2000n * 10n ** 24n, totalSupplyAssets: 10n ** 12n,
 *   totalSupplyShares: 10n ** 18n, totalBorrowAssets: 0n, totalBorrowShares: 0n };
 * // 1 WETH (18 decimals) at 2,000 USDC (6 decimals), borrow 1,500 USDC: HF = 2000 × 0.86 / 1500
 * const r = previewMorpho({ collateral: 10n ** 18n, borrowShares: 0n }, market, { action: { type: 'borrow', amount: 1500000000n } });
 * console.log(r.healthFactor, r.borrowingPower, r.liquidationPrice); // '1146666666666666666 220000000 1744186047000000000000000000'
 * ```
 */
export function previewMorpho(
  position: MorphoPosition,
  market: MorphoBlueMarket,
  opts: MorphoPreviewOptions,
): MorphoPreviewResult {
  const m0 = readMorphoMarket(market);
  const p0 = readMorphoPosition(position, m0);
  const o = checkStrictObject(opts, 'opts', OPTS_KEYS);
  const act = readAction(o.action, 'opts.action');
  let p: MorphoPosition = { ...p0 };
  let m: MorphoBlueMarket = { ...m0 };
  let reason: string | null = null;
  let liquidation: MorphoLiquidationResult | null = null;
  let reached: boolean | null = null;
  const amount = (k = 'amount') => checkUint(act[k], `opts.action.${k}`, 128);
  const t = act.type;
  if (t === 'supply' || t === 'withdraw') {
    actionName(act, 'asset', ['collateral'], 'opts.action');
    const x = amount();
    if (t === 'withdraw' && x > p.collateral)
      throw new RiskInputError('opts.action.amount', 'at most the position collateral', x);
    p.collateral = t === 'supply' ? p.collateral + x : p.collateral - x;
    if (p.collateral >= 2n ** 128n)
      throw new RiskInputError('opts.action.amount', 'an amount keeping collateral in uint128', x);
  } else if (t === 'borrow' || t === 'repay') {
    if (act.asset !== undefined) actionName(act, 'asset', ['loan'], 'opts.action');
    const x = amount();
    if (t === 'borrow') {
      const shares = toSharesUp(x, m.totalBorrowAssets, m.totalBorrowShares);
      p.borrowShares += shares;
      m = { ...m, totalBorrowShares: m.totalBorrowShares + shares, totalBorrowAssets: m.totalBorrowAssets + x };
      if (m.totalBorrowAssets > m.totalSupplyAssets) reason = 'insufficient liquidity';
    } else {
      const shares = toSharesDown(x, m.totalBorrowAssets, m.totalBorrowShares);
      if (shares > p.borrowShares)
        throw new RiskInputError('opts.action.amount', 'at most the debt of the position', x);
      p.borrowShares -= shares;
      m = {
        ...m,
        totalBorrowShares: m.totalBorrowShares - shares,
        totalBorrowAssets: m.totalBorrowAssets > x ? m.totalBorrowAssets - x : 0n,
      };
    }
  } else if (t === 'swapCollateral') {
    throw new RiskInputError('opts.action.type', 'not swapCollateral: a Morpho Blue market has one collateral', t);
  } else {
    const target = checkUint(act.targetHealth, 'opts.action.targetHealth', 256);
    if (act.collateral !== undefined) actionName(act, 'collateral', ['collateral'], 'opts.action');
    if (act.debtAsset !== undefined) actionName(act, 'debtAsset', ['loan'], 'opts.action');
    const res = liquidateToTarget(p, m, target);
    liquidation = res.r;
    reached = res.reached;
    if (res.r.allowed) {
      p = res.r.positionAfter;
      m = res.r.marketAfter;
    } else reason = res.r.reason;
  }
  const h = healthOf(p, m);
  if (reason === null && (t === 'withdraw' || t === 'borrow') && !h.healthy) reason = 'insufficient collateral';
  return {
    allowed: reason === null,
    reason,
    after: { position: { ...p }, market: { ...m } },
    healthFactor: h.healthFactor,
    borrowingPower: h.maxBorrow > h.borrowed ? h.maxBorrow - h.borrowed : 0n,
    liquidationPrice: h.liquidationPrice,
    liquidation,
    targetReached: reached,
  };
}
