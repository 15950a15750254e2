/**
 * The engine's margin arithmetic, operation for operation the one of riskcore/netting's standard and cross methods
 * (`unitFigures`): per position the value `q × unit value`, the delta-one units and (standard) the tiered margin of
 * the position alone; per account the positions grouped by underlying in order of first appearance, each group's
 * IM/MM summed (standard) or the group's net delta-one notional put on the tiers (cross), the groups summed, all
 * sums order-independent ({@link FloatSum}). Per-position figures are cached in the columns; a tick recomputes
 * only the positions on the ticked underlying. Internal.
 */
import type { Market, Position } from '../core/model.js';
import { positionValueUnchecked } from '../greeks/internal.js';
import type { MarginParams, MarginTier } from '../netting/index.js';
import { FloatSum, assetParams, deltaOneUnits, instrumentHash, tierFigures } from '../netting/internal.js';
import type { Columns } from './columns.js';
import { KIND_FUTURE, KIND_OPTION, KIND_PERP, KIND_SPOT } from './columns.js';
import { optionPosition } from './instruments.js';
import type { PortfolioState } from './portfolioState.js';

/** What the figures need to know of the engine: the current market and parameters, the underlying names. */
export interface FigureContext {
  market: Market;
  params: MarginParams;
  method: 'standard' | 'cross';
  underlyings: string[];
  /** Index price per underlying index (kept in step with `market`). */
  prices: Float64Array;
  /** Linear tiers per underlying index, resolved on first use. */
  tiers: (readonly MarginTier[] | undefined)[];
  /** The same tiers as columns (bounds, maintenance and initial rates) per underlying index, resolved on first use. */
  tierColumns: (TierColumns | undefined)[];
  /** The portfolio method's state (null when the engine margins no account by it). */
  pm: PortfolioState | null;
}

/** A tier table as columns: bound (Infinity for the last), maintenance and initial rate. */
export interface TierColumns {
  hi: Float64Array;
  mr: Float64Array;
  ir: Float64Array;
}

/** The linear tiers of underlying index `u`. */
export function tiersOf(fc: FigureContext, u: number): readonly MarginTier[] {
  let t = fc.tiers[u];
  if (t === undefined) fc.tiers[u] = t = assetParams(fc.params, fc.underlyings[u]).linear.tiers;
  return t;
}

/** The linear tiers of underlying index `u` as {@link TierColumns}. */
export function tierColumnsOf(fc: FigureContext, u: number): TierColumns {
  let t = fc.tierColumns[u];
  if (t === undefined) {
    const ts = tiersOf(fc, u);
    fc.tierColumns[u] = t = {
      hi: Float64Array.from(ts, (x) => (x.upTo === null ? Number.POSITIVE_INFINITY : x.upTo)),
      mr: Float64Array.from(ts, (x) => x.maintenanceRate),
      ir: Float64Array.from(ts, (x) => x.initialRate),
    };
  }
  return t;
}

/** The netting {@link Position} of a slot (quantity as held, entry fixed for perps and futures). */
export function slotPosition(c: Columns, s: number, names: readonly string[], fc: FigureContext): Position {
  const underlying = names[c.pUnd[s]];
  const quantity = c.pQty[s];
  const settlement = c.pInverse[s] === 1 ? 'inverse' : 'linear';
  switch (c.pKind[s]) {
    case KIND_OPTION: {
      const pm = fc.pm as PortfolioState;
      return optionPosition(pm.book.terms[c.pInst[s]], names, quantity);
    }
    case KIND_SPOT:
      return { kind: 'spot', underlying, quantity };
    case KIND_PERP:
      return { kind: 'perp', underlying, quantity, settlement, entryPrice: c.pEntry[s] };
    default:
      return { kind: 'future', underlying, quantity, settlement, entryPrice: c.pEntry[s], expiry: c.pExpiry[s] };
  }
}

/** A position's figures: `[value, delta-one units, standard IM, standard MM]` (IM/MM 0 under cross). */
export function positionFigures(p: Position, fc: FigureContext): [number, number, number, number] {
  const m = fc.market;
  const unit = { ...p, quantity: 1 } as Position;
  const value = p.quantity * positionValueUnchecked(unit, m);
  const d1 = deltaOneUnits(p, m);
  if (fc.method !== 'standard') return [value, d1, 0, 0];
  const [im, mm] = tierFigures(d1 * m.assets[p.underlying].price, assetParams(fc.params, p.underlying).linear.tiers);
  return [value, d1, im, mm];
}

