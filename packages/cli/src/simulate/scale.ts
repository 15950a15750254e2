/**
 * A protocol with the holders of one asset scaled, as `recommendCap` of riskcore/stress models a cap: every account
 * holding collateral of the asset (supply) or a perp on it (open interest) has all its amounts (collateral of every
 * asset, cash, debt, perp sizes) multiplied by k, entry prices unchanged, in exact decimals (riskcore `Money`), so
 * the frontier's simulations run the same books as the cap search's.
 */
import { Money, ownValue } from 'riskcore';
import type { Protocol } from 'riskcore/stress';

type Amount = string | number;
interface AnyAccount {
  collateral?: Amount | Record<string, Amount>;
  cash?: Amount;
  debt?: Amount;
  perp?: { size: Amount; entryPrice: Amount };
  perps?: Array<{ asset: string; size: Amount; entryPrice: Amount }>;
  [k: string]: unknown;
}

const m = (x: Amount) => new Money(String(x));
const nonZero = (x: Amount | undefined) => x !== undefined && !m(x).isZero();

/** Whether the protocol is single-asset (no `params.assets`). */
export const isSingle = (p: Protocol): boolean => (p.params as { assets?: unknown }).assets === undefined;

/** Whether `a` holds the capped asset: collateral of it (`supply`) or a perp on it (`openInterest`). */
function holds(a: AnyAccount, asset: string, single: boolean, on: 'supply' | 'openInterest'): boolean {
  if (single) return on === 'supply' ? nonZero(a.collateral as Amount | undefined) : nonZero(a.perp?.size);
  if (on === 'supply') {
    const c = a.collateral as Record<string, Amount> | undefined;
    return c !== undefined && nonZero(ownValue(c, asset));
  }
  return (a.perps ?? []).some((p) => p.asset === asset && nonZero(p.size));
}

/** The scale factor of grid point j: step·j, as `recommendCap` forms it. */
export const gridFactor = (step: number, j: number): Money => new Money(String(step)).mul(j);

/** The protocol with the holders of `asset` scaled by `k` (a new object; the input is not touched). */
export function scaleProtocol(p: Protocol, asset: string, on: 'supply' | 'openInterest', k: Money): Protocol {
  const single = isSingle(p);
  const times = (x: Amount) => m(x).mul(k).toFixed();
  const accounts = (p.accounts as AnyAccount[]).map((a) => {
    if (!holds(a, asset, single, on)) return a;
    const out: AnyAccount = { ...a };
    if (a.collateral !== undefined)
      out.collateral =
        typeof a.collateral === 'object'
          ? Object.fromEntries(Object.entries(a.collateral).map(([n, x]) => [n, times(x)]))
          : times(a.collateral);
    if (a.cash !== undefined) out.cash = times(a.cash);
    if (a.debt !== undefined) out.debt = times(a.debt);
    if (a.perp !== undefined) out.perp = { ...a.perp, size: times(a.perp.size) };
    if (a.perps !== undefined) out.perps = a.perps.map((x) => ({ ...x, size: times(x.size) }));
    return out;
  });
  return { ...p, accounts } as Protocol;
}

/** Price of an asset before any move (quote per unit). */
function priceOf(p: Protocol, asset: string): Money {
  if (isSingle(p)) return m((p.params as { price: Amount }).price);
  const a = ownValue((p.params as { assets: Record<string, { price: Amount }> }).assets, asset);
  return m(a?.price ?? 0);
}

/** Collateral locked: Σ collateral × price + Σ cash over the accounts (quote, exact). */
export function collateralLocked(p: Protocol): Money {
  const single = isSingle(p);
  const price = single ? priceOf(p, '') : null;
  let total = new Money(0);
  for (const a of p.accounts as AnyAccount[]) {
    if (a.cash !== undefined) total = total.plus(m(a.cash));
    if (a.collateral === undefined) continue;
    if (typeof a.collateral !== 'object') total = total.plus(m(a.collateral).mul(price as Money));
    else for (const [n, x] of Object.entries(a.collateral)) total = total.plus(m(x).mul(priceOf(p, n)));
  }
  return total;
}
