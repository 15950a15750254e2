/**
 * riskcore/lending — lending-protocol risk: account health (one health-factor concept, {@link HealthResult}),
 * borrowing power and caps, and liquidation, in exact decimals and in an exact bigint fixed-point fast path.
 *
 * Layout: protocol-neutral pieces at the top (health.ts: the health factor of lines with their own thresholds;
 * evm/: the EVM fixed-point kit, wad/ray/bps/ppm integer math with the contracts' rounding; amount.ts: bounded money inputs); one folder per protocol model. The Aave v3
 * model is in aave/: market.ts (prepared markets), account.ts, accountHealth.ts, borrowing.ts, liquidation/
 * (decimal.ts exact and contract rounding, fast.ts bigint, reasons.ts: what `reason`/`deficit` mean in both),
 * fast/ (the prepared bigint market and its health factor), params.ts (parameter types) and markets/ (published
 * parameter sets as data, one file each with its source).
 */
export { RiskInputError } from '../core/errors.js';
export { healthFactor, HF_DECIMALS } from './health.js';
export type { HealthCollateral, HealthDebt, HealthInput, HealthResult, HealthOptions } from './health.js';
export { lendingMarket } from './aave/market.js';
export type { Reserve, EMode, LendingMarket } from './aave/market.js';
export type { LendingBalance, LendingAccount, LendingPrices } from './aave/account.js';
export { accountHealth } from './aave/accountHealth.js';
export type { AccountHealth, AccountHealthOptions } from './aave/accountHealth.js';
export { capRoom, maxBorrow } from './aave/borrowing.js';
export type { CapRoomResult, ReserveTotals } from './aave/borrowing.js';
export { liquidationAmounts } from './aave/liquidation/decimal.js';
export type { LiquidationOptions, LiquidationResult } from './aave/liquidation/decimal.js';
export { LIQUIDATION_REASONS } from './aave/liquidation/reasons.js';
export type { LiquidationReason } from './aave/liquidation/reasons.js';
export { fastMarket } from './aave/fast/market.js';
export type { FastMarket, FastMarketOptions } from './aave/fast/market.js';
export { fastAccountHealth, fastHealthFactor, fastAccountData } from './aave/fast/health.js';
export type { FastHealthResult, FastHealthOptions, FastAccountData } from './aave/fast/health.js';
export { fastLiquidation } from './aave/liquidation/fast.js';
export type { FastLiquidation, FastLiquidationOptions } from './aave/liquidation/fast.js';
export type { ReserveParams, EModeCategory, LiquidationConstants, LendingMarketParams } from './aave/params.js';
export { AAVE_V33_LIQUIDATION } from './aave/markets/liquidationV33.js';
export { AAVE_V3_ETHEREUM } from './aave/markets/ethereumV3_20231031.js';
// EVM fixed-point kit and interest-rate models
export { WAD, RAY, BPS, PPM, WAD_RAY_RATIO, UINT256_MAX, SECONDS_PER_YEAR } from './evm/constants.js';
export { mulDiv } from './evm/mulDiv.js';
export type { MulDivOptions, Rounding } from './evm/mulDiv.js';
export { wadMul, wadDiv, rayMul, rayDiv, percentMul, percentDiv, ppmMul, ppmDiv } from './evm/scaled.js';
export type { ScaledOptions } from './evm/scaled.js';
export { wadToRay, rayToWad, wTaylorCompounded, rpow } from './evm/compounding.js';
export type { RpowOptions } from './evm/compounding.js';
export { aaveRates } from './irm/aave/rates.js';
export type { AaveRateParams, AaveRateInput, AaveRatesResult } from './irm/aave/rates.js';
export { aaveAccrue, aaveLinearInterest, aaveCompoundedInterest } from './irm/aave/accrual.js';
export type { AaveReserveState, AaveAccrualResult, AccrualContext } from './irm/aave/accrual.js';
export { cometRates, cometAccrue, COMET_INDEX_SCALE } from './irm/comet.js';
export type {
  CometRateParams,
  CometTotals,
  CometRatesResult,
  CometAccrualResult,
  CometAccrualContext,
} from './irm/comet.js';
export { morphoAdaptiveRate, morphoAccrue, MORPHO_ADAPTIVE_CURVE } from './irm/morpho.js';
export type {
  MorphoRateResult,
  MorphoIrmMarket,
  MorphoRateContext,
  MorphoMarket,
  MorphoAccrualContext,
  MorphoAccrualResult,
} from './irm/morpho.js';
export { eulerLinearKinkRate, eulerAccrue, EULER_MAX_INTEREST_RATE } from './irm/euler.js';
export type {
  EulerLinearKinkParams,
  EulerBalances,
  EulerRateResult,
  EulerVaultState,
  EulerAccrualContext,
  EulerAccrualResult,
} from './irm/euler.js';
export { eulerAdaptiveRate } from './irm/eulerAdaptive.js';
export type {
  EulerAdaptiveParams,
  EulerAdaptiveState,
  EulerAdaptiveContext,
  EulerAdaptiveRateResult,
} from './irm/eulerAdaptive.js';
export { irmRatePath } from './irm/path.js';
export type { IrmPathStep, IrmModel, IrmPathPoint, IrmPathResult } from './irm/path.js';
// Compound III, Morpho Blue, Euler v2, previews
export type { ProtocolLiquidationResult, SeizedAmount } from './preview/liquidationResult.js';
export type { CometAsset, CometMarket, CometAccount } from './compound/market.js';
export { cometLiquidity } from './compound/liquidity.js';
export type { CometLiquidityResult } from './compound/liquidity.js';
export { cometAbsorb } from './compound/absorb.js';
export type { CometAbsorbResult } from './compound/absorb.js';
export { cometReserves, cometQuoteCollateral } from './compound/reserves.js';
export type { CometReservesResult, CometQuoteRequest, CometQuoteResult } from './compound/reserves.js';
export type { MorphoBlueMarket, MorphoPosition } from './morpho/market.js';
export { morphoHealth, morphoIncentiveFactor } from './morpho/health.js';
export type { MorphoHealthResult, MorphoIncentiveResult } from './morpho/health.js';
export { morphoLiquidate } from './morpho/liquidate.js';
export type { MorphoLiquidateOptions, MorphoLiquidationResult } from './morpho/liquidate.js';
export type { EulerCollateral, EulerVault, EulerAccount } from './euler/vault.js';
export { eulerAccountLiquidity, eulerLiquidate } from './euler/liquidation.js';
export type {
  EulerLiquidityOptions,
  EulerLiquidityResult,
  EulerLiquidateOptions,
  EulerLiquidationResult,
} from './euler/liquidation.js';
export type { PreviewAction, PreviewResult } from './preview/action.js';
export { previewComet } from './preview/compound.js';
export type { CometPreviewOptions, CometPreviewResult } from './preview/compound.js';
export { previewMorpho } from './preview/morpho.js';
export type { MorphoPreviewOptions, MorphoPreviewResult } from './preview/morpho.js';
export { previewEuler } from './preview/euler.js';
export type { EulerPreviewOptions, EulerPreviewResult } from './preview/euler.js';
export { previewAave } from './preview/aave.js';
export type { AavePreviewContext, AavePreviewOptions, AavePreviewResult } from './preview/aave.js';
