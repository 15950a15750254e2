/**
 * The batch-means standard error of an estimator: sd(batch estimates)/√m with the m − 1 denominator, summed in
 * units of the largest |estimate| so that tiny or huge estimates neither underflow nor overflow. 0 for m < 2 or
 * all-zero estimates. Internal (shared by the Monte Carlo tail-risk estimators).
 */
export function batchMeansSE(est: Float64Array): number {
  const m = est.length;
  if (m < 2) return 0;
  let big = 0;
  for (let i = 0; i < m; i++) big = Math.max(big, Math.abs(est[i]));
  if (!(big > 0)) return 0;
  let mean = 0;
  for (let i = 0; i < m; i++) mean += est[i] / big;
  mean /= m;
  let ss = 0;
  for (let i = 0; i < m; i++) ss += (est[i] / big - mean) ** 2;
  return big * Math.sqrt(ss / (m - 1) / m);
}
