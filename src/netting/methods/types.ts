/** The shape every margin method implements (one file per method; {@link unitFigures} dispatches). Internal. */
import type { UnderlyingBook } from '../book.js';
import type { MarginContext } from '../engine.js';

/** Margin method. */
export type MarginMethod = 'standard' | 'cross' | 'portfolio';

/** One underlying's figures in one pool (floats, quote currency). */
export interface UnderlyingFigures {
  underlying: string;
  im: number;
  mm: number;
  /** Net delta-one units (coins) across spot, perps and futures. */
  netDeltaOne: number;
  /** Worst weighted scenario loss (portfolio; 0 otherwise). */
  scanLoss: number;
  worstScenario: string | null;
  shortOptionMinimum: number;
  optionContingency: number;
  futuresContingency: number;
  bound: 'scan' | 'shortOptionMinimum' | 'standard';
  /** Unweighted P&L per grid scenario (portfolio, when scenarios are asked for; else null). */
  scenarioPnl: Float64Array | null;
}

/** A pool's margin after the underlyings are combined. */
export interface Combined {
  im: number;
  mm: number;
  /** Credit from correlation offsets (portfolio with correlation aggregation; 0 otherwise). */
  diversification: number;
}

/** A margin method. */
export interface MarginMethodImpl {
  /** Margin of one underlying's book (its positions netted by instrument, in canonical order) in one pool. */
  underlying(ctx: MarginContext, book: UnderlyingBook, wantScenarios: boolean): UnderlyingFigures;
  /** The pool's margin from its underlyings' figures. */
  combine(ctx: MarginContext, byUnderlying: readonly UnderlyingFigures[]): Combined;
}

/** Figures of an underlying margined without a scan (standard and cross methods). */
export function unscannedFigures(underlying: string, im: number, mm: number, netDeltaOne: number): UnderlyingFigures {
  return {
    underlying,
    im,
    mm,
    netDeltaOne,
    scanLoss: 0,
    worstScenario: null,
    shortOptionMinimum: 0,
    optionContingency: 0,
    futuresContingency: 0,
    bound: 'standard',
    scenarioPnl: null,
  };
}
