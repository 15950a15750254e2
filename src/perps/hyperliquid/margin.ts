/** Margin of positions and accounts: notional, initial and maintenance margin, account value, withdrawable. */
import { Money } from '../../core/money.js';
import { HYPERLIQUID_MAINNET_PARAMS } from './presets/params.js';
import { type Account, type AssetMarket, assetOf, parseAccount, parseMarket, type Position } from './parse.js';
import { tierOf } from './tiers.js';
import type {
  HyperliquidAccount,
  HyperliquidAccountMarginResult,
  HyperliquidMarket,
  HyperliquidPreparedAccount,
  HyperliquidPreparedMarket,
  HyperliquidPositionMargin,
} from './types.js';

const ZERO = new Money(0);
const TRANSFER_FRACTION = new Money(HYPERLIQUID_MAINNET_PARAMS.transferMarginFraction);

/** Kernel: margin figures of one validated position at its asset's mark. */
export function positionMargin(p: Position, a: AssetMarket): HyperliquidPositionMargin {
  const notional = p.size.abs().times(a.markPrice);
  const tier = tierOf(notional, a.tiers);
  const leverage = Math.min(p.leverage, tier.maxLeverage);
  const unrealizedPnl = p.size.times(a.markPrice.minus(p.entryPrice));
  return {
    asset: p.asset,
    marginMode: p.marginMode,
    size: p.size,
    markPrice: a.markPrice,
    notional,
    unrealizedPnl,
    leverage,
    maxLeverage: tier.maxLeverage,
    initialMargin: notional.div(leverage),
    maintenanceRate: tier.maintenanceRate,
    maintenanceMargin: tier.maintenanceMargin,
    isolatedValue: p.marginMode === 'isolated' ? p.isolatedMargin.plus(unrealizedPnl) : null,
  };
}

/**
 * Kernel: what may leave a margin pool of `value` (USDC) holding `unrealizedPnl`, `initialMargin` and `notional`:
 * funds other than unrealised profit down to the initial margin, unrealised profit only while the remainder stays
 * at least max(initial margin, 0.1 × notional) (the docs' transfer_margin_required). Never negative.
 */
export function removable(value: Money, unrealizedPnl: Money, initialMargin: Money, notional: Money): Money {
  const transferRequired = Money.max(initialMargin, notional.times(TRANSFER_FRACTION));
  const profit = Money.max(unrealizedPnl, ZERO);
  const limit = Money.min(value.minus(initialMargin), Money.max(value.minus(transferRequired), value.minus(profit)));
  return Money.max(limit, ZERO);
}

/** Running sums of {@link accountMargin} over the first positions of an account (in its sorted order). */
export interface MarginSums {
  readonly totalNotional: Money;
  readonly isolatedValue: Money;
  readonly crossUnrealizedPnl: Money;
  readonly crossNotional: Money;
  readonly crossInitialMargin: Money;
  readonly crossMaintenanceMargin: Money;
}
const NO_SUMS: MarginSums = {
  totalNotional: ZERO,
  isolatedValue: ZERO,
  crossUnrealizedPnl: ZERO,
  crossNotional: ZERO,
  crossInitialMargin: ZERO,
  crossMaintenanceMargin: ZERO,
};

function addPosition(s: MarginSums, m: HyperliquidPositionMargin): MarginSums {
  const totalNotional = s.totalNotional.plus(m.notional);
  if (m.isolatedValue !== null) return { ...s, totalNotional, isolatedValue: s.isolatedValue.plus(m.isolatedValue) };
  return {
    totalNotional,
    isolatedValue: s.isolatedValue,
    crossUnrealizedPnl: s.crossUnrealizedPnl.plus(m.unrealizedPnl),
    crossNotional: s.crossNotional.plus(m.notional),
    crossInitialMargin: s.crossInitialMargin.plus(m.initialMargin),
    crossMaintenanceMargin: s.crossMaintenanceMargin.plus(m.maintenanceMargin),
  };
}

/**
 * Kernel: {@link accountMargin} with its running sums: `prefixes[k]` holds the sums over the first k positions. With
 * `from`, the sums resume at position `from.index` from `from.sums` (the caller guarantees the positions before it
 * are those the sums were taken over, so the result is the same as summing from the start).
 */
