/** Which margin pools are liquidated, how (market orders or backstop), and in what chunk. */
import { Money, toMoney, type MoneyInput } from '../../core/money.js';
import { checkNumber, checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import { accountMargin } from './margin.js';
import { parseAccount, parseMarket } from './parse.js';
import { HYPERLIQUID_MAINNET_PARAMS as P } from './presets/params.js';
import type {
  HyperliquidAccount,
  HyperliquidMarket,
  HyperliquidPreparedAccount,
  HyperliquidPreparedMarket,
  HyperliquidPositionMargin,
} from './types.js';

const OPTION_KEYS = knownKeys('secondsSinceLastPartialLiquidation', 'partialLiquidationThreshold');

/** Options of {@link hyperliquidLiquidationPlan}. */
export interface HyperliquidLiquidationPlanOptions {
  /** Seconds since a position of this user was last partially liquidated; omitted: no recent partial liquidation. */
  secondsSinceLastPartialLiquidation?: number;
  /** Notional (USDC) above which only a fraction is sent first; default 100000 (mainnet; 10000 on testnet). */
  partialLiquidationThreshold?: MoneyInput;
}

/** One market liquidation order. */
export interface HyperliquidLiquidationOrder {
  asset: string;
  /** Signed size change (opposite to the position). */
  size: Money;
  /** Share of the position sent: 0.2 for a first partial chunk, 1 otherwise. */
  fraction: Money;
}

/** What happens to one margin pool (the cross account or one isolated position). */
export interface HyperliquidLiquidationScope {
  scope: 'cross' | 'isolated';
  /** The isolated position's asset; null for the cross pool. */
  asset: string | null;
  /** Account value of the pool (USDC). */
  value: Money;
  maintenanceMargin: Money;
  /** 'none': value ≥ maintenance; 'market': orders to the book; 'backstop': value < 2/3 × maintenance. */
  method: 'none' | 'market' | 'backstop';
  /** Market orders (method 'market'). */
  orders: HyperliquidLiquidationOrder[];
  /** Assets handed to the liquidator vault with the pool's margin (method 'backstop'). */
  vaultAssets: string[];
  /** Margin handed to the liquidator vault (USDC; 0 unless 'backstop'). */
  vaultMargin: Money;
  /** Margin the trader keeps if the orders fill at mark (USDC; 0 on backstop; other pools are untouched). */
  remainingMargin: Money;
}

/** Liquidation plan of an account. */
export interface HyperliquidLiquidationPlanResult {
  /** The cross pool first, then isolated positions by asset. */
  scopes: HyperliquidLiquidationScope[];
}

const ONE = new Money(1);
const ZERO = new Money(0);

function orderFor(p: HyperliquidPositionMargin, threshold: Money, inCooldown: boolean): HyperliquidLiquidationOrder {
  const fraction = !inCooldown && p.notional.gt(threshold) ? new Money(P.partialLiquidationFraction) : ONE;
  return { asset: p.asset, size: p.size.neg().times(fraction), fraction };
}

function scopeOf(
  scope: 'cross' | 'isolated',
  asset: string | null,
  value: Money,
  maintenanceMargin: Money,
  positions: HyperliquidPositionMargin[],
  threshold: Money,
  inCooldown: boolean,
): HyperliquidLiquidationScope {
  const open = positions.filter((p) => !p.size.isZero());
  const liquidatable = open.length > 0 && value.lt(maintenanceMargin);
  // value < num/den × maintenance, compared without dividing
  const backstop = liquidatable && value.times(P.backstopDenominator).lt(maintenanceMargin.times(P.backstopNumerator));
  const method = !liquidatable ? 'none' : backstop ? 'backstop' : 'market';
  return {
    scope,
    asset,
    value,
    maintenanceMargin,
    method,
    orders: method === 'market' ? open.map((p) => orderFor(p, threshold, inCooldown)) : [],
    vaultAssets: method === 'backstop' ? open.map((p) => p.asset) : [],
    vaultMargin: method === 'backstop' ? value : ZERO,
    remainingMargin: method === 'backstop' ? ZERO : value,
  };
}

/**
 * Liquidation plan of a Hyperliquid account, pool by pool (the cross account, each isolated position), per the
 * Liquidations page: a pool whose account value is below its maintenance margin is liquidated by market orders to
 * the book; a position above 100,000 USDC notional is sent 20% at a time, except during the 30 s cooldown after a
 * partial liquidation, when the orders are for the entire position; below 2/3 of the maintenance margin the
 * backstop liquidator vault takes the pool's positions and margin (cross: all cross positions and the cross margin;
 * isolated: that position and its margin, the cross pool untouched), and the trader keeps nothing of that pool.
 *
 * @example
 * ```ts
 * import { hyperliquidLiquidationPlan, HYPERLIQUID_MARGIN_TABLES } from 'riskcore/perps';
 * const market = { assets: { ETH: { markPrice: '2000', marginTable: HYPERLIQUID_MARGIN_TABLES.ETH } } };
 * const account = {
 *   balance: '18000',
 *   positions: [{ asset: 'ETH', size: '-100', entryPrice: '1850', leverage: 25, marginMode: 'cross' as const }],
 * };
 * const [cross] = hyperliquidLiquidationPlan(account, market).scopes;
 * console.log(cross.method, cross.orders[0].size.toString(), cross.orders[0].fraction.toString()); // 'market 20 0.2'
 * ```
 */
export function hyperliquidLiquidationPlan(
  account: HyperliquidAccount | HyperliquidPreparedAccount,
  market: HyperliquidMarket | HyperliquidPreparedMarket,
  options: HyperliquidLiquidationPlanOptions = {},
): HyperliquidLiquidationPlanResult {
  const o = checkStrictObject(options, 'options', OPTION_KEYS);
  const since =
    o.secondsSinceLastPartialLiquidation === undefined
      ? undefined
      : checkNumber(o.secondsSinceLastPartialLiquidation, 'options.secondsSinceLastPartialLiquidation', { ge: 0 });
  const threshold =
    o.partialLiquidationThreshold === undefined
      ? new Money(P.partialLiquidationThreshold)
      : toMoney(o.partialLiquidationThreshold, joinPath('options', 'partialLiquidationThreshold'), {
          min: 'nonnegative',
        });
  const mkt = parseMarket(market, 'market');
  const m = accountMargin(parseAccount(account, 'account', mkt), mkt);
  const inCooldown = since !== undefined && since < P.partialLiquidationCooldownSeconds;
  const cross = m.positions.filter((p) => p.isolatedValue === null);
  const scopes = [
    scopeOf('cross', null, m.crossAccountValue, m.crossMaintenanceMargin, cross, threshold, inCooldown),
    ...m.positions
      .filter((p) => p.isolatedValue !== null)
      .map((p) =>
        scopeOf('isolated', p.asset, p.isolatedValue as Money, p.maintenanceMargin, [p], threshold, inCooldown),
      ),
  ];
  return { scopes };
}
