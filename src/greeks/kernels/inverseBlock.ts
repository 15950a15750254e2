/**
 * Linear figures of a block turned into inverse (coin-settled) ones in place: the price divided by the underlying,
 * and each Greek by the quotient rule. Guarded by bench/workloads/greeks.ts.
 */
import type { GreeksColumns } from '../batchInput.js';

/** Linear → inverse (coin) settlement of rows [s, e), as the scalar `toInverse` row by row. */
export function toInverseBlock(x: Float64Array, o: GreeksColumns, s: number, e: number): void {
  for (let i = s; i < e; i++) {
    const inv = 1 / x[i];
    const u = o.price[i] * inv;
    const ux = (o.delta[i] - u) * inv;
    const vg = o.vega[i] * inv;
    const th = o.theta[i] * inv;
    o.gamma[i] = (o.gamma[i] - 2 * ux) * inv;
    o.vanna[i] = (o.vanna[i] - vg) * inv;
    o.charm[i] = (o.charm[i] - th) * inv;
    o.price[i] = u;
    o.delta[i] = ux;
    o.vega[i] = vg;
    o.theta[i] = th;
    o.rho[i] = o.rho[i] * inv;
    o.volga[i] = o.volga[i] * inv;
  }
}
