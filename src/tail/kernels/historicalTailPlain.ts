/**
 * The plain version of the historical kernel (kernels/historicalTail), its test reference and the bench's
 * before/after record (`bench/workloads/histvar.ts`): a max-|x| scan rescales series beyond 1e150, then
 * {@link lossTail} selects on a fresh buffer. Equal results, bit for bit. Internal; no entry imports it.
 */
import { checkFiniteArray } from '../../core/validate.js';
import type { NumericArray } from '../../core/validate.js';
import type { QuantileMethod } from '../sample.js';
import { hugeScale, tailFigures } from './historicalTail.js';
import { lossTail } from './lossTail.js';

/** VaR and ES (positive losses) of P&L, as historicalTail computes them, by the plain route. */
export function historicalTailPlain(
  pnl: NumericArray,
  alpha: number,
  method: QuantileMethod,
): { var: number; es: number } {
  const m = hugeScale(pnl);
  if (m > 0) {
    const r = historicalTailPlain(
      Float64Array.from(pnl, (x) => x / m),
      alpha,
      method,
    );
    return { var: r.var * m, es: r.es * m };
  }
  const t = tailFigures(pnl, alpha, method, lossTail);
  if (t === undefined) checkFiniteArray(pnl, 'pnl', 1); // n = 1 and pnl[0] not finite: throws
  return t as { var: number; es: number };
}
