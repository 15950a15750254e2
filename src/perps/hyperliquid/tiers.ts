/** Margin tier of a notional: max leverage, maintenance rate and the maintenance deduction that keeps it continuous. */
import { Money, toMoney, type MoneyInput } from '../../core/money.js';
import { parseTable, type Tier } from './parse.js';
import type { HyperliquidMarginTable, HyperliquidTierResult } from './types.js';

/** Maintenance rate of a tier: half the initial rate at its max leverage, 1 / (2 × maxLeverage). */
export function maintenanceRateOf(maxLeverage: number): Money {
  return new Money(1).div(2 * maxLeverage);
}

/** Per tier of a table: the maintenance deduction and rate, computed once per validated table. */
interface TierConstants {
  deductions: Money[];
  rates: Money[];
}
const CONSTANTS = Symbol('tierConstants');
type WithConstants = readonly Tier[] & { [CONSTANTS]?: TierConstants };

/**
 * deduction(0) = 0 and deduction(n) = deduction(n−1) + lowerBound(n) × (rate(n) − rate(n−1)), with rate(n) −
 * rate(n−1) = (prev − cur) / (2 · cur · prev): one rounding per step. Kept on the validated table (an unfrozen
 * internal array; a prepared market fills it before freezing its tables).
 */
export function tierConstants(tiers: readonly Tier[]): TierConstants {
  const t = tiers as WithConstants;
  const kept = t[CONSTANTS];
  if (kept !== undefined) return kept;
  const deductions = [new Money(0)];
  for (let n = 1; n < tiers.length; n++) {
    const prev = tiers[n - 1].maxLeverage;
    const cur = tiers[n].maxLeverage;
    deductions.push(deductions[n - 1].plus(tiers[n].lowerBound.times(prev - cur).div(2 * cur * prev)));
  }
  const c = { deductions, rates: tiers.map((x) => maintenanceRateOf(x.maxLeverage)) };
  if (!Object.isFrozen(tiers)) (t as { [CONSTANTS]?: TierConstants })[CONSTANTS] = c;
  return c;
}

/** Kernel: the index of the tier of `notional` (a tier n > 0 applies above its lower bound). */
export function tierIndex(notional: Money, tiers: readonly Tier[]): number {
  let index = 0;
  while (index + 1 < tiers.length && notional.gt(tiers[index + 1].lowerBound)) index++;
  return index;
}

/**
 * Kernel: the tier of `notional` (a tier n > 0 applies above its lower bound, as the docs' "0-150M", ">150M") and
 * its maintenance margin, with the deduction that keeps the maintenance margin continuous in notional.
 */
export function tierOf(notional: Money, tiers: readonly Tier[]): HyperliquidTierResult {
  const index = tierIndex(notional, tiers);
  const c = tierConstants(tiers);
  const maxLeverage = tiers[index].maxLeverage;
  return {
    tier: index,
    maxLeverage,
    maintenanceRate: c.rates[index],
    maintenanceDeduction: c.deductions[index],
    maintenanceMargin: notional.div(2 * maxLeverage).minus(c.deductions[index]),
  };
}

/**
 * The margin tier of a position of `notional` USDC in a margin table: its max leverage, maintenance rate
 * (1 / (2 × max leverage)), maintenance deduction and maintenance margin (notional × rate − deduction, USDC).
 *
 * @example
 * ```ts
 * import { hyperliquidMarginTier, HYPERLIQUID_MARGIN_TABLES } from 'riskcore/perps';
 * const t = hyperliquidMarginTier('200000000', HYPERLIQUID_MARGIN_TABLES.BTC);
 * console.log(t.maxLeverage, t.maintenanceRate.toString(), t.maintenanceDeduction.toString()); // 20 '0.025' '1875000'
 * console.log(t.maintenanceMargin.toString()); // '3125000'
 * ```
 */
export function hyperliquidMarginTier(
  notional: MoneyInput,
  marginTable: HyperliquidMarginTable,
): HyperliquidTierResult {
  const n = toMoney(notional, 'notional', { min: 'nonnegative' });
  return tierOf(n, parseTable(marginTable, 'marginTable'));
}