export function accountMarginSums(
  account: Account,
  market: Map<string, AssetMarket>,
  known?: ReadonlyMap<Position, HyperliquidPositionMargin>,
  from?: { index: number; sums: MarginSums },
): { margin: HyperliquidAccountMarginResult; prefixes: MarginSums[] } {
  const positions = account.positions.map((p) => known?.get(p) ?? positionMargin(p, assetOf(market, p.asset)));
  const first = from?.index ?? 0;
  let sums = from?.sums ?? NO_SUMS;
  const prefixes: MarginSums[] = [];
  prefixes[first] = sums;
  for (let k = first; k < positions.length; k++) {
    sums = addPosition(sums, positions[k]);
    prefixes[k + 1] = sums;
  }
  const crossAccountValue = account.balance.plus(sums.crossUnrealizedPnl);
  const margin: HyperliquidAccountMarginResult = {
    positions,
    crossAccountValue,
    crossNotional: sums.crossNotional,
    crossInitialMargin: sums.crossInitialMargin,
    crossMaintenanceMargin: sums.crossMaintenanceMargin,
    crossUnrealizedPnl: sums.crossUnrealizedPnl,
    crossTransferMarginRequired: Money.max(sums.crossInitialMargin, sums.crossNotional.times(TRANSFER_FRACTION)),
    accountValue: crossAccountValue.plus(sums.isolatedValue),
    totalNotional: sums.totalNotional,
    withdrawable: removable(crossAccountValue, sums.crossUnrealizedPnl, sums.crossInitialMargin, sums.crossNotional),
  };
  return { margin, prefixes };
}

/**
 * Kernel: margin state of a validated account (positions already sorted by asset, so sums are order-free).
 * `known` holds figures already computed for some of the same (unchanged) position objects in the same market.
 */
export function accountMargin(
  account: Account,
  market: Map<string, AssetMarket>,
  known?: ReadonlyMap<Position, HyperliquidPositionMargin>,
): HyperliquidAccountMarginResult {
  return accountMarginSums(account, market, known).margin;
}

type Summed = ReturnType<typeof accountMarginSums>;
const frozenMargins = new WeakMap<Account, { market: Map<string, AssetMarket>; summed: Summed }>();

/**
 * Kernel: {@link accountMarginSums} of a prepared (frozen) account in the market it was prepared against, computed
 * once and kept (the figures are immutable `Money`; callers must not expose the shared result objects). Any other
 * account is computed afresh.
 */
export function accountMarginOnce(account: Account, market: Map<string, AssetMarket>): Summed {
  if (!Object.isFrozen(account)) return accountMarginSums(account, market);
  const hit = frozenMargins.get(account);
  if (hit !== undefined && hit.market === market) return hit.summed;
  const summed = accountMarginSums(account, market);
  frozenMargins.set(account, { market, summed });
  return summed;
}

/**
 * Margin state of a Hyperliquid account (USDC): per position notional (|size| × mark), unrealised pnl, initial
 * margin (notional / min(leverage, tier max)), tiered maintenance margin; the cross account value (balance + cross
 * unrealised pnl) and its margins; isolated position values; and the withdrawable amount: cross funds down to the
 * initial margin, unrealised profit only down to max(initial margin, 0.1 × cross notional). Positions come back
 * sorted by asset, and every sum is taken in that order, so the result does not depend on the input order. The
 * market may be prepared (`prepareHyperliquidMarket`), and the account prepared against it
 * (`prepareHyperliquidAccount`).
 *
 * @example
 * ```ts
 * import { hyperliquidAccountMargin, HYPERLIQUID_MARGIN_TABLES } from 'riskcore/perps';
 * const market = { assets: { BTC: { markPrice: '100000', marginTable: HYPERLIQUID_MARGIN_TABLES.BTC } } };
 * const account = {
 *   balance: '5000',
 *   positions: [{ asset: 'BTC', size: '0.5', entryPrice: '98000', leverage: 20, marginMode: 'cross' as const }],
 * };
 * const m = hyperliquidAccountMargin(account, market);
 * console.log(m.crossAccountValue.toString(), m.crossInitialMargin.toString()); // '6000 2500'
 * console.log(m.crossMaintenanceMargin.toString(), m.withdrawable.toString()); // '625 3500'
 * ```
 */
export function hyperliquidAccountMargin(
  account: HyperliquidAccount | HyperliquidPreparedAccount,
  market: HyperliquidMarket | HyperliquidPreparedMarket,
): HyperliquidAccountMarginResult {
  const mkt = parseMarket(market, 'market');
  return accountMargin(parseAccount(account, 'account', mkt), mkt);
}
