/**
 * Column-wise option pricing and Greeks: Float64Array inputs in, caller-provided Float64Array outputs written,
 * nothing allocated per option.
 *
 * Two kernels compute the same figures. Where WebAssembly SIMD is available (Node, Deno, Bun, current browsers),
 * bsm and black76 rows go through the f64x2 kernel of `wasm/greeksKernel.as.ts` (`kernels/wasmBatch.ts`): blocks of 2048
 * rows are copied into its memory, validated and priced there two rows at a time, and copied back. Elsewhere, and
 * for bachelier, the JS kernel of `kernels/jsBatch.ts` runs: rows go through in blocks of 512, each validated (one branch-free 0/1 flag
 * over every bound of every row, the unit-slip bounds included; a bad block is searched again to name the row) and then priced in stages, each a
 * short loop over the block's scratch columns in L1/L2 (loop fission): √T, σ√T, S/K → e^{−rT}, e^{(r−q)T}, ln(S/K)
 * → d1, d2 → e^{−d1²/2} → e^{−d2²/2} = e^{−d1²/2}·(S/K)·e^{(r−q)T} → Φ(w·d1), Φ(w·d2) (Cody's rationals on the
 * shared exponentials, rows sorted branch-free by rational) → price and Greeks. exp and log are the inlined ones of
 * `fastMath.ts`; the wasm kernel ports the same polynomials. The scalar {@link optionGreeks} is the reference both
 * kernels are tested against.
 */
import { BACHELIER, GREEK_NAMES } from './price.js';
import { outColumn, OUT_KEYS, prepare } from './batchInput.js';
import type { GreeksColumns, OptionColumns } from './batchInput.js';
import { checkStrictObject } from '../core/validate.js';
import {
  BLOCK,
  bachelierBlock,
  checkAllFinite,
  checkRowFinite,
  fillBlock,
  lognormalBlock,
  priceBlock,
  toInverseBlock,
} from './kernels/jsBatch.js';
import { wasmBatch } from './kernels/wasmBatch.js';
import { greeksWasm } from './kernels/wasmKernel.js';

export type { Column, GreeksColumns, OptionColumns } from './batchInput.js';

/**
 * Price and the 8 Greeks of many options at once (same figures as {@link optionGreeks}, row by row), written into
 * the caller's output columns. Columns are validated block by block (2048 rows on the WebAssembly SIMD kernel,
 * 512 on the JS one) just before they are priced, row by row as {@link optionGreeks} validates one option: values
 * that are usually unit slips (a lognormal vol above 5, an expiry above 10 years, a rate or dividend yield above 1 in
 * magnitude) are refused as there, unless `cols.allowExtreme` is `true`. After a throw, `out` may hold the figures
 * of the rows before the bad block (it is defined only when the call returns). No allocation per option (a few
 * typed-array views per block of rows).
 *
 * @param cols input columns ({@link OptionColumns}), one model and settlement per batch; `cols.allowExtreme: true`
 *   accepts the likely unit slips (figures of the other rows unchanged, bit for bit).
 * @param out output columns ({@link GreeksColumns}), each at least as long as the inputs.
 * @returns `out`.
 * @throws RiskInputError at the first bad row, naming its element with {@link optionGreeks}' message and hint
 *   (`cols.strike[17] must be a finite number > 0`, `cols.vol[17] must be at most 5 in magnitude, got 60 (vols
 *   are fractions per year …)`; a rate or dividend yield given as one number: `cols.rate`, checked before any row);
 *   for a row whose figures overflow a double, at the field {@link optionGreeks} names (`cols.expiry[3] must be a
 *   value whose option price and Greeks are finite doubles, got 2 (vanna overflows)`); at `cols.<field>` or
 *   `out.<column>` for a bad column.
 * @example
 * ```ts
 * import { optionGreeksBatch } from 'riskcore/greeks';
 * const n = 2;
 * const out = { price: new Float64Array(n), delta: new Float64Array(n), gamma: new Float64Array(n), vega: new Float64Array(n),
 *   theta: new Float64Array(n), rho: new Float64Array(n), vanna: new Float64Array(n), volga: new Float64Array(n), charm: new Float64Array(n) };
 * optionGreeksBatch({
 *   spot: Float64Array.of(100, 100), strike: Float64Array.of(100, 110), expiry: Float64Array.of(1, 0.5),
 *   vol: Float64Array.of(0.2, 0.3), rate: 0.05, isCall: Uint8Array.of(1, 0),
 * }, out);
 * console.log(out.price[0]); // 10.450583572186
 * ```
 */
export function optionGreeksBatch(cols: OptionColumns, out: GreeksColumns): GreeksColumns {
  const p = prepare(cols, 'cols');
  const o = checkStrictObject(out, 'out', OUT_KEYS);
  for (const name of GREEK_NAMES) outColumn(o[name], `out.${name}`, p.n);
  const wasm = p.model === BACHELIER ? null : greeksWasm(p.x);
  if (wasm !== null) {
    wasmBatch(wasm, p, out, null);
    return out;
  }
  for (let s = 0; s < p.n; s += BLOCK) {
    const e = Math.min(p.n, s + BLOCK);
    fillBlock(p, s, e);
    if (p.model === BACHELIER) {
      bachelierBlock(p, out, s, e);
      checkAllFinite(p, out, s, e);
      continue;
    }
    const acc = lognormalBlock(p, out, s, e);
    if (p.inverse) {
      toInverseBlock(p.x, out, s, e);
      checkAllFinite(p, out, s, e);
    } else if (!(acc - acc === 0)) checkAllFinite(p, out, s, e);
  }
  return out;
}

/**
 * Prices of many options at once (same figures as {@link optionPrice}), written into `out`. Validation as in
 * {@link optionGreeksBatch} (likely unit slips refused unless `cols.allowExtreme` is `true`); no allocation per
 * option.
 *
 * @param cols input columns ({@link OptionColumns}).
 * @param out a Float64Array at least as long as the inputs.
 * @returns `out`.
 * @throws RiskInputError as {@link optionGreeksBatch}: at the first bad row's element (`cols.expiry[3] must be at
 *   most 10 in magnitude, got 30 (expiry is in years …)`); for a price that overflows a double, at the field
 *   {@link optionPrice} names.
 *
 * @example
 * ```ts
 * import { optionPriceBatch } from 'riskcore/greeks';
 * const out = new Float64Array(2);
 * optionPriceBatch({ model: 'black76', forward: Float64Array.of(100, 100), strike: Float64Array.of(90, 110),
 *   expiry: Float64Array.of(1, 1), vol: Float64Array.of(0.25, 0.25), isCall: Float64Array.of(1, 1) }, out);
 * console.log(out[0] > out[1]); // true
 * ```
 */
export function optionPriceBatch(cols: OptionColumns, out: Float64Array): Float64Array {
  const p = prepare(cols, 'cols');
  outColumn(out, 'out', p.n);
  const wasm = p.model === BACHELIER ? null : greeksWasm(p.x);
  if (wasm !== null) {
    wasmBatch(wasm, p, null, out);
    return out;
  }
  for (let s = 0; s < p.n; s += BLOCK) {
    const e = Math.min(p.n, s + BLOCK);
    fillBlock(p, s, e);
    priceBlock(p, out, s, e);
    for (let i = s; i < e; i++) if (!(out[i] - out[i] === 0)) checkRowFinite(p, null, out, i);
  }
  return out;
}
