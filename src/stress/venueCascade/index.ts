/** Liquidation cascades on the venues' own clearing rules (dYdX v4, Drift v2, Hyperliquid). */
export type { VenueCascadePath } from './marketTrack.js';
export { simulateDydxCascade } from './dydx.js';
export type {
  DydxCascadeAccount,
  DydxCascadeBook,
  DydxCascadeContext,
  DydxCascadeDeleveraging,
  DydxCascadeFill,
  DydxCascadeLiquidationsConfig,
  DydxCascadeOptions,
  DydxCascadeResult,
  DydxCascadeRound,
  DydxCascadeTotals,
} from './dydxTypes.js';
export { simulateDriftCascade } from './drift.js';
export type {
  DriftCascadeAccount,
  DriftCascadeBankruptcy,
  DriftCascadeBook,
  DriftCascadeContext,
  DriftCascadeLiquidation,
  DriftCascadeOptions,
  DriftCascadeResult,
  DriftCascadeRound,
  DriftCascadeTotals,
} from './driftTypes.js';
export { simulateHyperliquidCascade } from './hyperliquid.js';
export type {
  HyperliquidCascadeAccount,
  HyperliquidCascadeAdlFill,
  HyperliquidCascadeBook,
  HyperliquidCascadeContext,
  HyperliquidCascadeLiquidation,
  HyperliquidCascadeOptions,
  HyperliquidCascadeOrder,
  HyperliquidCascadeResult,
  HyperliquidCascadeRound,
  HyperliquidCascadeTotals,
} from './hyperliquidTypes.js';
