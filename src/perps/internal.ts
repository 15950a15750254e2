/**
 * Friend API of riskcore/perps for other riskcore modules (not a public subpath): the validated shapes and integer
 * kernels of the venue rules, for callers that validate once and then run the rules many times (the venue
 * cascades of riskcore/stress). The public, validating functions are in `index.ts`.
 */
export type { Perp as DydxPerpKernel, Pos as DydxPosKernel, Sub as DydxSubKernel } from './dydx/validate.js';
export { checkPerps as dydxCheckPerps, checkSubaccount as dydxCheckSubaccount } from './dydx/validate.js';
export { preparedPerps as dydxPreparedPerps } from './dydx/prepared.js';
export {
  accountRisk as dydxAccountRiskKernel,
  netNotional as dydxNetNotional,
  settle as dydxSettle,
} from './dydx/risk.js';
export {
  bankruptcyQuote as dydxBankruptcyQuote,
  fillablePrice as dydxFillablePriceKernel,
  fillQuote as dydxFillQuote,
  insuranceFundDelta as dydxInsuranceFundDeltaKernel,
} from './dydx/liquidationCore.js';
export { checkUpdate as dydxCheckUpdate } from './dydx/preTradeCore.js';
export {
  checkExponent as dydxCheckExponent,
  checkInt as dydxCheckInt,
  checkUint32 as dydxCheckUint32,
} from './dydx/validate.js';
export type { Valued as DriftValuedKernel } from './drift/account.js';
export { accountMargin as driftAccountMarginKernel, readValued as driftReadValued } from './drift/account.js';
export {
  liquidatePerp as driftLiquidatePerpKernel,
  settleFunding as driftSettleFundingKernel,
} from './drift/liquidate.js';
export { readInt as driftReadInt, readOptInt as driftReadOptInt } from './drift/int.js';
export { readPerpMarket as driftReadPerpMarket } from './drift/market.js';
export type {
  Account as HyperliquidAccountKernel,
  AssetMarket as HyperliquidAssetMarketKernel,
  Position as HyperliquidPositionKernel,
} from './hyperliquid/parse.js';
export { parseAccount as hyperliquidParseAccount, parseMarket as hyperliquidParseMarket } from './hyperliquid/parse.js';
export { accountMargin as hyperliquidAccountMarginKernel } from './hyperliquid/margin.js';
