// Kernel guarded by the bench workload bench/workloads/histvar.ts (historical VaR/ES on 1e6 points vs numpy).
/**
 * In-place selection (Floyd–Rivest SELECT, 1975): after `floydRivestSelect(a, k, left, right)`, `a[k]` holds the
 * value that would be there if `a[left..right]` were sorted ascending, every element of `a[left..k−1]` is ≤ a[k]
 * and every element of `a[k+1..right]` is ≥ a[k]. Expected O(n) comparisons (n + min(k, n − k) + o(n)).
 * Internal: used by the historical VaR/ES tail on a scratch copy, never on caller data.
 */
export function floydRivestSelect(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      // Recurse on a sample to choose pivots that bracket the k-th element tightly.
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (i * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd));
      floydRivestSelect(a, k, newLeft, newRight);
    }
    const t = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > t) swap(a, right, left);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
