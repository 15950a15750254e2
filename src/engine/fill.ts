/**
 * What a fill does to a position and the cash: spot moves cash by `−quantity × price`; a perp or future adding
 * to its side averages the entry (linear: by quantity; inverse: harmonically, q/E adds up), and reducing realises
 * the closed part's P&L at the fill price into the settlement cash (linear `closed × (P − E)`, inverse
 * `closed × (1/E − 1/P) × P`), a flip re-entering the remainder at P. Cash moves are exact and rounded down to the
 * engine's base unit (the account never gains from rounding). Internal.
 */
import { Money } from '../core/money.js';
import { premiumUnits } from './premiumUnits.js';

/** The position after a fill and the exact cash change (base units). */
export interface FillOutcome {
  quantity: number;
  entry: number;
  cashDelta: bigint;
}

/** `x` in base units of 10^-decimals, rounded down. */
export function toUnitsFloor(x: Money, scale: Money): bigint {
  return BigInt(x.mul(scale).floor().toFixed(0));
}

/** The outcome of filling `dq` at `price` on a position of `q` entered at `entry` (NaN when none). */
export function fillOutcome(
  spot: boolean,
  inverse: boolean,
  q: number,
  entry: number,
  dq: number,
  price: number,
  scale: Money,
): FillOutcome {
  const qNew = q + dq;
  if (spot) return { quantity: qNew, entry: Number.NaN, cashDelta: premiumUnits(dq, price, scale) };
  if (q === 0 || Math.sign(q) === Math.sign(dq)) {
    const e = q === 0 ? price : inverse ? qNew / (q / entry + dq / price) : (q * entry + dq * price) / qNew;
    return { quantity: qNew, entry: e, cashDelta: 0n };
  }
  const closed = Math.abs(dq) >= Math.abs(q) ? q : -dq;
  const p = new Money(price);
  const e = new Money(entry);
  const pnl = inverse
    ? new Money(closed).mul(new Money(1).div(e).minus(new Money(1).div(p))).mul(p)
    : new Money(closed).mul(p.minus(e));
  const flip = Math.abs(dq) > Math.abs(q);
  return {
    quantity: Math.abs(dq) === Math.abs(q) ? 0 : qNew,
    entry: flip ? price : entry,
    cashDelta: toUnitsFloor(pnl, scale),
  };
}
