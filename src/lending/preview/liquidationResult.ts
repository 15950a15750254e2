/**
 * The one result shape of a liquidation across the integer protocol models (Compound III absorb, Morpho Blue
 * liquidate, Euler v2 liquidate): what was repaid, what was seized, the incentive, the debt written off, and the
 * health factor before and after, all as the contract's integers. The Aave model's {@link LiquidationResult} carries
 * the same facts on decimals (`debtRepaid`, `collateralToLiquidator`, `deficit`, `healthFactorBefore/After`).
 */

/** One collateral asset's amount, in its base units. */
export interface SeizedAmount {
  asset: string;
  amount: bigint;
}

/** Result of the liquidation of one account in an integer protocol model (amounts in base units, health in wad). */
export interface ProtocolLiquidationResult {
  /** `'compound-v3'`, `'morpho-blue'` or `'euler-v2'`. */
  protocol: 'compound-v3' | 'morpho-blue' | 'euler-v2';
  /** The call would succeed. */
  allowed: boolean;
  /** Why not: the contract's revert reason (e.g. `'NotLiquidatable'`, `'HEALTHY_POSITION'`), null when allowed. */
  reason: string | null;
  /** Debt taken off the account (base units of the debt asset), by the liquidator or absorbed by the protocol. */
  debtRepaid: bigint;
  /** Collateral taken from the account, per asset (base units); empty when none. */
  collateralSeized: SeizedAmount[];
  /**
   * The liquidation incentive as a wad factor of the repaid value: 1.05e18 means the seized collateral is worth 5%
   * more than the debt repaid at the protocol's prices (Morpho's incentive factor, 1/(1 − discount) of Euler, the
   * liquidation factor's inverse of Compound's absorb); 0 where undefined (Compound or Euler seizing nothing).
   */
  incentiveFactor: bigint;
  /** Debt written off against lenders or reserves (base units of the debt asset): bad debt. */
  badDebt: bigint;
  /** Health factor before (wad, ≥ 1e18 healthy by the protocol's own test), null without debt. */
  healthFactorBefore: bigint | null;
  /** Health factor after, null when no debt is left. */
  healthFactorAfter: bigint | null;
}
