/**
 * Keep only the worst k losses of a long simulation: O(k) memory, exact VaR/ES of the whole run as long as k is at
 * least the tail size. Buffers from separate shards merge exactly.
 */
import { RiskInputError } from '../core/errors.js';
import { checkConfidence, checkNumber, checkStrictObject, joinPath } from '../core/validate.js';
import { TAIL_STATE_KEYS } from './inputKeys.js';

/** Plain-JSON state of a {@link TailBuffer} (what a shard returns to its job runner). */
export interface TailBufferState {
  /** Losses kept at most. */
  capacity: number;
  /** Number of losses observed (all paths, not only the kept ones). */
  total: number;
  /** The kept losses (positive = loss), largest first. */
  losses: number[];
}

/** Reorder a[lo..hi] so that the `k` largest values are in a[lo..lo+k−1] (Hoare quickselect, descending). */
function selectLargest(a: Float64Array, lo: number, hi: number, k: number): void {
  let left = lo;
  let right = hi;
  const target = lo + k - 1;
  while (right > left) {
    const mid = (left + right) >>> 1;
    const pivot = a[mid];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) right = j;
    else if (target >= i) left = i;
    else return;
  }
}

/**
 * The `capacity` largest losses seen so far (loss = −P&L), plus the count of all losses seen. Memory is
 * 2·capacity doubles whatever the number of paths; `push` is amortised O(1).
 *
 * For exact VaR/ES at confidence α over n paths (see {@link tailVaRES}) the capacity must be at least
 * n − ⌈nα⌉ + 1, e.g. 10,001 for 10⁶ paths at 99%. {@link tailCapacity} computes it.
 *
 * @example
 * ```ts
 * import { TailBuffer, tailVaRES } from 'riskcore/montecarlo';
 * const buf = new TailBuffer(3);
 * buf.pushPnL(Float64Array.from([5, -1, -7, 2, -3, 0, -10, 4, 1, -2]));
 * console.log(buf.sortedLosses().join(',')); // '10,7,3'
 * const r = tailVaRES(buf, buf.total, 0.8);
 * console.log(r.var); // 3
 * console.log(r.es); // 8.5
 * ```
 */
/** Largest capacity of a {@link TailBuffer} (2²⁶ losses: a 1 GiB buffer). */
const MAX_TAIL_CAPACITY = 2 ** 26;

export class TailBuffer {
  /** Losses kept at most. */
  readonly capacity: number;
  /** Number of losses observed. */
  total = 0;
  private buf: Float64Array;
  private size = 0;
  /** Losses ≤ threshold can never enter the kept set any more. */
  private threshold = -Infinity;

  constructor(capacity: number) {
    this.capacity = checkNumber(capacity, 'capacity', { ge: 1, le: MAX_TAIL_CAPACITY, integer: true });
    this.buf = new Float64Array(Math.max(2 * this.capacity, 16));
  }

  /** Observe one loss (positive = loss). */
  push(loss: number): void {
    if (!(loss - loss === 0)) throw new RiskInputError('loss', 'a finite number', loss);
    this.total++;
    if (loss <= this.threshold) return;
    if (this.size === this.buf.length) this.compact();
    this.buf[this.size++] = loss;
  }

  /** Observe `pnl[from … to)` as losses −pnl (defaults: the whole array). */
  pushPnL(pnl: ArrayLike<number>, from = 0, to?: number): void {
    if (pnl === null || typeof pnl !== 'object' || typeof pnl.length !== 'number')
      throw new RiskInputError('pnl', 'an array or Float64Array of finite numbers', pnl);
    const end = to === undefined ? pnl.length : checkNumber(to, 'to', { ge: 0, le: pnl.length, integer: true });
    checkNumber(from, 'from', { ge: 0, le: end, integer: true });
    const buf = this.buf;
    let th = this.threshold;
    for (let i = from; i < end; i++) {
      const loss = -pnl[i];
      // x − x is 0 for a finite x, NaN for NaN/±Infinity (and for a non-number): one subtraction per loss
      if (!(loss - loss === 0)) throw new RiskInputError(`pnl[${i}]`, 'a finite number', pnl[i]);
      if (loss <= th) continue;
      if (this.size === buf.length) {
        this.compact();
        th = this.threshold;
        if (loss <= th) continue;
      }
      buf[this.size++] = loss;
    }
    this.total += end - from;
  }

  private compact(): void {
    const k = this.capacity;
    if (this.size <= k) return;
    selectLargest(this.buf, 0, this.size - 1, k);
    let min = Infinity;
    for (let i = 0; i < k; i++) if (this.buf[i] < min) min = this.buf[i];
    this.size = k;
    this.threshold = min;
  }

  /** Number of losses currently kept (≤ capacity). */
  get kept(): number {
    return Math.min(this.size, this.capacity);
  }

  /**
   * The kept losses, largest first (a new Float64Array of length `kept`). Reads the buffer without changing it (the
   * selection runs on the copy), so {@link mergeTails} and {@link tailVaRES} never rewrite their inputs.
   */
  sortedLosses(): Float64Array {
    const out = this.buf.slice(0, this.size);
    const k = this.capacity;
    if (out.length > k) selectLargest(out, 0, out.length - 1, k);
    const top = out.length > k ? out.subarray(0, k) : out;
    top.sort();
    top.reverse();
    return out.length > k ? out.slice(0, k) : out;
  }

  /** Plain-JSON state: survives `JSON.stringify`/`postMessage`, restored by {@link TailBuffer.fromJSON}. */
  toJSON(): TailBufferState {
    return { capacity: this.capacity, total: this.total, losses: Array.from(this.sortedLosses()) };
  }

