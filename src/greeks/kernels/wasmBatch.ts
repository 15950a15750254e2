/**
 * The WebAssembly SIMD dispatch of the batch functions (guarded by bench/workloads/greeks.ts, "exact" and "price
 * only"): blocks of 2048 rows copied into the kernel's memory (`wasmKernel.ts`), validated and priced there, copied
 * back; the full-block output views are cached. Internal.
 */
import type { GreeksColumns, Prepared } from '../batchInput.js';
import { BLACK76, PRICE } from '../price.js';
import {
  BLOCK,
  checkAllFinite,
  checkRowFinite,
  fillBlock,
  jsGreeksBlock,
  priceBlock,
  row,
  scalarRowAt,
  toInverseBlock,
} from './jsBatch.js';
import type { GreeksWasm } from './wasmKernel.js';

/** Rows per call of the wasm kernel: its copies in and out then cost a few views per 1,024 rows. */
const WASM_BLOCK = 2048;
/** Views of the first WASM_BLOCK rows of the kernel's output columns (full blocks copy out without a new view). */
let fullViews: Float64Array[] | null = null;

/**
 * The wasm SIMD path of {@link optionGreeksBatch} (`out`) or {@link optionPriceBatch} (`prices`), bsm/black76:
 * block by block, the caller's columns are copied into the kernel's memory, validated and priced there, and the
 * outputs copied back. A block with an invalid row is searched again in JS to name it (as the JS path would), a
 * block whose x/k is not a normal double goes through the JS kernel, degenerate rows (σ√T = 0) through the scalar
 * one.
 */
export function wasmBatch(w: GreeksWasm, p: Prepared, out: GreeksColumns | null, prices: Float64Array | null): void {
  const B = Math.min(WASM_BLOCK, w.capacity);
  const callU8 = p.c instanceof Uint8Array ? 1 : 0;
  const carryIsRate = p.model === BLACK76 ? 1 : 0;
  if (p.r === null) w.r.fill(p.rScalar);
  if (p.q === null) w.q.fill(p.qScalar);
  if (fullViews === null || fullViews[0].buffer !== w.out[0].buffer) fullViews = w.out.map((c) => c.subarray(0, B));
  const cols =
    out === null
      ? null
      : [out.price, out.delta, out.gamma, out.vega, out.theta, out.rho, out.vanna, out.volga, out.charm];
  for (let s = 0; s < p.n; s += B) {
    const e = Math.min(p.n, s + B);
    const m = e - s;
    w.x.set(p.x.subarray(s, e));
    w.k.set(p.k.subarray(s, e));
    w.t.set(p.t.subarray(s, e));
    w.v.set(p.v.subarray(s, e));
    if (p.r !== null) w.r.set(p.r.subarray(s, e));
    if (p.q !== null && carryIsRate === 0) w.q.set(p.q.subarray(s, e));
    if (callU8 === 1) w.c8.set((p.c as Uint8Array).subarray(s, e));
    else w.c.set((p.c as Float64Array).subarray(s, e));
    const flags =
      cols !== null ? w.greeks(m, callU8, carryIsRate, p.model === BLACK76 ? 1 : 0) : w.prices(m, callU8, carryIsRate);
    if (flags !== 0) {
      // an invalid row: name it (fillBlock throws); x/k outside the normal doubles: the JS kernel takes the rows,
      // in its own blocks (its scratch columns hold BLOCK rows)
      for (let s2 = s; s2 < e; s2 += BLOCK) {
        const e2 = Math.min(e, s2 + BLOCK);
        fillBlock(p, s2, e2);
        if (out !== null) jsGreeksBlock(p, out, s2, e2);
        else priceBlock(p, prices!, s2, e2);
        if (prices !== null)
          for (let i = s2; i < e2; i++) if (!(prices[i] - prices[i] === 0)) checkRowFinite(null, prices, i, 'cols');
      }
      continue;
    }
    const views = m === B ? fullViews : null;
    if (cols !== null) {
      for (let c = 0; c < 9; c++) cols[c].set(views !== null ? views[c] : w.out[c].subarray(0, m), s);
    } else {
      prices!.set(views !== null ? views[0] : w.out[0].subarray(0, m), s);
    }
    const ndeg = w.status32[1];
    for (let d = 0; d < ndeg; d++) {
      const i = s + w.deg[d];
      scalarRowAt(p, i);
      if (cols !== null) for (let c = 0; c < 9; c++) cols[c][i] = row[c];
      else prices![i] = row[PRICE];
    }
    const acc = w.status64[1];
    if (cols !== null) {
      if (p.inverse) {
        toInverseBlock(p.x, out!, s, e);
        checkAllFinite(out!, s, e);
      } else if (ndeg > 0 || !(acc - acc === 0)) checkAllFinite(out!, s, e);
    } else {
      if (p.inverse) for (let i = s; i < e; i++) prices![i] /= p.x[i];
      if (p.inverse || ndeg > 0 || !(acc - acc === 0)) {
        for (let i = s; i < e; i++) if (!(prices![i] - prices![i] === 0)) checkRowFinite(null, prices!, i, 'cols');
      }
    }
  }
}
