/** Tiered (size-dependent) margin of a delta-one notional, as Binance and Hyperliquid compute it. */
import { checkNumber } from '../core/validate.js';
import type { MarginTier } from './paramsTypes.js';
import { validateTiers } from './validateParams.js';

/**
 * Tiered margin of a notional N (quote currency), as Binance and Hyperliquid compute it. Maintenance: each tier's
 * rate applies to the part of N inside the tier, which equals `N·rate(tier of N) − deduction(tier)` (Binance's
 * "maintenance amount", Hyperliquid's "maintenance deduction"), continuous in N. Initial: `N·initialRate` of the
 * tier N falls in (1 / the tier's max leverage; it steps up at tier bounds). Returns `[initial, maintenance]`.
 *
 * @example
 * ```ts
 * import { tieredMargin, BTC_LINEAR_TIERS } from 'riskcore/netting';
 * // 300,000 USDT of BTCUSDT: MM = 50k·0.4% + 200k·0.5% + 50k·1% = 200 + 1000 + 500; IM = 300k·2% (50× tier)
 * const [im, mm] = tieredMargin(300_000, BTC_LINEAR_TIERS.tiers);
 * console.log(mm); // 1700
 * console.log(im); // 6000
 * ```
 */
export function tieredMargin(notional: number, tiersIn: readonly MarginTier[]): [number, number] {
  const n = checkNumber(notional, 'notional', { ge: -1e300, le: 1e300 });
  return tierFigures(n, validateTiers(tiersIn, 'tiers'));
}

/** {@link tieredMargin} on validated tiers (the margin engine's inner call). Internal. */
export function tierFigures(notional: number, tiersIn: readonly MarginTier[]): [number, number] {
  const n = Math.abs(notional);
  let im = 0;
  let mm = 0;
  let lo = 0;
  for (const t of tiersIn) {
    const hi = t.upTo === null ? Infinity : t.upTo;
    if (n <= lo) break;
    mm += (Math.min(n, hi) - lo) * t.maintenanceRate;
    im = n * t.initialRate;
    lo = hi;
  }
  return [im, mm];
}
