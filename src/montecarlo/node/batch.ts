/// <reference types="node" />
/**
 * The calling side of the pool's batch pricing: checks that the columns live on SharedArrayBuffers, hands one
 * claiming task per worker the caller's columns (shared, so read and written in place: no row is copied), and
 * falls back on the single-thread function wherever that one defines the outcome — a batch of one chunk, and any
 * batch with a refused row (the single-thread call then throws the same {@link RiskInputError}, naming the row).
 * Internal to `riskcore/montecarlo/node` (index.ts).
 */
import type { Tinypool } from 'tinypool';
import { RiskInputError } from '../../core/errors.js';
import { impliedVolBatch, optionGreeksBatch, optionPriceBatch } from '../../greeks/index.js';
import type { GreeksColumns, ImpliedVolColumns, OptionColumns } from '../../greeks/index.js';
import { GREEK_NAMES } from '../../greeks/internal.js';
import { BATCH_CHUNK, type BatchKind, type BatchTask, type BatchTaskResult } from './batchTask.js';

const single = {
  greeks: (c: unknown, o: unknown) => optionGreeksBatch(c as OptionColumns, o as GreeksColumns),
  price: (c: unknown, o: unknown) => optionPriceBatch(c as OptionColumns, o as Float64Array),
  impliedVol: (c: unknown, o: unknown) => impliedVolBatch(c as ImpliedVolColumns, o as Float64Array),
};

const isArray = (v: unknown): v is Float64Array | Uint8Array => v instanceof Float64Array || v instanceof Uint8Array;

const isColumnLike = (v: unknown): boolean => ArrayBuffer.isView(v) || Array.isArray(v);

/** Throws when `o`, or a column (array-like field) of `o`, at `path` is not a typed array on a SharedArrayBuffer. */
function checkShared(o: unknown, path: string): void {
  if (isColumnLike(o)) {
    if (!ArrayBuffer.isView(o) || !(o.buffer instanceof SharedArrayBuffer))
      throw new RiskInputError(
        path,
        'a typed array on a SharedArrayBuffer (the workers read and write it in place)',
        o,
      );
    return;
  }
  if (typeof o !== 'object' || o === null) return;
  for (const [k, v] of Object.entries(o)) if (isColumnLike(v)) checkShared(v, `${path}.${k}`);
}

/**
 * Every input column `rows` long and `out` of the batch's shape with columns at least that long (nine named columns
 * for the greeks, one column otherwise); else the single call judges (and names) what is wrong.
 */
function sameLengths(kind: BatchKind, cols: unknown, out: unknown, rows: number): boolean {
  if (typeof cols !== 'object' || cols === null || typeof out !== 'object' || out === null) return false;
  for (const v of Object.values(cols)) if (isArray(v) && v.length !== rows) return false;
  if (kind !== 'greeks') return out instanceof Float64Array && out.length >= rows;
  const o = out as Record<string, unknown>;
  for (const k of GREEK_NAMES) {
    const v = Object.hasOwn(o, k) ? o[k] : undefined;
    if (!(v instanceof Float64Array) || v.length < rows) return false;
  }
  return true;
}

/**
 * Run batch `kind` over `cols` into `out` on `pool` (`threads` workers): same figures as the single-thread function,
 * bit for bit. A failure that is not a refused row (a crashed worker) rejects as tinypool reports it.
 */
export async function runBatchOn<O>(
  pool: Tinypool,
  threads: number,
  kind: BatchKind,
  cols: unknown,
  out: O,
): Promise<O> {
  checkShared(cols, 'cols');
  checkShared(out, 'out');
  const strike = (cols as { strike?: unknown } | null)?.strike;
  const rows = isArray(strike) ? strike.length : 0;
  // one chunk or less (or columns the single-thread function must judge): the calling thread, no round trip
  if (rows <= BATCH_CHUNK || !sameLengths(kind, cols, out, rows)) return single[kind](cols, out) as O;
  const batch: Omit<BatchTask, 'counter'> = {
    kind,
    cols: cols as Record<string, unknown>,
    out: out as BatchTask['out'],
    rows,
  };
  const counter = new SharedArrayBuffer(4);
  const tasks = Math.min(threads, Math.ceil(rows / BATCH_CHUNK));
  let results: BatchTaskResult[];
  try {
    results = (await Promise.all(
      Array.from({ length: tasks }, () => pool.run({ batch: { ...batch, counter } })),
    )) as BatchTaskResult[];
  } catch (e) {
    // a structured-clone failure names the caller's data (e.g. a column of the wrong type): judged by the single call
    if (e instanceof Error && e.name === 'DataCloneError') return single[kind](cols, out) as O;
    throw e;
  }
  if (results.some((r) => r.refused)) single[kind](cols, out); // throws the single-thread error, naming the row
  return out;
}
