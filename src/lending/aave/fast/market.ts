/**
 * The fixed-point bigint fast path for batches: one market and one set of prices prepared once
 * ({@link fastMarket}), then per position only bigint arithmetic on base units ({@link fastHealthFactor},
 * {@link fastAccountData}, {@link fastLiquidation}).
 */
import { RiskInputError } from '../../../core/errors.js';
import { isPrepared, markPrepared } from '../../../core/brand.js';
import { Money, toMoney } from '../../../core/money.js';
import type { MoneyInput } from '../../../core/money.js';
import { checkNumber, checkStrictObject, joinPath, knownKeys, ownValue } from '../../../core/validate.js';
import { checkPrices } from '../account.js';
import { lendingMarket } from '../market.js';
import type { LendingMarket } from '../market.js';
import type { LendingMarketParams } from '../params.js';

const FAST_MARKET = 'lending.aave.fastMarket';
const OPTS_KEYS = knownKeys('eMode');

/** The class of prepared fast markets (not a plain object: copies and hand-built look-alikes are told apart). */
class PreparedFastMarket {}

/** A market with prices, as integers, ready for {@link fastHealthFactor} and {@link fastLiquidation}. */
export interface FastMarket {
  /** Reserve order: `supplies[i]`/`borrows[i]` are balances of `assets[i]`. */
  assets: string[];
  decimals: number[];
  /** 10^decimals. */
  unit: bigint[];
  /** 10^(maxDecimals − decimals): brings every balance to one scale for the exact health factor. */
  scaleUp: bigint[];
  /** Price × 10^priceDecimals. */
  price: bigint[];
  ltBps: bigint[];
  ltvBps: bigint[];
  /** 10⁴·(1 + bonus), Aave's liquidationBonus. */
  bonusBps: bigint[];
  feeBps: bigint[];
  closeFactorBps: bigint;
  closeFactorHfWad: bigint;
  /** MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD and MIN_LEFTOVER_BASE in price units. */
  minBase: bigint;
  minLeftover: bigint;
}

/** Options of {@link fastMarket}. */
export interface FastMarketOptions {
  /** E-mode category id of the accounts; absent or 0 = none. */
  eMode?: number;
}

/**
 * The prepared market `fm` (else a RiskInputError at 'fm') and the two balance arrays' lengths (their elements
 * are checked in the loops). Returns the number of reserves.
 */
export function checkFast(fm: FastMarket, supplies: readonly bigint[], borrows: readonly bigint[]): number {
  if (!isPrepared(fm, FAST_MARKET))
    throw new RiskInputError('fm', 'a FastMarket made by fastMarket() (copies and look-alikes are not accepted)', fm);
  const n = fm.assets.length;
  if (!Array.isArray(supplies) || supplies.length !== n)
    throw new RiskInputError('supplies', `an array of ${n} bigint balances (one per fm.assets)`, supplies);
  if (!Array.isArray(borrows) || borrows.length !== n)
    throw new RiskInputError('borrows', `an array of ${n} bigint balances (one per fm.assets)`, borrows);
  return n;
}

/** A balance must be a bigint ≥ 0n (base units). */
export function badBalance(path: string, i: number, v: unknown): RiskInputError {
  return new RiskInputError(`${path}[${i}]`, 'a bigint >= 0n (base units)', v);
}

function toInt(m: Money, path: string, what: string, raw: unknown): bigint {
  if (!m.isInteger()) throw new RiskInputError(path, what, raw);
  return BigInt(m.toFixed(0));
}

/**
 * Prepare a market and prices (and an e-mode) for the fast path: a frozen, branded value (core/brand.ts); the fast
 * functions accept only such a value, never a copy or an object of the same shape. Its arrays are for reading. Prices need at most `priceDecimals` decimals and
 * fractions whole basis points (Aave's granularity), else RiskInputError.
 *
 * @example
 * ```ts
 * import { fastMarket, fastHealthFactor, AAVE_V3_ETHEREUM } from 'riskcore/lending';
 * const fm = fastMarket(AAVE_V3_ETHEREUM, { WETH: '3000', wstETH: '3450', WBTC: '60000', USDC: '1', USDT: '1', DAI: '1', UNI: '7' });
 * const s = fm.assets.map((a) => (a === 'WETH' ? 10n * 10n ** 18n : 0n));
 * const b = fm.assets.map((a) => (a === 'USDC' ? 20_000n * 10n ** 6n : 0n));
 * console.log(fastHealthFactor(fm, s, b)); // 1245000000000000000n
 * ```
 */
