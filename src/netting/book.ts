/**
 * A pool's book: its positions netted by instrument and put in a canonical order before any float is accumulated,
 * so that every margin figure depends on the positions only, never on the order they are listed in.
 *
 * - Underlyings are ordered by name (UTF-16 code units).
 * - Within an underlying, positions of one instrument (every contract term equal: kind, settlement, option type,
 *   model, strike or entry price, expiry, an option's own vol) form a {@link Lot}. Lots are ordered by the hash of
 *   those terms (`instrumentHash.ts`; a native numeric sort), instruments of equal hash by the terms themselves
 *   ({@link compareEntries}), and the positions of a lot by quantity. The order is arbitrary but canonical: it
 *   depends on the instruments only, and adding an instrument leaves the order of the others as it was.
 * - A lot's net quantity and net delta-one units are exact sums of its positions' terms rounded once
 *   ({@link exactSum}): a position and its exact offset cancel to 0, whatever else the lot holds.
 *
 * Internal: the margin methods (`methods/`) read books; `figures.ts` builds them.
 */
import type { Market, Position } from '../core/model.js';
import type { InstrumentEntry, MarginContext } from './engine.js';
import { deltaOneUnits, instrumentEntry } from './engine.js';
import { exactSum } from './exactSum.js';

/** The positions of one instrument in one pool, netted. */
export interface Lot {
  /** The instrument (risk array, per-unit value, identifying numbers). */
  entry: InstrumentEntry;
  /** The lot's positions (entries fixed), in canonical order; they share every contract term but the quantity. */
  positions: Position[];
  /** Net quantity: the exact sum of the positions' quantities, rounded once. */
  quantity: number;
  /** Net delta-one units (coins; 0 for options): the exact sum of the positions' units, rounded once. */
  units: number;
}

/** One underlying's lots in a pool, in canonical order. */
export interface UnderlyingBook {
  underlying: string;
  lots: Lot[];
  /** Net delta-one units (coins) of spot, perps and futures: the exact sum of every position's units, rounded once. */
  netDeltaOne: number;
}

/** Order of two instruments of one underlying by their terms: code, expiry, strike or entry, then own vol. */
export function compareEntries(a: InstrumentEntry, b: InstrumentEntry): number {
  return (
    a.code - b.code ||
    a.k3 - b.k3 ||
    a.k2 - b.k2 ||
    (a.vol === b.vol ? 0 : a.vol === undefined ? -1 : b.vol === undefined ? 1 : a.vol - b.vol)
  );
}

/** The canonical order of two instruments: hash, then terms. */
const canonical = (a: InstrumentEntry, b: InstrumentEntry): number => a.hash - b.hash || compareEntries(a, b);

/** Positions per pool and underlying up to which the order is a native sort of packed (hash, index) keys. */
const PACK = 2 ** 21;

/** Indices of `positions` (with their instruments `es`) in canonical order: instrument, then quantity. Internal. */
export function canonicalOrder(positions: readonly Position[], es: readonly InstrumentEntry[]): number[] {
  const n = positions.length;
  const byTerms = (a: number, b: number) => canonical(es[a], es[b]) || positions[a].quantity - positions[b].quantity;
  if (n >= PACK) return Array.from({ length: n }, (_, i) => i).sort(byTerms);
  // hash·2²¹ + index < 2⁵³: exact doubles, sorted natively by hash
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = es[i].hash * PACK + i;
  keys.sort();
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = keys[i] % PACK;
  // a run of one hash (one instrument's positions, or a collision) is put in order by terms and quantity
  for (let i = 0; i < n; ) {
    const h = es[order[i]].hash;
    let j = i + 1;
    while (j < n && es[order[j]].hash === h) j++;
    if (j - i > 1) {
      const run = order.slice(i, j).sort(byTerms);
      for (let k = i; k < j; k++) order[k] = run[k - i];
    }
    i = j;
  }
  return order;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The lots of one underlying's positions (entries fixed), in canonical order. */
function lotsOf(ctx: MarginContext, positions: readonly Position[]): { lots: Lot[]; netDeltaOne: number } {
  const m = ctx.market;
  const n = positions.length;
  const es = positions.map((p) => instrumentEntry(ctx, p));
  const order = canonicalOrder(positions, es);
  const lots: Lot[] = [];
  const allUnits: number[] = [];
  for (let i = 0; i < n; ) {
    const e = es[order[i]];
    let j = i + 1;
    while (j < n && es[order[j]] === e) j++;
    const first = positions[order[i]];
    let lot: Lot;
    if (j === i + 1) {
      // one position: its own quantity and units (the common case, no exact sums)
      const u = deltaOneUnits(first, m);
      if (first.kind !== 'option') allUnits.push(u);
      lot = { entry: e, positions: [first], quantity: first.quantity === 0 ? 0 : first.quantity, units: u };
    } else {
      const ps = order.slice(i, j).map((k) => positions[k]);
      const units = unitTermsOf(ps, m);
      if (first.kind !== 'option') for (const u of units) allUnits.push(u);
      lot = { entry: e, positions: ps, quantity: exactSum(ps.map((p) => p.quantity)), units: exactSum(units) };
    }
    lots.push(lot);
    i = j;
  }
  return { lots, netDeltaOne: allUnits.length === 0 ? 0 : exactSum(allUnits) };
}

/** Each position's delta-one units (coins; 0 for options). */
export function unitTermsOf(positions: readonly Position[], m: Market): number[] {
  return positions.map((p) => deltaOneUnits(p, m));
}

/** Net delta-one units of lots (one contract's): the exact sum of every position's units, rounded once. */
export function netUnits(lots: readonly Lot[], m: Market): number {
  return lots.length === 1
    ? lots[0].units
    : exactSum(
        unitTermsOf(
          lots.flatMap((l) => l.positions),
          m,
        ),
      );
}

/**
 * Delta-one lots grouped by contract — one kind, settlement and expiry, any entry price (the entry is a position's
 * cost, not part of the contract) — in the order the book meets them. Internal.
 */
export function contracts(lots: readonly Lot[]): Lot[][] {
  const byCode = new Map<number, Map<number, Lot[]>>();
  for (const lot of lots) {
    if (lot.positions[0].kind === 'option') continue;
    let byExpiry = byCode.get(lot.entry.code);
    if (!byExpiry) byCode.set(lot.entry.code, (byExpiry = new Map()));
    const list = byExpiry.get(lot.entry.k3);
    if (list) list.push(lot);
    else byExpiry.set(lot.entry.k3, [lot]);
  }
  const out: Lot[][] = [];
  for (const byExpiry of byCode.values()) for (const list of byExpiry.values()) out.push(list);
  return out;
}

/** A pool's positions (validated, entries fixed) netted by instrument, underlyings by name. Internal. */
export function netBook(ctx: MarginContext, positions: readonly Position[]): UnderlyingBook[] {
  const groups = new Map<string, Position[]>();
  for (const p of positions) {
    let g = groups.get(p.underlying);
    if (!g) groups.set(p.underlying, (g = []));
    g.push(p);
  }
  return [...groups.keys()].sort(byName).map((u) => ({ underlying: u, ...lotsOf(ctx, groups.get(u) as Position[]) }));
}
