/** Liquidation price of each position, by the documented formula with the maintenance leverage. */
import { Money } from '../../core/money.js';
import { accountMargin } from './margin.js';
import { parseAccount, parseMarket } from './parse.js';
import type {
  HyperliquidAccount,
  HyperliquidMarket,
  HyperliquidPreparedAccount,
  HyperliquidPreparedMarket,
} from './types.js';

/** Liquidation price of one position. */
export interface HyperliquidPositionLiquidationPrice {
  asset: string;
  marginMode: 'cross' | 'isolated';
  /** Cross: account value − cross maintenance margin; isolated: isolated value − its maintenance margin (USDC). */
  marginAvailable: Money;
  /** 2 × the tier's max leverage. */
  maintenanceLeverage: number;
  /** USDC per coin; null for a flat position or a long whose formula price is not positive (never liquidated). */
  liquidationPrice: Money | null;
}

/** Liquidation prices of an account's positions, sorted by asset. */
export interface HyperliquidLiquidationPricesResult {
  positions: HyperliquidPositionLiquidationPrice[];
}

/**
 * Liquidation price of every position of an account, by the formula of Hyperliquid's Liquidations page:
 * liq_price = price − side × margin_available / position_size / (1 − l × side), with price the mark, side +1 long
 * and −1 short, position_size the absolute size, l = 1 / maintenance leverage (maintenance leverage = 2 × the
 * tier's max leverage), margin_available (cross) = account_value − maintenance_margin_required and
 * margin_available (isolated) = isolated_margin − maintenance_margin_required, the isolated margin taken with the
 * position's unrealised pnl.
 *
 * @example
 * ```ts
 * import { hyperliquidLiquidationPrices, HYPERLIQUID_MARGIN_TABLES } from 'riskcore/perps';
 * const market = { assets: { BTC: { markPrice: '100000', marginTable: HYPERLIQUID_MARGIN_TABLES.BTC } } };
 * const account = {
 *   balance: '2000',
 *   positions: [{ asset: 'BTC', size: '1', entryPrice: '100000', leverage: 40, marginMode: 'cross' as const }],
 * };
 * const [p] = hyperliquidLiquidationPrices(account, market).positions;
 * console.log(p.marginAvailable.toString(), p.maintenanceLeverage, p.liquidationPrice?.toString()); // '750 80 99240.5063291139240506329113924050632911392405063291139240506'
 * ```
 */
export function hyperliquidLiquidationPrices(
  account: HyperliquidAccount | HyperliquidPreparedAccount,
  market: HyperliquidMarket | HyperliquidPreparedMarket,
): HyperliquidLiquidationPricesResult {
  const mkt = parseMarket(market, 'market');
  const m = accountMargin(parseAccount(account, 'account', mkt), mkt);
  const crossAvailable = m.crossAccountValue.minus(m.crossMaintenanceMargin);
  return {
    positions: m.positions.map((p) => {
      const marginAvailable = p.isolatedValue === null ? crossAvailable : p.isolatedValue.minus(p.maintenanceMargin);
      const maintenanceLeverage = 2 * p.maxLeverage;
      let liquidationPrice: Money | null = null;
      if (!p.size.isZero()) {
        const side = p.size.isNeg() ? -1 : 1;
        const l = new Money(1).div(maintenanceLeverage);
        const px = p.markPrice.minus(
          marginAvailable
            .times(side)
            .div(p.size.abs())
            .div(new Money(1).minus(l.times(side))),
        );
        liquidationPrice = px.gt(0) ? px : null;
      }
      return { asset: p.asset, marginMode: p.marginMode, marginAvailable, maintenanceLeverage, liquidationPrice };
    }),
  };
}