/** Recompute the cached figures of one position slot at the current market. */
export function refreshSlot(c: Columns, s: number, fc: FigureContext): void {
  if (c.pKind[s] === KIND_OPTION) {
    c.pValue[s] = c.pQty[s] * (fc.pm as PortfolioState).book.base[c.pInst[s]];
    c.pD1[s] = 0;
    c.pIm[s] = 0;
    c.pMm[s] = 0;
    return;
  }
  const f = positionFigures(slotPosition(c, s, fc.underlyings, fc), fc);
  c.pValue[s] = f[0];
  c.pD1[s] = f[1];
  c.pIm[s] = f[2];
  c.pMm[s] = f[3];
}

/** The account's Σ position value as netting sums it (group-major order). */
export function valueSum(c: Columns, r: number): FloatSum {
  const v = new FloatSum();
  for (let s = c.head[r]; s >= 0; s = c.pNext[s]) v.add(c.pValue[s]);
  return v;
}

/**
 * Figures of a list of positions (group-major), as reusable scratch: per entry its underlying index and the four
 * {@link positionFigures} at `4 × entry`.
 */
export class FigureList {
  n = 0;
  und = new Int32Array(16);
  f = new Float64Array(64);

  /** Append one position's figures. */
  push(u: number, value: number, d1: number, im: number, mm: number): void {
    if (this.n === this.und.length) {
      const und = new Int32Array(this.n * 2);
      und.set(this.und);
      this.und = und;
      const f = new Float64Array(this.n * 8);
      f.set(this.f);
      this.f = f;
    }
    const j = this.n++;
    this.und[j] = u;
    this.f[4 * j] = value;
    this.f[4 * j + 1] = d1;
    this.f[4 * j + 2] = im;
    this.f[4 * j + 3] = mm;
  }
}

/** `(h, l) + x` two-summed ({@link FloatSum}'s step): the new `h` returned, the new `l` left in `TS[0]`. */
const TS = new Float64Array(1);
function twoSum(h: number, l: number, x: number): number {
  const s = h + x;
  const bp = s - h;
  TS[0] = l + (h - (s - bp) + (x - bp));
  return s;
}
/** A two-sum's value rounded once (−0 as 0), as {@link FloatSum.value}. */
const sumOf = (h: number, l: number): number => (h + l === 0 ? 0 : h + l);

/** An account's IM, MM and position value sum from per-position figures in group-major order. */
export function aggregate(list: FigureList, fc: FigureContext): { im: number; mm: number; value: FloatSum } {
  const value = new FloatSum();
  const f = list.f;
  const standard = fc.method === 'standard';
  let imH = 0;
  let imL = 0;
  let mmH = 0;
  let mmL = 0;
  let i = 0;
  while (i < list.n) {
    const u = list.und[i];
    let gImH = 0;
    let gImL = 0;
    let gMmH = 0;
    let gMmL = 0;
    let dH = 0;
    let dL = 0;
    for (; i < list.n && list.und[i] === u; i++) {
      value.add(f[4 * i]);
      dH = twoSum(dH, dL, f[4 * i + 1]);
      dL = TS[0];
      if (standard) {
        gImH = twoSum(gImH, gImL, f[4 * i + 2]);
        gImL = TS[0];
        gMmH = twoSum(gMmH, gMmL, f[4 * i + 3]);
        gMmL = TS[0];
      }
    }
    if (fc.method === 'cross') {
      const name = fc.underlyings[u];
      const [a, b] = tierFigures(
        sumOf(dH, dL) * fc.market.assets[name].price,
        assetParams(fc.params, name).linear.tiers,
      );
      gImH = twoSum(gImH, gImL, a);
      gImL = TS[0];
      gMmH = twoSum(gMmH, gMmL, b);
      gMmL = TS[0];
    }
    imH = twoSum(imH, imL, sumOf(gImH, gImL));
    imL = TS[0];
    mmH = twoSum(mmH, mmL, sumOf(gMmH, gMmL));
    mmL = TS[0];
  }
  return { im: sumOf(imH, imL), mm: sumOf(mmH, mmL), value };
}

/** Set a delta-one slot's instrument code and hash as netting keys it (spot, perp or future by its entry). */
export function keyDeltaOne(c: Columns, s: number): void {
  const kind = c.pKind[s];
  const inv = c.pInverse[s];
  const code = kind === KIND_SPOT ? 20 : kind === KIND_PERP ? 16 + inv : 18 + inv;
  c.pCode[s] = code;
  c.pHash[s] = instrumentHash(code, kind === KIND_SPOT ? 0 : c.pEntry[s], c.pExpiry[s], undefined);
}

export { KIND_FUTURE, KIND_PERP, KIND_SPOT };
