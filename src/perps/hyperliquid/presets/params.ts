/**
 * Hyperliquid clearing parameters as published in its docs (read 2026-12-07; the official pages
 * https://hyperliquid.gitbook.io/hyperliquid-docs/trading/{margining,liquidations,funding,auto-deleveraging}, whose
 * text was read through the stored copies at hyperliquid-co.gitbook.io/wiki/architecture/hypercore/dex/clearinghouse
 * and www.cortex-vigil.com/wiki, which quote them):
 * - margining: transfer_margin_required = max(initial_margin_required, 0.1 × total_position_value);
 * - liquidations: positions above 100,000 USDC (10,000 on testnet) are first liquidated 20% at a time, with a 30 s
 *   cooldown after a partial liquidation during which market liquidations are for the entire position; the backstop
 *   liquidator vault takes over when account value is below 2/3 of the maintenance margin;
 * - funding: interest 0.01% per 8 hours, F = P + clamp(r − P, −0.0005, 0.0005) as an 8-hour rate paid hourly at
 *   one eighth, capped at 4% per hour.
 */
import type { HyperliquidParams } from '../types.js';

/** Mainnet parameters (see the file header for the source). */
export const HYPERLIQUID_MAINNET_PARAMS: Readonly<HyperliquidParams> = Object.freeze({
  transferMarginFraction: '0.1',
  partialLiquidationThreshold: '100000',
  partialLiquidationFraction: '0.2',
  partialLiquidationCooldownSeconds: 30,
  backstopNumerator: 2,
  backstopDenominator: 3,
  interestRate8h: '0.0001',
  premiumClamp: '0.0005',
  hourlyFundingCap: '0.04',
  source:
    'Hyperliquid Docs, Trading › Margining, Liquidations, Funding (hyperliquid.gitbook.io/hyperliquid-docs/trading), read 2026-12-07',
});
