/**
 * Batch columns that live in the pricing kernel's memory, so that {@link optionGreeksBatch} and
 * {@link optionPriceBatch} read and write them in place: a batch of any size is priced without copying a row.
 */
import { RiskInputError } from '../core/errors.js';
import type { PricingModel, Settlement } from '../core/model.js';
import { checkNumber, checkObject, checkKeys, knownKeys, optionalEnum } from '../core/validate.js';
import type { GreeksColumns } from './batchInput.js';
import { markAllocated } from './kernels/wasmBatch.js';
import { instance } from './kernels/wasmKernel.js';
import { GREEK_NAMES } from './price.js';

/** Most rows of one allocated batch: its columns (≈ 121 bytes a row) must fit a 4 GiB WebAssembly memory. */
export const MAX_BATCH_ROWS = 2 ** 25;

/** Options of {@link allocateGreeksBatch}. */
export interface GreeksBatchOptions {
  /** Model of the batch; default `'bsm'` (spot and dividend-yield columns), else a forward column. */
  model?: PricingModel;
  /** Settlement of the batch; default `'linear'`. */
  settlement?: Settlement;
}

/** Input columns of an allocated batch (an {@link OptionColumns} whose columns live in the kernel's memory). */
export interface AllocatedColumns {
  model: PricingModel;
  settlement: Settlement;
  /** Spot prices (bsm). */
  spot?: Float64Array;
  /** Forward prices (black76, bachelier). */
  forward?: Float64Array;
  strike: Float64Array;
  expiry: Float64Array;
  vol: Float64Array;
  rate: Float64Array;
  /** Dividend yields (bsm). */
  dividendYield?: Float64Array;
  /** 1 for a call, 0 for a put. */
  isCall: Uint8Array;
  /** Set `true` to accept rows that are usually unit slips (as {@link OptionColumns.allowExtreme}). */
  allowExtreme?: boolean;
}

/** Result of {@link allocateGreeksBatch}: columns to fill, and output columns the kernel writes. */
export interface GreeksBatchResult {
  rows: number;
  /** Where the kernel reads and writes in place (false where WebAssembly SIMD is missing or for bachelier). */
  inPlace: boolean;
  cols: AllocatedColumns;
  out: GreeksColumns;
}

const OPTIONS = knownKeys('model', 'settlement');

/**
 * Allocate the input and output columns of a batch of `rows` options in the pricing kernel's own memory. Fill the
 * input columns, then call {@link optionGreeksBatch}`(batch.cols, batch.out)` (or {@link optionPriceBatch}): the
 * kernel reads and writes these columns where they are, so no row is copied in or out, and the cost per option
 * stays flat as batches grow. The figures are the same as with ordinary `Float64Array` columns, bit for bit; a
 * column replaced by an ordinary array (or a number for `rate` / `dividendYield`) is copied as usual.
 *
 * Likely unit slips are refused as by {@link optionGreeksBatch}; set `batch.cols.allowExtreme = true` to accept them.
 *
 * Each batch has its own memory (freed with the batch by the garbage collector). Where WebAssembly SIMD is missing,
 * and for the bachelier model (priced by the JS kernel), the columns are ordinary typed arrays and `inPlace` is false.
 *
 * @param rows number of options, an integer in [0, 2²⁵].
 * @returns the columns; `cols.isCall` is a Uint8Array of 0/1.
 * @example
 * ```ts
 * import { allocateGreeksBatch, optionGreeksBatch } from 'riskcore/greeks';
 * const batch = allocateGreeksBatch(2);
 * batch.cols.spot?.set([100, 100]);
 * batch.cols.strike.set([100, 110]);
 * batch.cols.expiry.set([1, 0.5]);
 * batch.cols.vol.set([0.2, 0.3]);
 * batch.cols.rate.fill(0.05);
 * batch.cols.isCall.set([1, 0]);
 * optionGreeksBatch(batch.cols, batch.out);
 * console.log(batch.out.price[0]); // 10.450583572186
 * ```
 */
export function allocateGreeksBatch(rows: number, options?: GreeksBatchOptions): GreeksBatchResult {
  const n = checkNumber(rows, 'rows', { ge: 0, le: MAX_BATCH_ROWS, integer: true });
  const o = options === undefined ? {} : checkObject(options, 'options');
  checkKeys(o, 'options', OPTIONS);
  const model = optionalEnum(o.model, 'options.model', ['bsm', 'black76', 'bachelier'] as const, 'bsm');
  const settlement = optionalEnum(o.settlement, 'options.settlement', ['linear', 'inverse'] as const, 'linear');
  if (model === 'bachelier' && settlement === 'inverse')
    throw new RiskInputError('options.settlement', "'linear' for the bachelier model", settlement);
  const names =
    model === 'bsm'
      ? ['spot', 'strike', 'expiry', 'vol', 'rate', 'dividendYield']
      : ['forward', 'strike', 'expiry', 'vol', 'rate'];
  const f64Columns = names.length + GREEK_NAMES.length;
  // two pad rows per column: the kernel pads an odd last block with a copy of its last row
  const colBytes = (bytesPerRow: number) => Math.ceil(((n + 2) * bytesPerRow) / 16) * 16;
  const kernel = model === 'bachelier' ? null : allocate(f64Columns * colBytes(8) + colBytes(1) + 16);
  let at = kernel === null ? 0 : Math.ceil(kernel.extraBase / 16) * 16;
  const f64 = (): Float64Array => {
    if (kernel === null) return new Float64Array(n);
    const a = new Float64Array(kernel.buffer, at, n);
    at += colBytes(8);
    markAllocated(a);
    return a;
  };
  const input: Record<string, Float64Array> = {};
  for (const name of names) input[name] = f64();
  const out = {} as Record<string, Float64Array>;
  for (const g of GREEK_NAMES) out[g] = f64();
  let isCall: Uint8Array;
  if (kernel === null) isCall = new Uint8Array(n);
  else {
    isCall = new Uint8Array(kernel.buffer, at, n);
    markAllocated(isCall);
  }
  return {
    rows: n,
    inPlace: kernel !== null,
    cols: { model, settlement, ...input, isCall } as unknown as AllocatedColumns,
    out: out as unknown as GreeksColumns,
  };
}

/** A kernel instance with `bytes` free after its data, or null where the kernel cannot run. */
function allocate(bytes: number): { buffer: ArrayBuffer; extraBase: number } | null {
  let made: ReturnType<typeof instance>;
  try {
    made = instance(bytes);
  } catch (e) {
    throw new RiskInputError(
      'rows',
      `a batch whose ${bytes} bytes of columns this runtime can allocate (${String(e)}); price it in several batches`,
      bytes,
    );
  }
  return made === null ? null : { buffer: made.kernel.buffer, extraBase: made.extraBase };
}
