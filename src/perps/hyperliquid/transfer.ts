/** Transfer margin of an isolated position: how much may be removed. */
import { RiskInputError } from '../../core/errors.js';
import { Money } from '../../core/money.js';
import { parseMarket, parsePosition, assetOf } from './parse.js';
import { positionMargin, removable } from './margin.js';
import { HYPERLIQUID_MAINNET_PARAMS } from './presets/params.js';
import type { HyperliquidMarket, HyperliquidPreparedMarket, HyperliquidPosition } from './types.js';

/** What may be removed from an isolated position. */
export interface HyperliquidIsolatedTransferResult {
  /** isolated margin + unrealised pnl (USDC). */
  isolatedValue: Money;
  initialMargin: Money;
  /** max(initial margin, 0.1 × notional). */
  transferMarginRequired: Money;
  /** Largest amount that may be removed (USDC, ≥ 0); adding margin is always allowed. */
  removable: Money;
}

/**
 * Isolated margin that may be removed from an isolated position (USDC): margin other than unrealised profit down
 * to the initial margin (notional / leverage), unrealised profit only while what remains is at least
 * transfer_margin_required = max(initial margin, 0.1 × notional).
 *
 * @example
 * ```ts
 * import { hyperliquidIsolatedTransfer, HYPERLIQUID_MARGIN_TABLES } from 'riskcore/perps';
 * const market = { assets: { ETH: { markPrice: '2200', marginTable: HYPERLIQUID_MARGIN_TABLES.ETH } } };
 * const position = { asset: 'ETH', size: '10', entryPrice: '2000', leverage: 20, marginMode: 'isolated' as const, isolatedMargin: '1500' };
 * const t = hyperliquidIsolatedTransfer(position, market);
 * console.log(t.isolatedValue.toString(), t.transferMarginRequired.toString(), t.removable.toString()); // '3500 2200 1500'
 * ```
 */
export function hyperliquidIsolatedTransfer(
  position: HyperliquidPosition,
  market: HyperliquidMarket | HyperliquidPreparedMarket,
): HyperliquidIsolatedTransferResult {
  const mkt = parseMarket(market, 'market');
  const p = parsePosition(position, 'position', mkt);
  if (p.marginMode !== 'isolated') throw new RiskInputError('position.marginMode', "'isolated'", p.marginMode);
  const m = positionMargin(p, assetOf(mkt, p.asset));
  const value = m.isolatedValue as Money;
  return {
    isolatedValue: value,
    initialMargin: m.initialMargin,
    transferMarginRequired: Money.max(
      m.initialMargin,
      m.notional.times(HYPERLIQUID_MAINNET_PARAMS.transferMarginFraction),
    ),
    removable: removable(value, m.unrealizedPnl, m.initialMargin, m.notional),
  };
}