export function fastMarket(
  market: LendingMarketParams | LendingMarket,
  prices: Record<string, MoneyInput>,
  opts: FastMarketOptions = {},
): FastMarket {
  const m = lendingMarket(market);
  const pm = checkPrices(prices);
  const eId =
    checkStrictObject(opts, 'opts', OPTS_KEYS).eMode === undefined
      ? 0
      : checkNumber(opts.eMode, 'opts.eMode', { ge: 0, integer: true });
  const e = eId === 0 ? undefined : m.eModes.get(eId);
  if (eId !== 0 && !e) throw new RiskInputError('opts.eMode', 'an e-mode id of the market or 0', eId);
  const reserves = [...m.reserves.values()];
  const maxDec = Math.max(...reserves.map((r) => r.decimals));
  const scaleP = new Money(10).pow(m.priceDecimals);
  const bps = (f: Money, path: string) => toInt(f.mul(10_000), path, 'a fraction in whole basis points', f.toString());
  const fm: FastMarket = {
    assets: [],
    decimals: [],
    unit: [],
    scaleUp: [],
    price: [],
    ltBps: [],
    ltvBps: [],
    bonusBps: [],
    feeBps: [],
    closeFactorBps: bps(m.closeFactor, 'market.liquidation.closeFactor'),
    closeFactorHfWad: toInt(
      m.closeFactorHfThreshold.mul(1e18),
      'market.liquidation.closeFactorHfThreshold',
      'at most 18 decimals',
      m.closeFactorHfThreshold.toString(),
    ),
    minBase: toInt(
      m.minBaseMaxCloseFactorThreshold.mul(scaleP),
      'market.liquidation.minBaseMaxCloseFactorThreshold',
      `at most ${m.priceDecimals} decimals`,
      m.minBaseMaxCloseFactorThreshold.toString(),
    ),
    minLeftover: toInt(
      m.minLeftoverBase.mul(scaleP),
      'market.liquidation.minLeftoverBase',
      `at most ${m.priceDecimals} decimals`,
      m.minLeftoverBase.toString(),
    ),
  };
  for (const r of reserves) {
    const path = joinPath('prices', r.asset);
    const raw = ownValue(pm, r.asset);
    const p = raw === undefined ? new Money(0) : toMoney(raw, path, { min: 'positive' });
    // as GenericLogic: a reserve with LT 0 is no collateral, whatever its e-mode
    const inE = e?.collateralAssets.has(r.asset) && !r.liquidationThreshold.isZero();
    const rp = `market.reserves[${r.index}]`;
    fm.assets.push(r.asset);
    fm.decimals.push(r.decimals);
    fm.unit.push(10n ** BigInt(r.decimals));
    fm.scaleUp.push(10n ** BigInt(maxDec - r.decimals));
    fm.price.push(toInt(p.mul(scaleP), path, `a price with at most ${m.priceDecimals} decimals`, raw));
    fm.ltBps.push(bps(inE ? e!.liquidationThreshold : r.liquidationThreshold, `${rp}.liquidationThreshold`));
    fm.ltvBps.push(bps(inE ? e!.ltv : r.ltv, `${rp}.ltv`));
    fm.bonusBps.push(10_000n + bps(inE ? e!.liquidationBonus : r.liquidationBonus, `${rp}.liquidationBonus`));
    fm.feeBps.push(bps(r.liquidationProtocolFee, `${rp}.liquidationProtocolFee`));
  }
  // The object is frozen (its arrays cannot be swapped); the arrays are not: a frozen array of bigints is read
  // 10-15% slower in the per-position loops (CPU time, 100k positions). They are the prepared integers: read only.
  return markPrepared(Object.freeze(Object.assign(new PreparedFastMarket(), fm)), FAST_MARKET);
}
