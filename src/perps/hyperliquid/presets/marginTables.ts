/**
 * Hyperliquid mainnet margin tables: tiers of maximum leverage by notional position value (USDC).
 *
 * Source: Hyperliquid Docs, Trading › Margin tiers, https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers
 * (read 2026-12-07): "Mainnet Margin Tiers" — BTC 40× to 150M then 20×; ETH 25× to 100M then 15×; SOL 20× to 70M
 * then 10×; XRP 20× to 40M then 10×; DOGE, kPEPE, SUI, WLD, TRUMP, LTC, ENA, POPCAT, WIF, AAVE, kBONK, LINK, CRV, AVAX,
 * ADA, UNI, NEAR, TIA, APT, BCH, HYPE, FARTCOIN 10× to 20M then 5×; OP, ARB, LDO, TON, MKR, ONDO, JUP, INJ, kSHIB, SEI,
 * TRX, BNB, DOT 10× to 3M then 5×. The page also says that a table id below 50 is one tier with that max leverage.
 * Data only: each tier is `{ lowerBound, maxLeverage }`, the first tier starting at 0.
 */
import type { HyperliquidMarginTable } from '../types.js';

const SOURCE =
  'Hyperliquid Docs, Trading › Margin tiers (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers), read 2026-12-07';

const table = (rows: Array<[string, number]>): HyperliquidMarginTable => ({
  tiers: rows.map(([lowerBound, maxLeverage]) => ({ lowerBound, maxLeverage })),
  source: SOURCE,
});

/** Mainnet margin tables by asset group, as published (see the file header). */
export const HYPERLIQUID_MARGIN_TABLES = {
  BTC: table([
    ['0', 40],
    ['150000000', 20],
  ]),
  ETH: table([
    ['0', 25],
    ['100000000', 15],
  ]),
  SOL: table([
    ['0', 20],
    ['70000000', 10],
  ]),
  XRP: table([
    ['0', 20],
    ['40000000', 10],
  ]),
  /** DOGE, kPEPE, SUI, WLD, TRUMP, LTC, ENA, … HYPE, FARTCOIN: 10× to 20M, 5× above. */
  TIER_10X_20M: table([
    ['0', 10],
    ['20000000', 5],
  ]),
  /** OP, ARB, LDO, TON, MKR, ONDO, JUP, INJ, kSHIB, SEI, TRX, BNB, DOT: 10× to 3M, 5× above. */
  TIER_10X_3M: table([
    ['0', 10],
    ['3000000', 5],
  ]),
} as const satisfies Record<string, HyperliquidMarginTable>;
