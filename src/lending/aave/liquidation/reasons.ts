/**
 * What the two liquidation paths report, with one meaning in both.
 *
 * - `reason`: the Aave v3.3 error a `liquidationCall` with these inputs reverts with, checked in the contract's
 *   order; none when the call succeeds. {@link liquidationAmounts} gives the name or `null`; the bigint
 *   {@link fastLiquidation} gives its index in {@link LIQUIDATION_REASONS}, where 0 (`'OK'`) is that `null`.
 * - `deficit`: the call takes the account's last collateral (in base-currency value), so Aave v3.3 writes off the
 *   debt left over as protocol deficit. {@link liquidationAmounts} lists the written-off debt per asset (empty when
 *   none is left over); {@link fastLiquidation} reports the condition as a boolean (true even when no debt is left
 *   over). A non-empty list implies `true`; `false` implies an empty list.
 */

/** Outcome codes of {@link fastLiquidation}: index 0 is success, the others the Aave error names. */
export const LIQUIDATION_REASONS = [
  'OK',
  'HEALTH_FACTOR_NOT_BELOW_THRESHOLD',
  'COLLATERAL_CANNOT_BE_LIQUIDATED',
  'SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER',
  'MUST_NOT_LEAVE_DUST',
] as const;

/** The Aave error a liquidation call reverts with (the `reason` of {@link liquidationAmounts}). */
export type LiquidationReason = Exclude<(typeof LIQUIDATION_REASONS)[number], 'OK'>;
