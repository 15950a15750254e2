/**
 * The worker side of the pool's batch pricing (`pool.optionGreeksBatch`, `pool.impliedVolBatch`): a task claims
 * chunks of rows from a shared counter and runs the single-thread batch function on views of the caller's shared
 * columns, in place. Chunks start at multiples of {@link BATCH_CHUNK} rows, a multiple of the pricing kernel's
 * 2048-row block, so every row is priced in the same block position as by one call on the whole batch: the same
 * bits. Internal to `riskcore/montecarlo/node`.
 */
import { impliedVolBatch, optionGreeksBatch, optionPriceBatch, RiskInputError } from '../../greeks/index.js';
import type { GreeksColumns, ImpliedVolColumns, OptionColumns } from '../../greeks/index.js';

/** Rows a claim: 8 blocks of the wasm pricing kernel. */
export const BATCH_CHUNK = 16384;

/** Which batch function a task runs. */
export type BatchKind = 'greeks' | 'price' | 'impliedVol';

/** One worker's share of a batch: it claims chunks from `counter` until the rows run out. */
export interface BatchTask {
  kind: BatchKind;
  /** The caller's input columns (typed arrays on SharedArrayBuffers, or numbers where the API takes one). */
  cols: Record<string, unknown>;
  /** The output: nine columns (greeks) or one (price, impliedVol), on SharedArrayBuffers. */
  out: Record<string, Float64Array> | Float64Array;
  rows: number;
  /** Int32 chunk counter, shared by the batch's tasks. */
  counter: SharedArrayBuffer;
}

/** What a task reports: rows it priced, and whether a row was refused (the caller then finds and names it). */
export interface BatchTaskResult {
  rows: number;
  refused: boolean;
}

/** Marker of a task claim message (distinguishes it from a Monte Carlo shard task). */
export const isBatchTask = (t: unknown): t is { batch: BatchTask } =>
  typeof t === 'object' && t !== null && 'batch' in t;

/** Views [s, e) of every typed-array field of `o`; other fields as they are. */
export function sliceRows<T extends object>(o: T, s: number, e: number): T {
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o))
    r[k] = v instanceof Float64Array || v instanceof Uint8Array ? v.subarray(s, e) : v;
  return r as T;
}

/** Run chunks of `t` until none is left (or a row is refused: then the other tasks stop at their next claim). */
export function runBatchTask(t: BatchTask): BatchTaskResult {
  const counter = new Int32Array(t.counter);
  let rows = 0;
  for (;;) {
    const s = Atomics.add(counter, 0, 1) * BATCH_CHUNK;
    if (s >= t.rows) return { rows, refused: false };
    const e = Math.min(t.rows, s + BATCH_CHUNK);
    const cols = sliceRows(t.cols, s, e);
    try {
      if (t.kind === 'impliedVol')
        impliedVolBatch(cols as unknown as ImpliedVolColumns, (t.out as Float64Array).subarray(s, e));
      else if (t.kind === 'price')
        optionPriceBatch(cols as unknown as OptionColumns, (t.out as Float64Array).subarray(s, e));
      else optionGreeksBatch(cols as unknown as OptionColumns, sliceRows(t.out as unknown as GreeksColumns, s, e));
    } catch (err) {
      if (!(err instanceof RiskInputError)) throw err;
      Atomics.store(counter, 0, 2 ** 30); // past every batch: the other tasks stop
      return { rows, refused: true };
    }
    rows += e - s;
  }
}
