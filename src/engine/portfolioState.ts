/** The engine's portfolio-method state and its scratch (see portfolio.ts). Internal. */
import type { MarginParams } from '../netting/index.js';
import type { Columns } from './columns.js';
import type { OptionInstruments } from './instruments.js';

/** Positions of one underlying as columns (a group of slots, or a pre-trade's hypothetical group). */
export class Items {
  n = 0;
  kind = new Uint8Array(32);
  inv = new Uint8Array(32);
  inst = new Int32Array(32);
  q = new Float64Array(32);
  /** Entry (perps, futures) or strike (options). */
  e = new Float64Array(32);
  x = new Float64Array(32);

  /** Append one position. */
  push(kind: number, inv: number, inst: number, q: number, e: number, x: number): void {
    if (this.n === this.q.length) {
      const m = this.n * 2;
      const g = <T extends Uint8Array | Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(m);
        b.set(a as never);
        return b;
      };
      this.kind = g(this.kind);
      this.inv = g(this.inv);
      this.inst = g(this.inst);
      this.q = g(this.q);
      this.e = g(this.e);
      this.x = g(this.x);
    }
    const i = this.n++;
    this.kind[i] = kind;
    this.inv[i] = inv;
    this.inst[i] = inst;
    this.q[i] = q;
    this.e[i] = e;
    this.x[i] = x;
  }

  /** Append slot `s`. */
  pushSlot(c: Columns, s: number): void {
    this.push(c.pKind[s], c.pInverse[s], c.pInst[s], c.pQty[s], c.pEntry[s], c.pExpiry[s]);
  }
}

/** The portfolio method's state in the engine: grid, shocked prices per underlying, instruments, scratch. */
export interface PortfolioState {
  /** `'auto'`: accounts holding an option; `'all'`: every account. */
  mode: 'auto' | 'all';
  nS: number;
  weights: Float64Array;
  /** Per underlying index: `1 + move` of each scenario (resolved on first use). */
  onePlus: (Float64Array | undefined)[];
  /** Per underlying index: the shocked index price and perp mark of each scenario at the current market. */
  scenP: (Float64Array | undefined)[];
  scenM: (Float64Array | undefined)[];
  book: OptionInstruments;
  /** A risk array outside the table (a pre-trade's new instrument), used by items whose `inst` is −2. */
  tmpRa: Float64Array;
  items: Items;
  hi: Float64Array;
  lo: Float64Array;
  /** Scratch of the per-(expiry, strike) and per-expiry nets: keys and two-sums. */
  pk1: Float64Array;
  pk2: Float64Array;
  ph: Float64Array;
  pl: Float64Array;
  /** ρ between underlying indices (NaN until resolved), for correlation aggregation. */
  corr: Float64Array;
  actU: Int32Array;
  actIm: Float64Array;
}

/** A new portfolio state for `nU` underlyings. */
export function portfolioState(
  params: MarginParams,
  nU: number,
  mode: 'auto' | 'all',
  book: OptionInstruments,
): PortfolioState {
  const nS = params.grid.scenarios.length;
  return {
    mode,
    nS,
    weights: Float64Array.from(params.grid.scenarios, (s) => s.weight),
    onePlus: [],
    scenP: [],
    scenM: [],
    book,
    tmpRa: new Float64Array(nS),
    items: new Items(),
    hi: new Float64Array(nS),
    lo: new Float64Array(nS),
    pk1: new Float64Array(32),
    pk2: new Float64Array(32),
    ph: new Float64Array(32),
    pl: new Float64Array(32),
    corr: new Float64Array(nU * nU).fill(Number.NaN),
    actU: new Int32Array(nU),
    actIm: new Float64Array(nU),
  };
}
