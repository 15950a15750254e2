// Kernel guarded by the bench workload bench/workloads/histvar.ts (historical VaR/ES on 1e6 points vs numpy and C).
/**
 * {@link lossTail} in one pass over the P&L with the overflow guard folded in, branch-free compaction and scratch
 * memory reused across calls. Internal to historicalTail; `lossTail` (the plain version) is its test reference:
 * on every input where this kernel answers, its `kth` equals lossTail's and its `above` holds the same values in
 * the same order, so every sum over it is bit-identical.
 *
 * One pass computes, per value x: a guard sum of x·2⁵²⁶ (finite when every x is finite and |x| < 8.2e149; ±∞ or
 * NaN when some x is NaN, ±∞ or large enough that sums of losses might overflow), and an unconditional store of x
 * at the buffer's end, which only advances when x is in the tail. A non-finite guard returns `undefined`: the
 * caller then runs the exact checks (which throw on a non-finite value, or rescale by max |x| beyond 1e150).
 */
import { floydRivestSelect } from './select.js';
import type { LossTail } from './lossTail.js';

/** Sample size and fast-path conditions: identical to lossTail's (equal fall-back decisions, equal results). */
const SAMPLE = 2048;
/** x·2⁵²⁶ overflows to ±∞ for every |x| ≥ 8.2e149, so the guard flags every |x| > 1e150. */
const GUARD = 2 ** 526;
/** Values compacted between two capacity checks; the buffer carries this much slack. */
const BLOCK = 4096;
/** Scratch retained between calls, at most (doubles; 16 MB). Larger calls allocate their own. */
const RETAIN = 1 << 21;

let scratch = new Float64Array(0);
/** [bound of the current pass, guard multiplier of the current call] */
const unboxed = Float64Array.of(0, GUARD);
const sample = new Float64Array(SAMPLE);

/**
 * A scratch buffer of at least `size` doubles, reused across calls (never handed to callers beyond one call); it
 * grows to the size asked, up to RETAIN.
 */
function scratchOf(size: number): Float64Array {
  if (size > RETAIN) return new Float64Array(size);
  if (scratch.length < size) scratch = new Float64Array(size);
  return scratch;
}

/**
 * L₍ₖ₎ and the losses ranked above it (1 ≤ k ≤ n), or `undefined` when some value is non-finite or |x| ≥ 8.2e149
 * (or the guard sum overflows from many values near that size: the exact route then decides). `above` is a view
 * into scratch memory that the next call overwrites: consume it before calling again. `guard` multiplies each x in
 * the guard sum: 2⁵²⁶ (the default) flags huge values as above; 0 flags only non-finite ones, the exact route's
 * selection for finite series that need no rescaling. Float64Array only: one element type keeps the pass's
 * compiled code monomorphic (callers copy other arrays once, see historicalTail).
 */
export function guardedLossTail(pnl: Float64Array, k: number, guard = GUARD): LossTail | undefined {
  unboxed[1] = guard;
  const n = pnl.length;
  const m = n - k + 1; // how many losses are ranked k..n
  const expected = (SAMPLE * m) / n;
  const want = Math.ceil(expected + 4 * Math.sqrt(expected) + 8); // sample points kept above the threshold
  // the sampled pass when lossTail takes it, else (or when it declines, as lossTail falls back) every value; with
  // m·16 ≤ n, expected ≤ 128 and want ≤ 182: lossTail's want ≥ SAMPLE refusal cannot occur
  return (
    (n >= 8 * SAMPLE &&
      m * 16 <= n &&
      filteredTail(pnl, m, sampledBound(pnl, SAMPLE - want), Math.min(n, Math.ceil((2 * n * want) / SAMPLE) + 1024))) ||
    filteredTail(pnl, m, Infinity, n)
  );
}

/**
 * The pnl bound (loss ≥ t ⇔ pnl ≤ bound) at rank r of lossTail's deterministic 2,048-point sample (the same
 * sample, so the same threshold); NaN when the sample holds a non-finite value (the pass then keeps nothing).
 */
function sampledBound(pnl: Float64Array, r: number): number {
  const n = pnl.length;
  // xorshift32 with lossTail's seed
  let s = 0x9e3779b9 | 0;
  let probe = 0;
  for (let i = 0; i < SAMPLE; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const x = pnl[(s >>> 0) % n];
    probe += x - x;
    sample[i] = -x;
  }
  if (probe !== 0) return NaN;
  floydRivestSelect(sample, r, 0, SAMPLE - 1);
  return -sample[r];
}