  /** Rebuild a buffer from {@link TailBuffer.toJSON} output (validated). */
  static fromJSON(state: unknown, path = 'state'): TailBuffer {
    const o = checkStrictObject(state, path, TAIL_STATE_KEYS);
    const cap = checkNumber(o.capacity, joinPath(path, 'capacity'), { ge: 1, integer: true });
    const total = checkNumber(o.total, joinPath(path, 'total'), { ge: 0, integer: true });
    if (!Array.isArray(o.losses))
      throw new RiskInputError(joinPath(path, 'losses'), 'an array of finite numbers', o.losses);
    const losses = o.losses as unknown[];
    if (losses.length > cap || losses.length > total) {
      throw new RiskInputError(
        joinPath(path, 'losses'),
        `at most min(capacity, total) = ${Math.min(cap, total)} losses`,
        losses,
      );
    }
    const b = new TailBuffer(cap);
    for (let i = 0; i < losses.length; i++) b.push(checkNumber(losses[i], `${joinPath(path, 'losses')}[${i}]`));
    b.total = total;
    return b;
  }
}

/** Capacity a {@link TailBuffer} needs for exact VaR/ES at `confidence` over `paths` losses: n − ⌈nα⌉ + 1. */
export function tailCapacity(paths: number, confidence: number): number {
  const n = checkNumber(paths, 'paths', { ge: 1, integer: true });
  const a = checkConfidence(confidence);
  return n - Math.ceil(n * a) + 1;
}

/**
 * Merge shard buffers into one: the worst `capacity` losses of the union (default: the largest input capacity)
 * and the summed totals. Exact: the union's top k is contained in the union of each shard's top k.
 *
 * @example
 * ```ts
 * import { TailBuffer, mergeTails } from 'riskcore/montecarlo';
 * const a = new TailBuffer(2); a.pushPnL([-1, -5, 3]);
 * const b = new TailBuffer(2); b.pushPnL([-4, 2]);
 * const m = mergeTails([a, b]);
 * console.log(m.total); // 5
 * console.log(m.sortedLosses().join(',')); // '5,4'
 * ```
 */
export function mergeTails(buffers: TailBuffer[], capacity?: number): TailBuffer {
  if (!Array.isArray(buffers) || buffers.length === 0)
    throw new RiskInputError('buffers', 'a non-empty array of TailBuffer', buffers);
  buffers.forEach((b, i) => {
    if (!(b instanceof TailBuffer))
      throw new RiskInputError(`buffers[${i}]`, 'a TailBuffer (use TailBuffer.fromJSON for plain state)', b);
  });
  const cap =
    capacity === undefined
      ? Math.max(...buffers.map((b) => b.capacity))
      : checkNumber(capacity, 'capacity', { ge: 1, le: MAX_TAIL_CAPACITY, integer: true });
  const out = new TailBuffer(cap);
  let total = 0;
  for (const b of buffers) {
    const l = b.sortedLosses();
    for (let i = 0; i < l.length; i++) out.push(l[i]);
    total += b.total;
  }
  out.total = total;
  return out;
}

/**
 * VaR and Expected Shortfall of a simulated P&L distribution from its worst losses (Acerbi & Tasche 2002). With
 * losses L = −pnl over n paths and k = ⌈nα⌉: VaR = L₍ₖ₎ (the k-th smallest loss) and
 * ES = (Σ_{i>k} L₍ᵢ₎/n + (k/n − α)·L₍ₖ₎)/(1 − α). Both are positive numbers for losses (negative when even the
 * tail is a gain).
 *
 * @param buffer the worst losses, e.g. from a run or from {@link mergeTails}.
 * @param total n, the number of paths the buffer observed (normally `buffer.total`).
 * @param confidence α in (0, 1), e.g. 0.99.
 * @throws {RiskInputError} if the buffer kept fewer than n − k + 1 losses (exactness would be lost).
 * @example
 * ```ts
 * import { TailBuffer, tailVaRES } from 'riskcore/montecarlo';
 * const b = new TailBuffer(11);
 * b.pushPnL(Float64Array.from({ length: 1000 }, (_, i) => i - 500)); // losses 500, 499, …
 * const r = tailVaRES(b, b.total, 0.99);
 * console.log(r.var); // 490
 * console.log(r.es); // 495.5
 * ```
 */
export function tailVaRES(buffer: TailBuffer, total: number, confidence: number): { var: number; es: number } {
  if (!(buffer instanceof TailBuffer)) throw new RiskInputError('buffer', 'a TailBuffer', buffer);
  const n = checkNumber(total, 'total', { ge: 1, integer: true });
  if (n < buffer.kept) throw new RiskInputError('total', `an integer >= the ${buffer.kept} losses kept`, total);
  const a = checkConfidence(confidence);
  const k = Math.ceil(n * a);
  const need = n - k + 1;
  const L = buffer.sortedLosses(); // descending; L[j] is the (n − j)-th smallest
  if (L.length < need) {
    throw new RiskInputError(
      'buffer',
      `a TailBuffer holding at least n − ⌈nα⌉ + 1 = ${need} losses`,
      buffer,
      `it keeps ${L.length}; raise its capacity`,
    );
  }
  const v = L[need - 1]; // the k-th smallest
  // ES is a weighted mean of losses ≤ max|loss|: summed in units of the largest |loss| so that losses near 1e308
  // cannot overflow the sum (positively homogeneous, exact up to the rescaling's rounding)
  const scale = Math.max(Math.abs(L[0]), Math.abs(v)) || 1;
  let sum = 0;
  for (let j = 0; j < need - 1; j++) sum += L[j] / scale;
  const es = ((sum / n + (k / n - a) * (v / scale)) / (1 - a)) * scale;
  return { var: v + 0, es: Math.min(Math.max(es, v), L[0]) + 0 };
}
