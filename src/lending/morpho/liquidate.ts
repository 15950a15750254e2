/**
 * Morpho Blue `liquidate`: seized collateral ↔ repaid borrow shares with the contract's rounding, then bad debt
 * realised against lenders when the position's collateral is gone.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { WAD } from '../evm/constants.js';
import { mulDivDownRaw, mulDivUpRaw } from '../evm/raw.js';
import { checkUint } from '../preview/check.js';
import type { ProtocolLiquidationResult } from '../preview/liquidationResult.js';
import { healthCoreOf, incentiveOf } from './health.js';
import {
  ORACLE_PRICE_SCALE,
  readMorphoMarket,
  readMorphoPosition,
  toAssetsDown,
  toAssetsUp,
  toSharesUp,
} from './market.js';
import type { MorphoBlueMarket, MorphoPosition } from './market.js';

/** Options of {@link morphoLiquidate}: exactly one of the two amounts is non-zero, as the contract requires. */
export interface MorphoLiquidateOptions {
  /** Collateral to seize (collateral base units). */
  seizedAssets?: bigint;
  /** Borrow shares to repay. */
  repaidShares?: bigint;
}

/** Result of {@link morphoLiquidate}: the common result, the contract's return values and the state after. */
export interface MorphoLiquidationResult extends ProtocolLiquidationResult {
  protocol: 'morpho-blue';
  seizedAssets: bigint;
  repaidShares: bigint;
  /** Loan assets the liquidator pays (toAssetsUp of the repaid shares). */
  repaidAssets: bigint;
  badDebtAssets: bigint;
  badDebtShares: bigint;
  /** The position and market after the call (inputs are not modified). */
  positionAfter: MorphoPosition;
  marketAfter: MorphoBlueMarket;
}

const OPTS_KEYS = knownKeys('seizedAssets', 'repaidShares');

/**
 * One Morpho Blue liquidation as `Morpho.liquidate` computes it (interest as already accrued into the totals):
 * refused with `'HEALTHY_POSITION'` on a healthy position; with `seizedAssets`, repaidShares =
 * toSharesUp(wDivUp(mulDivUp(seized, price, 1e36), LIF)); with `repaidShares`, seizedAssets =
 * mulDivDown(wMulDown(toAssetsDown(shares), LIF), 1e36, price); repaidAssets = toAssetsUp(repaidShares); total
 * borrow assets floored at zero; when the collateral reaches zero the remaining shares are bad debt, removed from
 * total borrow and total supply assets (lenders bear it).
 *
 * @param position collateral and borrow shares of the borrower
 * @param market LLTV, oracle price (×1e36) and totals
 * @param opts exactly one of `seizedAssets`, `repaidShares`
 * @example
 * ```ts
 * import { morphoLiquidate } from 'riskcore/lending';
 * // Morpho's testSeizedAssetsRoundUp: LLTV 75%, 400 collateral, 300 borrowed, price 1 − 0.01e-18; repay 1 share
 * const market = { lltv: 75n * 10n ** 16n, price: 10n ** 36n - 10n ** 16n, totalSupplyAssets: 100n * 10n ** 18n,
 *   totalSupplyShares: 100n * 10n ** 24n, totalBorrowAssets: 300n, totalBorrowShares: 300000000n };
 * const r = morphoLiquidate({ collateral: 400n, borrowShares: 300000000n }, market, { repaidShares: 1n });
 * console.log(r.seizedAssets, r.repaidAssets); // '0 1'
 * ```
 */
export function morphoLiquidate(
  position: MorphoPosition,
  market: MorphoBlueMarket,
  opts: MorphoLiquidateOptions,
): MorphoLiquidationResult {
  const m = readMorphoMarket(market);
  const p = readMorphoPosition(position, m);
  const o = checkStrictObject(opts, 'opts', OPTS_KEYS);
  const seizedIn = o.seizedAssets === undefined ? 0n : checkUint(o.seizedAssets, 'opts.seizedAssets', 256);
  const sharesIn = o.repaidShares === undefined ? 0n : checkUint(o.repaidShares, 'opts.repaidShares', 256);
  if ((seizedIn === 0n) === (sharesIn === 0n))
    throw new RiskInputError(
      'opts',
      'exactly one of seizedAssets and repaidShares non-zero (INCONSISTENT_INPUT)',
      opts,
    );
  return morphoLiquidateOf(p, m, seizedIn, sharesIn);
}

