/** Combining underlyings by summing their margins (standard, cross, and portfolio with `'sum'`). Internal. */
import { FloatSum } from '../exactSum.js';
import type { Combined, UnderlyingFigures } from './types.js';

/** Σ IM and Σ MM over the underlyings, order-independent. */
export function sumCombine(_ctx: unknown, byUnderlying: readonly UnderlyingFigures[]): Combined {
  const im = new FloatSum();
  const mm = new FloatSum();
  for (const b of byUnderlying) {
    im.add(b.im);
    mm.add(b.mm);
  }
  return { im: im.value(), mm: mm.value(), diversification: 0 };
}
