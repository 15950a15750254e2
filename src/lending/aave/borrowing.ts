/**
 * Borrowing power of an account in an Aave-v3-style market: room under the supply and borrow caps, and the most of
 * one asset the account may borrow now.
 */
import { RiskInputError } from '../../core/errors.js';
import { Money, toMoney } from '../../core/money.js';
import type { MoneyInput } from '../../core/money.js';
import { checkString, knownKeys, checkStrictObject } from '../../core/validate.js';
import { checkPrices, priceOf } from './account.js';
import type { LendingAccount, LendingPrices } from './account.js';
import { accountHealth } from './accountHealth.js';
import { lendingMarket } from './market.js';
import type { LendingMarket, Reserve } from './market.js';
import type { LendingMarketParams } from './params.js';

const ZERO = new Money(0);
const TOTALS_KEYS = knownKeys('totalSupplied', 'totalBorrowed');

/** The reserve of `asset` in a prepared market, or a RiskInputError at `path`. */
export function reserveOf(m: LendingMarket, asset: unknown, path: string): Reserve {
  const r = m.reserves.get(checkString(asset, path));
  if (!r) throw new RiskInputError(path, `an asset of market '${m.name}'`, asset);
  return r;
}

/** Result of {@link capRoom}: tokens; null = uncapped. */
export interface CapRoomResult {
  supplyRoom: Money | null;
  borrowRoom: Money | null;
}

/** Market-wide totals of a reserve, for the caps. */
export interface ReserveTotals {
  /** Total supplied, in tokens. */
  totalSupplied?: MoneyInput;
  /** Total borrowed, in tokens. */
  totalBorrowed?: MoneyInput;
}

function readTotals(totals: unknown): { ts: Money; tb: Money } {
  const t = checkStrictObject(totals, 'totals', TOTALS_KEYS);
  const ts =
    t.totalSupplied === undefined ? ZERO : toMoney(t.totalSupplied, 'totals.totalSupplied', { min: 'nonnegative' });
  const tb =
    t.totalBorrowed === undefined ? ZERO : toMoney(t.totalBorrowed, 'totals.totalBorrowed', { min: 'nonnegative' });
  return { ts, tb };
}

/**
 * Room under a reserve's supply and borrow caps (tokens; null = uncapped): cap − total, floored at 0. A supply of
 * `amount` is allowed when amount ≤ supplyRoom (Aave ValidationLogic.validateSupply).
 *
 * @example
 * ```ts
 * import { capRoom, AAVE_V3_ETHEREUM } from 'riskcore/lending';
 * const r = capRoom(AAVE_V3_ETHEREUM, 'WBTC', { totalSupplied: '42999.5', totalBorrowed: '1000' });
 * console.log(r.supplyRoom!.toString(), r.borrowRoom!.toString()); // '0.5 27000'
 * ```
 */
export function capRoom(
  market: LendingMarketParams | LendingMarket,
  asset: string,
  totals: ReserveTotals = {},
): CapRoomResult {
  const m = lendingMarket(market);
  const r = reserveOf(m, asset, 'asset');
  const { ts, tb } = readTotals(totals);
  return {
    supplyRoom: r.supplyCap === null ? null : Money.max(ZERO, r.supplyCap.minus(ts)),
    borrowRoom: r.borrowCap === null ? null : Money.max(ZERO, r.borrowCap.minus(tb)),
  };
}

/**
 * The most of `asset` the account may borrow now, in tokens: available borrows / price (LTV, e-mode, isolation
 * ceiling), limited by the borrow cap room, zero when the asset is not borrowable in the account's e-mode or in
 * isolation mode, or when the account's HF is not above 1. Rounded down to the token's decimals.
 *
 * @example
 * ```ts
 * import { maxBorrow, AAVE_V3_ETHEREUM } from 'riskcore/lending';
 * const a = { supplies: [{ asset: 'WETH', amount: '10' }], borrows: [] };
 * console.log(maxBorrow(a, AAVE_V3_ETHEREUM, { WETH: '3000', USDC: '1' }, 'USDC').toString()); // '24150'
 * ```
 */
export function maxBorrow(
  account: LendingAccount,
  market: LendingMarketParams | LendingMarket,
  prices: LendingPrices,
  asset: string,
  totals: ReserveTotals = {},
): Money {
  const m = lendingMarket(market);
  const h = accountHealth(account, m, prices);
  const r = reserveOf(m, asset, 'asset');
  readTotals(totals);
  if (!r.borrowingEnabled) return ZERO;
  const e = h.eMode === null ? undefined : m.eModes.get(h.eMode.id);
  if (e?.borrowableAssets && !e.borrowableAssets.has(asset)) return ZERO;
  if (h.isolation && !r.borrowableInIsolation) return ZERO;
  if (h.healthFactor !== null && !h.healthFactor.gt(1)) return ZERO;
  const price = priceOf(checkPrices(prices), asset, undefined, [], new Map());
  let amt = h.availableBorrows.div(price);
  const room = capRoom(m, asset, totals).borrowRoom;
  if (room !== null && amt.gt(room)) amt = room;
  return amt.toDecimalPlaces(r.decimals, Money.ROUND_DOWN);
}
