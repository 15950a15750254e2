/**
 * Internal: correlated multi-asset price moves of {@link simulateProtocolRisk}. Per step of length dt and asset i,
 * the log return is (μᵢ − σᵢ²/2 − λᵢκᵢ)·dt + σᵢ·√dt·(L·z)ᵢ + Σ_{j ≤ Nᵢ} Jᵢⱼ with z independent standard normals
 * (ziggurat, src/montecarlo/stream.ts), L the Cholesky factor of the correlation, Nᵢ ~ Poisson(λᵢ·dt) jumps of log
 * size Jᵢⱼ ~ N(mᵢ, vᵢ²) and κᵢ = e^{mᵢ + vᵢ²/2} − 1 (so E[S_t] = S₀·e^{μt}); the move is e^{log return} − 1.
 * Draw order: path by path, step by step, the normals of every asset (in `market.assets` order), then the jumps of
 * assets with λ > 0 (a uniform for the count, a normal for the sizes when the count is positive). With a tilt θ
 * (importance sampling, src/stress/protocolRisk/importanceSampling.ts) each z is the drawn normal plus θᵢ, the same
 * numbers drawn in the same order, and the path's log likelihood ratio Σ_t Σ_i (θᵢ²/2 − θᵢ·zᵢ) is returned.
 */
import type { RandomStream } from '../../montecarlo/internal.js';
import type { PathModel } from './inputs.js';

/** Largest jump count drawn in one step (the Poisson inversion stops there). */
const MAX_JUMPS_PER_STEP = 1000;
/** Smallest move a path carries: a move must stay > −1 (the price stays positive). */
const MIN_MOVE = -1 + 2 ** -52;

/** Poisson(mean) by inversion of one uniform. */
function poisson(rng: RandomStream, mean: number): number {
  const u = rng.nextDouble();
  let p = Math.exp(-mean);
  let cum = p;
  let k = 0;
  while (u > cum && k < MAX_JUMPS_PER_STEP) {
    k++;
    p *= mean / k;
    cum += p;
  }
  return k;
}

/**
 * Draw one path's moves into `out[i][t]` (asset i in `pm.names` order, step t); `z` is scratch of length n. Returns
 * the path's log likelihood ratio (plain over tilted draws): 0 without a tilt.
 */
export function drawMoves(
  rng: RandomStream,
  pm: PathModel,
  dt: number,
  out: number[][],
  z: Float64Array,
  tilt?: Float64Array,
): number {
  const n = pm.names.length;
  let logWeight = 0;
  const steps = out[0].length;
  const sq = Math.sqrt(dt);
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < n; i++) z[i] = rng.normal();
    if (tilt) {
      for (let i = 0; i < n; i++) {
        const th = tilt[i];
        z[i] += th;
        logWeight += th * (0.5 * th - z[i]);
      }
    }
    for (let i = 0; i < n; i++) {
      let w = 0;
      for (let k = 0; k <= i; k++) w += pm.chol[i * n + k] * z[k];
      const s = pm.vol[i];
      let x = (pm.drift[i] - 0.5 * s * s) * dt + s * sq * w;
      const lam = pm.lambda[i];
      if (lam > 0) {
        const m = pm.jumpMean[i];
        const v = pm.jumpVol[i];
        x -= lam * Math.expm1(m + 0.5 * v * v) * dt;
        const c = poisson(rng, lam * dt);
        if (c > 0) x += c * m + Math.sqrt(c) * v * rng.normal();
      }
      const mv = Math.expm1(x);
      out[i][t] = mv > MIN_MOVE ? mv : MIN_MOVE;
    }
  }
  return logWeight;
}
