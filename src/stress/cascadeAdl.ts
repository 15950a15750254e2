/** Internal: auto-deleveraging of the cascade engine (src/stress/cascadeEngine.ts). */
import { Money } from '../core/money.js';
import type { EngineAccount } from './cascadeEngineTypes.js';

const ADL_DP = 18;

/**
 * Auto-deleverage: charge `amount` pro rata to the unrealised profit u = size·(p − entry) > 0 of every live perp
 * position (an account with profitable perps on several assets has one position per asset, each at its asset's
 * price p), each charge x capped at u, allocated to 18 decimal places with the remainder on the largest profit
 * (the first such in account, then asset order) so the charges sum exactly. Each charged position is closed in
 * proportion x / u at p (all of it when x = u; the closed size rounded to 18 places toward zero): its realised P&L
 * Δsize·(p − entry) is credited and the charge debited, so it keeps the rest of its position and gives up the
 * profit of the part closed. Returns the size closed per asset.
 */
export function autoDeleverage(
  accs: EngineAccount[],
  prices: Money[],
  amount: Money,
  ZERO: Money,
): { charged: Money; realised: Money; closed: Money[] } {
  const N = prices.length;
  const winners: Array<{ a: EngineAccount; k: number; u: Money }> = [];
  let U = ZERO;
  for (const a of accs) {
    if (a.liq !== null) continue;
    for (let k = 0; k < N; k++) {
      if (a.sf[k] === 0) continue;
      const p = prices[k];
      const up = p.cmp(a.e[k]);
      if (up === 0 || up > 0 !== a.sf[k] > 0) continue;
      const u = a.s[k].mul(p.minus(a.e[k]));
      if (u.gt(0)) {
        winners.push({ a, k, u });
        U = U.plus(u);
      }
    }
  }
  let realised = ZERO;
  const closed = prices.map(() => ZERO);
  if (winners.length === 0) return { charged: ZERO, realised, closed };
  const charge = (a: EngineAccount, k: number, x: Money, u: Money) => {
    const p = prices[k];
    const ds = x.eq(u) ? a.s[k] : a.s[k].mul(x).div(u).toDecimalPlaces(ADL_DP, Money.ROUND_DOWN);
    const pnl = ds.mul(p.minus(a.e[k]));
    a.s[k] = a.s[k].minus(ds);
    a.cash = a.cash.plus(pnl).minus(x);
    a.sf[k] = a.s[k].toNumber();
    a.bf = a.cash.minus(a.debt).toNumber();
    realised = realised.plus(pnl);
    closed[k] = closed[k].plus(ds);
  };
  if (U.lte(amount)) {
    for (const w of winners) charge(w.a, w.k, w.u, w.u);
    return { charged: U, realised, closed };
  }
  let big = 0;
  for (let i = 1; i < winners.length; i++) if (winners[i].u.gt(winners[big].u)) big = i;
  let given = ZERO;
  const parts = winners.map((w, i) => {
    if (i === big) return ZERO;
    const x = amount.mul(w.u).div(U).toDecimalPlaces(ADL_DP, Money.ROUND_DOWN);
    given = given.plus(x);
    return x;
  });
  parts[big] = amount.minus(given);
  winners.forEach((w, i) => charge(w.a, w.k, parts[i], w.u));
  return { charged: amount, realised, closed };
}
