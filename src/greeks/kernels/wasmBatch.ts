/**
 * The WebAssembly SIMD dispatch of the batch functions (guarded by bench/workloads/greeks.ts, "exact", "price
 * only" and "in place"): blocks of 2048 rows copied into the kernel's memory (`wasmKernel.ts`), validated and
 * priced there, copied back — or, for columns allocated in the kernel's memory, read and written in place. Internal.
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
import { COL } from './wasmKernel.js';

/** Rows per call of the wasm kernel: its copies in and out then cost a few views per 1,024 rows. */
const WASM_BLOCK = 2048;

/** Columns allocated in a kernel instance's memory by `allocateGreeksBatch` (each with two private pad rows). */
const allocated = new WeakSet<ArrayBufferView>();

/** Marks a column as allocated in a kernel's memory: the batch functions then read or write it in place. */
export function markAllocated(column: ArrayBufferView): void {
  allocated.add(column);
}

/** Byte address of an allocated column of this instance (read and written in place), else -1 (copied). */
function inPlace(w: GreeksWasm, a: ArrayBufferView | null): number {
  return a !== null && a.buffer === w.buffer && allocated.has(a) ? a.byteOffset : -1;
}

/** Points table entry `c` at rows from `s` of an in-place column (`addr` ≥ 0, `size` bytes per row) or its scratch. */
function point(w: GreeksWasm, c: number, addr: number, s: number, size: number): boolean {
  w.table[c] = addr < 0 ? w.scratch[c] : addr + s * size;
  return addr < 0;
}

/**
 * The wasm SIMD path of {@link optionGreeksBatch} (`out`) or {@link optionPriceBatch} (`prices`), bsm/black76:
 * block by block, the caller's columns are copied into the kernel's memory, validated and priced there, and the
 * outputs copied back — except columns allocated in this kernel's memory, which the kernel reads and writes in
 * place. A block with an invalid row is searched again in JS to name it (as the JS path would), a block whose x/k
 * is not a normal double goes through the JS kernel, degenerate rows (σ√T = 0) through the scalar one.
 */
export function wasmBatch(w: GreeksWasm, p: Prepared, out: GreeksColumns | null, prices: Float64Array | null): void {
  try {
    blocks(w, p, out, prices);
  } finally {
    w.table.set(w.scratch);
  }
}

function blocks(w: GreeksWasm, p: Prepared, out: GreeksColumns | null, prices: Float64Array | null): void {
  const B = Math.min(WASM_BLOCK, w.capacity);
  const callU8 = p.c instanceof Uint8Array ? 1 : 0;
  const carryIsRate = p.model === BLACK76 ? 1 : 0;
  if (p.r === null) w.r.fill(p.rScalar);
  if (p.q === null) w.q.fill(p.qScalar);
  const cols =
    out === null
      ? null
      : [out.price, out.delta, out.gamma, out.vega, out.theta, out.rho, out.vanna, out.volga, out.charm];
  const ax = inPlace(w, p.x);
  const ak = inPlace(w, p.k);
  const at = inPlace(w, p.t);
  const av = inPlace(w, p.v);
  const ar = inPlace(w, p.r);
  const aq = carryIsRate === 0 ? inPlace(w, p.q) : -1;
  const ac = inPlace(w, p.c);
  const aOut = cols !== null ? cols.map((c) => inPlace(w, c)) : [inPlace(w, prices)];
  for (let s = 0; s < p.n; s += B) {
    const e = Math.min(p.n, s + B);
    const m = e - s;
    if (point(w, COL.X, ax, s, 8)) w.x.set(p.x.subarray(s, e));
    if (point(w, COL.K, ak, s, 8)) w.k.set(p.k.subarray(s, e));
    if (point(w, COL.T, at, s, 8)) w.t.set(p.t.subarray(s, e));
    if (point(w, COL.V, av, s, 8)) w.v.set(p.v.subarray(s, e));
    if (point(w, COL.R, ar, s, 8) && p.r !== null) w.r.set(p.r.subarray(s, e));
    if (point(w, COL.Q, aq, s, 8) && p.q !== null && carryIsRate === 0) w.q.set(p.q.subarray(s, e));
    if (callU8 === 1) {
      if (point(w, COL.C8, ac, s, 1)) w.c8.set((p.c as Uint8Array).subarray(s, e));
    } else if (point(w, COL.C, ac, s, 8)) w.c.set((p.c as Float64Array).subarray(s, e));
    for (let c = 0; c < aOut.length; c++) point(w, COL.PRICE + c, aOut[c], s, 8);
    const flags =
      cols !== null
        ? w.greeks(m, callU8, carryIsRate, p.model === BLACK76 ? 1 : 0, p.tLim, p.vLim, p.rLim)
        : w.prices(m, callU8, carryIsRate, p.tLim, p.vLim, p.rLim);
    if (flags !== 0) {
      // an invalid row: name it (fillBlock throws); x/k outside the normal doubles: the JS kernel takes the rows,
      // in its own blocks (its scratch columns hold BLOCK rows)
      for (let s2 = s; s2 < e; s2 += BLOCK) {
        const e2 = Math.min(e, s2 + BLOCK);
        fillBlock(p, s2, e2);
        if (out !== null) jsGreeksBlock(p, out, s2, e2);
        else priceBlock(p, prices!, s2, e2);
        if (prices !== null)
          for (let i = s2; i < e2; i++) if (!(prices[i] - prices[i] === 0)) checkRowFinite(p, null, prices, i);
      }
      continue;
    }
    const views = m === B ? w.fullOut : null;
    if (cols !== null) {
      for (let c = 0; c < 9; c++) if (aOut[c] < 0) cols[c].set(views !== null ? views[c] : w.out[c].subarray(0, m), s);
    } else if (aOut[0] < 0) {
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
        checkAllFinite(p, out!, s, e);
      } else if (ndeg > 0 || !(acc - acc === 0)) checkAllFinite(p, out!, s, e);
    } else {
      if (p.inverse) for (let i = s; i < e; i++) prices![i] /= p.x[i];
      if (p.inverse || ndeg > 0 || !(acc - acc === 0)) {
        for (let i = s; i < e; i++) if (!(prices![i] - prices![i] === 0)) checkRowFinite(p, null, prices!, i);
      }
    }
  }
}
