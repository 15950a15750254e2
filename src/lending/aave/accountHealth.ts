/**
 * Health of a lending account against an Aave-v3-style market: the one health-factor concept of riskcore/lending
 * (HF = Σ value·LT / Σ debt, exact, {@link HealthResult}) with the market's e-mode and isolation-mode rules.
 */
import { Money } from '../../core/money.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import type { OraclePolicy } from '../../haircuts/internal.js';
import { summarize } from '../health.js';
import type { HealthResult } from '../health.js';
import { resolve } from './account.js';
import type { LendingAccount, LendingPrices } from './account.js';
import type { LendingMarket } from './market.js';
import type { LendingMarketParams } from './params.js';

const ZERO = new Money(0);
const OPTS_KEYS = knownKeys('oracle');

/** Options of {@link accountHealth}. */
export interface AccountHealthOptions {
  /** Flag (or, with `refuse`, reject) stale or deviating prices. */
  oracle?: OraclePolicy;
}

/** Result of {@link accountHealth}. */
export interface AccountHealth extends HealthResult {
  /** The account's e-mode category, or null. */
  eMode: { id: number; label: string } | null;
  /** Isolation mode: the isolated collateral, its debt ceiling, and the room left under it (USD). */
  isolation: { asset: string; debtCeiling: Money; ceilingRoom: Money } | null;
}

/**
 * Health of a lending account against a market's parameters: e-mode LTV/LT for the category's assets, isolation
 * mode's debt ceiling capping `availableBorrows`. Money in the base currency; exact.
 *
 * @example
 * ```ts
 * import { accountHealth, AAVE_V3_ETHEREUM } from 'riskcore/lending';
 * const h = accountHealth(
 *   { supplies: [{ asset: 'wstETH', amount: '10' }], borrows: [{ asset: 'WETH', amount: '8' }], eMode: 1 },
 *   AAVE_V3_ETHEREUM,
 *   { wstETH: '3450', WETH: '3000' },
 * );
 * console.log(h.healthFactor!.toString()); // '1.336875'
 * ```
 */
export function accountHealth(
  account: LendingAccount,
  market: LendingMarketParams | LendingMarket,
  prices: LendingPrices,
  opts: AccountHealthOptions = {},
): AccountHealth {
  const r = resolve(account, market, prices, checkStrictObject(opts, 'opts', OPTS_KEYS).oracle);
  let tc = ZERO;
  let liq = ZERO;
  let brw = ZERO;
  for (const s of r.supplies) {
    if (!s.collateral) continue;
    const v = s.amount.mul(s.price);
    tc = tc.plus(v);
    liq = liq.plus(v.mul(s.lt));
    brw = brw.plus(v.mul(s.ltv));
  }
  let td = ZERO;
  for (const b of r.borrows) td = td.plus(b.amount.mul(b.price));
  const base = summarize(tc, liq, brw, td, r.flags);
  let isolation: AccountHealth['isolation'] = null;
  if (r.isolated) {
    const room = Money.max(ZERO, r.isolated.debtCeiling!.minus(r.isolationModeTotalDebt));
    isolation = { asset: r.isolated.asset, debtCeiling: r.isolated.debtCeiling!, ceilingRoom: room };
    if (base.availableBorrows.gt(room)) base.availableBorrows = room;
  }
  return { ...base, eMode: r.eMode ? { id: r.eMode.id, label: r.eMode.label } : null, isolation };
}