/** Kernel of {@link morphoLiquidate} on validated inputs (exactly one amount non-zero). */
export function morphoLiquidateOf(
  p: MorphoPosition,
  m: MorphoBlueMarket,
  seizedIn: bigint,
  sharesIn: bigint,
): MorphoLiquidationResult {
  const h = healthCoreOf(p, m);
  const lif = incentiveOf(m.lltv);
  const fail = (reason: string): MorphoLiquidationResult => ({
    protocol: 'morpho-blue',
    allowed: false,
    reason,
    debtRepaid: 0n,
    collateralSeized: [],
    incentiveFactor: lif,
    badDebt: 0n,
    healthFactorBefore: h.healthFactor,
    healthFactorAfter: h.healthFactor,
    seizedAssets: 0n,
    repaidShares: 0n,
    repaidAssets: 0n,
    badDebtAssets: 0n,
    badDebtShares: 0n,
    positionAfter: { ...p },
    marketAfter: { ...m },
  });
  if (h.healthy) return fail('HEALTHY_POSITION');
  if (m.price === 0n && sharesIn > 0n) return fail('DIVISION_BY_ZERO');
  let seizedAssets = seizedIn;
  let repaidShares = sharesIn;
  if (seizedIn > 0n) {
    const quoted = mulDivUpRaw(seizedIn, m.price, ORACLE_PRICE_SCALE);
    repaidShares = toSharesUp(mulDivUpRaw(quoted, WAD, lif), m.totalBorrowAssets, m.totalBorrowShares);
  } else {
    const assets = toAssetsDown(sharesIn, m.totalBorrowAssets, m.totalBorrowShares);
    seizedAssets = mulDivDownRaw(mulDivDownRaw(assets, lif, WAD), ORACLE_PRICE_SCALE, m.price);
  }
  const repaidAssets = toAssetsUp(repaidShares, m.totalBorrowAssets, m.totalBorrowShares);
  if (repaidShares > p.borrowShares) return fail('UNDERFLOW_BORROW_SHARES');
  if (seizedAssets > p.collateral) return fail('UNDERFLOW_COLLATERAL');
  const after = { ...m };
  const pos = { collateral: p.collateral - seizedAssets, borrowShares: p.borrowShares - repaidShares };
  after.totalBorrowShares -= repaidShares;
  after.totalBorrowAssets = after.totalBorrowAssets > repaidAssets ? after.totalBorrowAssets - repaidAssets : 0n;
  let badDebtShares = 0n;
  let badDebtAssets = 0n;
  if (pos.collateral === 0n) {
    badDebtShares = pos.borrowShares;
    const up = toAssetsUp(badDebtShares, after.totalBorrowAssets, after.totalBorrowShares);
    badDebtAssets = up < after.totalBorrowAssets ? up : after.totalBorrowAssets;
    after.totalBorrowAssets -= badDebtAssets;
    after.totalSupplyAssets -= badDebtAssets;
    after.totalBorrowShares -= badDebtShares;
    pos.borrowShares = 0n;
  }
  const hAfter = healthCoreOf(pos, after);
  return {
    protocol: 'morpho-blue',
    allowed: true,
    reason: null,
    debtRepaid: repaidAssets,
    collateralSeized: seizedAssets === 0n ? [] : [{ asset: 'collateral', amount: seizedAssets }],
    incentiveFactor: lif,
    badDebt: badDebtAssets,
    healthFactorBefore: h.healthFactor,
    healthFactorAfter: hAfter.healthFactor,
    seizedAssets,
    repaidShares,
    repaidAssets,
    badDebtAssets,
    badDebtShares,
    positionAfter: pos,
    marketAfter: after,
  };
}
