// Kernel guarded by the bench workload bench/workloads/histvar.ts (historical VaR/ES on 1e6 points vs numpy).
/**
 * The upper tail of the loss distribution L = −pnl without sorting: the k-th smallest loss L₍ₖ₎ and the losses
 * ranked above it. Internal to the tail-risk methods.
 *
 * Method (expected O(n), one pass over the data, never mutates `pnl`):
 * 1. Take a deterministic pseudo-random sample of 2,048 losses and choose a threshold t a few standard errors
 *    below the sample's estimate of L₍ₖ₎.
 * 2. One pass copies every loss ≥ t into a small scratch buffer (and checks every value is finite).
 * 3. If at least n − k + 1 losses are ≥ t, then L₍ₖ₎ ≥ t, so the buffer holds every loss ranked k..n, and
 *    Floyd–Rivest selection inside the buffer gives L₍ₖ₎ exactly. Otherwise (unlucky sample, many ties, or a wide
 *    tail) it falls back to Floyd–Rivest on a scratch copy of all n losses. Either way the result is exact.
 */
import { checkFiniteArray } from '../../core/validate.js';
import { floydRivestSelect } from './select.js';

export interface LossTail {
  /** L₍ₖ₎, the k-th smallest loss (1-based k). */
  kth: number;
  /** The losses ranked k+1..n (unordered); a view into scratch memory. */
  above: Float64Array;
}

const SAMPLE = 2048;

/**
 * L₍ₖ₎ and the losses above it, 1 ≤ k ≤ n. Plain arrays must be validated by the caller (checkFiniteArray);
 * a Float64Array is checked here in the same pass that reads it (a non-finite value throws RiskInputError
 * naming `path[i]`).
 */
export function lossTail(pnl: ArrayLike<number>, k: number, path = 'pnl'): LossTail {
  const n = pnl.length;
  const m = n - k + 1; // how many losses are ranked k..n
  if (n >= 8 * SAMPLE && m * 16 <= n) {
    const fast = sampledTail(pnl, k, m, path);
    if (fast) return fast;
  }
  return fullTail(pnl, k, path);
}

function fullTail(pnl: ArrayLike<number>, k: number, path: string): LossTail {
  const n = pnl.length;
  const a = new Float64Array(n);
  let probe = 0;
  for (let i = 0; i < n; i++) {
    const x = pnl[i];
    probe += x - x; // 0 for finite x, NaN otherwise
    a[i] = -x;
  }
  if (probe !== 0) checkFiniteArray(pnl, path, 1);
  floydRivestSelect(a, k - 1);
  return { kth: a[k - 1], above: a.subarray(k) };
}

function sampledTail(pnl: ArrayLike<number>, k: number, m: number, path: string): LossTail | undefined {
  const n = pnl.length;
  const sample = new Float64Array(SAMPLE);
  // xorshift32 with a fixed seed: deterministic, spread over the whole series (not a stride, so periodic data
  // cannot alias with it).
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
  if (probe !== 0) checkFiniteArray(pnl, path, 1);
  const expected = (SAMPLE * m) / n;
  const want = Math.ceil(expected + 4 * Math.sqrt(expected) + 8); // sample points kept above the threshold
  if (want >= SAMPLE) return undefined;
  const r = SAMPLE - want;
  floydRivestSelect(sample, r);
  const threshold = sample[r];
  // Expected count above the threshold ≈ n·want/SAMPLE; allow twice that.
  const capacity = Math.min(n, Math.ceil((2 * n * want) / SAMPLE) + 1024);
  const buf = new Float64Array(capacity);
  const bound = -threshold; // loss ≥ t  ⇔  pnl ≤ −t
  let c = 0;
  let bad = false;
  for (let i = 0; i < n; i++) {
    const x = pnl[i];
    if (x <= bound) {
      if (c === capacity) return undefined;
      buf[c++] = -x;
    } else if (!(x < Infinity)) bad = true; // NaN or +Infinity
  }
  if (bad || hasNonFinite(buf, c)) checkFiniteArray(pnl, path, 1);
  if (c < m) return undefined;
  const j = c - m; // L₍ₖ₎ is the (j+1)-th smallest in the buffer
  floydRivestSelect(buf, j, 0, c - 1);
  return { kth: buf[j], above: buf.subarray(j + 1, c) };
}

/** −Infinity in the P&L lands in the buffer as +Infinity: check the (small) buffer. */
function hasNonFinite(buf: Float64Array, c: number): boolean {
  let probe = 0;
  for (let i = 0; i < c; i++) probe += buf[i] - buf[i];
  return probe !== 0;
}
