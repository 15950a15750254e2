/**
 * Aave v3.3 LiquidationLogic constants.
 *
 * Source: aave-dao/aave-v3-origin, tag v3.3.0, src/contracts/protocol/libraries/logic/LiquidationLogic.sol
 * (DEFAULT_LIQUIDATION_CLOSE_FACTOR = 0.5e4, CLOSE_FACTOR_HF_THRESHOLD = 0.95e18,
 * MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD = 2000e8, MIN_LEFTOVER_BASE = MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD / 2).
 */
import type { LiquidationConstants } from '../params.js';

/** Aave v3.3 LiquidationLogic constants (aave-dao/aave-v3-origin, tag v3.3.0, LiquidationLogic.sol). */
export const AAVE_V33_LIQUIDATION: LiquidationConstants = {
  closeFactor: '0.5',
  closeFactorHfThreshold: '0.95',
  minBaseMaxCloseFactorThreshold: '2000',
  minLeftoverBase: '1000',
};
