/**
 * A liquidation cascade on a lending protocol's own rules: Aave v3.3, Compound III, Morpho Blue or Euler v2.
 */
import { readLendingRun } from './inputs.js';
import { runLendingCascade } from './rounds.js';
import type { LendingCascadeContext, LendingCascadePosition, LendingCascadeResult } from './types.js';

/**
 * Simulate a liquidation cascade round by round on one protocol's liquidation rules, positions held as that
 * protocol's positions (reproduced to the wei by riskcore/lending). Each round:
 *
 * 1. Every asset's market price moves by `moves[asset][r]`; its oracle reads the market as the generic cascade's
 *    oracle does (`latency` in rounds, linear between rounds; `stale` window; `jumps`). Prices are the protocol's
 *    integer prices (Aave 10^priceDecimals per USD, Compound 1e8, Morpho loan per collateral × 1e36, Euler unit of
 *    account per 1e18) times an exact 12-decimal index, rounded down.
 * 2. At the oracle, the positions the protocol lets be liquidated are ranked: protocol absorbs first (Compound),
 *    then by the liquidator's profit, then by id. Each call is recomputed on the state the previous ones left:
 *    Aave `liquidationCall` for the close-factor maximum of the largest debt against the largest collateral
 *    (bonus, protocol fee, e-mode; deficit burnt when the last collateral goes); Compound `absorb`; Morpho
 *    `liquidate` of all the shares, or of all the collateral with bad debt realised to the suppliers; Euler
 *    `liquidate` at the maximum repay for the discount = how far underwater (socialised debt when no collateral is
 *    left). A liquidator makes a call only if collateral at the market price − slippage − debt at the market price
 *    − `gasCost` > 0; slippage is the linear-impact cost ((S + V)² − S²)/(2·depth) of selling V after S this round.
 *    At most `capacity` calls a round (Compound absorbs and purchases included).
 * 3. Compound: liquidators buy the absorbed collateral from the reserves at the store-front discount while reserves
 *    are below `targetReserves`, when it pays.
 * 4. Sales move the market: the index falls by the factor (1 − sold value / depth) for the next round.
 *
 * Figures are in the protocol's value unit at the round's oracle prices. They reconcile: every round, bad debt =
 * reservesUsed + supplierLoss (Aave deficit, Morpho bad debt and Euler socialised debt fall on suppliers; a
 * Compound absorb's shortfall falls on the reserves while they are positive, beyond on the suppliers); each
 * position's collateral falls by what the events took, its debt by what they repaid and wrote off.
 *
 * @param positions the protocol's positions, each with a unique `id` (Aave `{ id, supplies, borrows }` in base
 *   units; Compound `CometAccount` of riskcore/lending, Morpho `MorphoPosition` of riskcore/lending, Euler `EulerAccount` of riskcore/lending with an `id`)
 * @param context `protocol` with its market (`market` and `prices`, optional `eMode` for Aave; `market` and
 *   optional `targetReserves` for Compound; `market` for Morpho; `vault` for Euler), `rounds`, `moves`, `oracle`,
 *   `depth` (value units per asset) and `liquidators` (`gasCost` in value units, optional `capacity`)
 * @example
 * ```ts
 * import { simulateLendingCascade } from 'riskcore/stress';
 * // Morpho Blue, LLTV 86%: the collateral falls 20%; the first liquidation's sale (depth 20,000) pushes the market
 * // price down 3.65%, which makes the second position liquidatable in the next round
 * const market = { lltv: 86n * 10n ** 16n, price: 10n ** 36n, totalSupplyAssets: 10n ** 24n,
 *   totalSupplyShares: 10n ** 30n, totalBorrowAssets: 1365n * 10n ** 18n, totalBorrowShares: 1365n * 10n ** 24n };
 * const positions = [
 *   { id: 'a', collateral: 1000n * 10n ** 18n, borrowShares: 700n * 10n ** 24n },
 *   { id: 'b', collateral: 1000n * 10n ** 18n, borrowShares: 665n * 10n ** 24n },
 * ];
 * const r = simulateLendingCascade(positions, { protocol: 'morpho-blue', market, rounds: 3,
 *   moves: { collateral: [-0.2] }, depth: { collateral: 20000n * 10n ** 18n }, liquidators: { gasCost: 10n ** 18n } });
 * console.log(r.rounds.map((x) => x.liquidations).join(' ')); // '1 1 0'
 * console.log(r.totals.liquidatorProfit, r.totals.badDebt); // '32449504447766527365 0'
 * ```
 */
export function simulateLendingCascade(
  positions: readonly LendingCascadePosition[],
  context: LendingCascadeContext,
): LendingCascadeResult {
  return runLendingCascade(readLendingRun(positions, context));
}
