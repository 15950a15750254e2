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

/**
 * Kernel: margin state of a validated account (positions already sorted by asset, so sums are order-free).
 * `known` holds figures already computed for some of the same (unchanged) position objects in the same market.
 */
export function accountMargin(
  account: Account,
  market: Map<string, AssetMarket>,
  known?: ReadonlyMap<Position, HyperliquidPositionMargin>,
): HyperliquidAccountMarginResult {
  const positions = account.positions.map((p) => known?.get(p) ?? positionMargin(p, assetOf(market, p.asset)));
  let crossUnrealizedPnl = ZERO;
  let crossNotional = ZERO;
  let crossInitialMargin = ZERO;
  let crossMaintenanceMargin = ZERO;
  let isolatedValue = ZERO;
  let totalNotional = ZERO;
  for (const m of positions) {
    totalNotional = totalNotional.plus(m.notional);
    if (m.isolatedValue !== null) {
      isolatedValue = isolatedValue.plus(m.isolatedValue);
      continue;
    }
    crossUnrealizedPnl = crossUnrealizedPnl.plus(m.unrealizedPnl);
    crossNotional = crossNotional.plus(m.notional);
    crossInitialMargin = crossInitialMargin.plus(m.initialMargin);
    crossMaintenanceMargin = crossMaintenanceMargin.plus(m.maintenanceMargin);
  }
  const crossAccountValue = account.balance.plus(crossUnrealizedPnl);
  return {
    positions,
    crossAccountValue,
    crossNotional,
    crossInitialMargin,
    crossMaintenanceMargin,
    crossUnrealizedPnl,
    crossTransferMarginRequired: Money.max(crossInitialMargin, crossNotional.times(TRANSFER_FRACTION)),
    accountValue: crossAccountValue.plus(isolatedValue),
    totalNotional,
    withdrawable: removable(crossAccountValue, crossUnrealizedPnl, crossInitialMargin, crossNotional),
  };
}

const frozenMargins = new WeakMap<
  Account,
  { market: Map<string, AssetMarket>; margin: HyperliquidAccountMarginResult }
>();

/**
 * Kernel: {@link accountMargin} of a prepared (frozen) account in the market it was prepared against, computed once
 * and kept (the figures are immutable `Money`; callers must not expose the shared result objects). Any other account
 * is computed afresh.
 */
export function accountMarginOnce(account: Account, market: Map<string, AssetMarket>): HyperliquidAccountMarginResult {
  if (!Object.isFrozen(account)) return accountMargin(account, market);
  const hit = frozenMargins.get(account);
  if (hit !== undefined && hit.market === market) return hit.margin;
  const margin = accountMargin(account, market);
  frozenMargins.set(account, { market, margin });
  return margin;
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