/**
 * Every −x with x ≤ bound, in input order, in scratch, and the selection there; `undefined` when the guard flags
 * the series, when more than `capacity` values pass or fewer than m (the sample was unlucky: lossTail falls back
 * to the full copy at the same points). With bound +∞ and capacity n it is lossTail's full copy: all n losses.
 */
function filteredTail(pnl: Float64Array, m: number, bound: number, capacity: number): LossTail | undefined {
  const buf = scratchOf(capacity + BLOCK);
  const c = compact(pnl, bound, capacity, buf); // −1 when flagged
  if (c < m || c > capacity) return undefined;
  negate(buf, c);
  const j = c - m; // L₍ₖ₎ is the (j+1)-th smallest in the buffer
  floydRivestSelect(buf, j, 0, c - 1);
  return { kth: buf[j], above: buf.subarray(j + 1, c) };
}

/**
 * buf[0..c) = −buf[0..c). A function of its own: a loop here would make filteredTail enter on-stack-replaced code
 * compiled before the statements after the loop ever ran, and deoptimize there on every call.
 */
function negate(buf: Float64Array, c: number): void {
  for (let i = 0; i < c; i++) buf[i] = -buf[i];
}

/**
 * The pass: copies every x ≤ bound into buf, in input order, and returns how many (stopping early once more than
 * `capacity`), or −1 when the guard sum Σ x·2⁵²⁶ is not finite. That sum is finite when every x is finite and
 * below 8.2e149 (one that overflows from many large finite terms only sends the call down the exact route).
 * Each x is stored unconditionally and the end advances by the comparison's 0 or 1 (no branch to mispredict); four
 * guard sums, so no add waits on the previous one. Unrolled by 32: the loop's own checks (the maps of both arrays,
 * the bounds) are paid once per 32 values, 12–15% faster than by 8. The 32 are four identical groups of 8 that
 * advance i (identical text gzips to almost nothing; groups of 4 cost 2% more time, groups of 8 none measurable).
 * buf holds capacity + BLOCK values.
 */
function compact(pnl: Float64Array, bound: number, capacity: number, buf: Float64Array): number {
  const n = pnl.length;
  // both read from a Float64Array: unboxed doubles held in registers (a parameter is re-unboxed every iteration)
  unboxed[0] = bound;
  const b = unboxed[0];
  const g = unboxed[1];
  let c = 0;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let x = 0;
  for (let i0 = 0; i0 < n && c <= capacity; i0 += BLOCK) {
    const i1 = Math.min(i0 + BLOCK, n);
    let i = i0;
    while (i + 31 < i1) {
      p0 += (x = pnl[i]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p1 += (x = pnl[(i + 1) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p2 += (x = pnl[(i + 2) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p3 += (x = pnl[(i + 3) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p0 += (x = pnl[(i + 4) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p1 += (x = pnl[(i + 5) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p2 += (x = pnl[(i + 6) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p3 += (x = pnl[(i + 7) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      i = (i + 8) | 0;
      p0 += (x = pnl[i]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p1 += (x = pnl[(i + 1) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p2 += (x = pnl[(i + 2) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p3 += (x = pnl[(i + 3) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p0 += (x = pnl[(i + 4) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p1 += (x = pnl[(i + 5) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p2 += (x = pnl[(i + 6) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p3 += (x = pnl[(i + 7) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      i = (i + 8) | 0;
      p0 += (x = pnl[i]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p1 += (x = pnl[(i + 1) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p2 += (x = pnl[(i + 2) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p3 += (x = pnl[(i + 3) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p0 += (x = pnl[(i + 4) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p1 += (x = pnl[(i + 5) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p2 += (x = pnl[(i + 6) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p3 += (x = pnl[(i + 7) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      i = (i + 8) | 0;
      p0 += (x = pnl[i]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p1 += (x = pnl[(i + 1) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p2 += (x = pnl[(i + 2) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p3 += (x = pnl[(i + 3) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p0 += (x = pnl[(i + 4) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p1 += (x = pnl[(i + 5) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p2 += (x = pnl[(i + 6) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      p3 += (x = pnl[(i + 7) | 0]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
      i = (i + 8) | 0;
    }
    for (; i < i1; i++) {
      p0 += (x = pnl[i]) * g;
      c = (c + +((buf[c] = x) <= b)) | 0;
    }
  }
  const probe = p0 + p1 + p2 + p3;
  return probe - probe === 0 ? c : -1;
}
