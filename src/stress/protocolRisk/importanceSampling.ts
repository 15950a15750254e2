/**
 * Internal: importance sampling of crash paths for {@link simulateProtocolRisk}. With
 * `options.importanceSampling: { shift }` the paths are drawn as if the drift of asset a's log price were shifted by
 * `shift[a]` per year (exponential tilting of the Gaussian innovations): the independent normals z of every step
 * (src/stress/protocolRisk/gbmPaths.ts) are drawn from N(θ, I) instead of N(0, I), with θ solving
 * L·θ = (shift[a]·√dt / σ_a)_a (L the Cholesky factor of the correlation), so the Brownian part of asset a's log
 * return gains shift[a]·dt a step in expectation. Each path then carries its likelihood ratio
 * w = Π_t φ(z_t)/φ(z_t − θ) = exp(Σ_t (−θ·z_t + |θ|²/2)) (z_t the tilted draws), and every figure is estimated with
 * these weights (src/stress/protocolRisk/weightedTail.ts). Jumps (counts and sizes) are drawn as without the option:
 * they cancel from the likelihood ratio, so the tilt is exact for the GBM and the jump-diffusion models alike.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkNumber, checkObject, checkStrictObject, joinPath, knownKeys, ownValue } from '../../core/validate.js';

const FIELDS = knownKeys('shift');
/** Largest |shift| of one asset's annual log drift. */
export const MAX_SHIFT = 1000;
/**
 * Largest steps·|θ|² (a path's log weight under the tilted draws is Normal with mean −steps·|θ|²/2 and variance
 * steps·|θ|²): beyond it the log weights of a run spread over more than ±60 and a handful of paths carry every
 * estimate.
 */
export const MAX_TILT_ENERGY = 400;
/** Smallest pivot of the correlation's Cholesky factor that is inverted (choleskyPSD zeroes smaller ones). */
const PIVOT = 1e-12;

/**
 * Validate `options.importanceSampling` (absent → undefined) against the market: `shift` keyed by the market's asset
 * names (an asset left out is not shifted), each a finite number of at most {@link MAX_SHIFT} in absolute value, on
 * an asset of positive vol, within the correlation's range (a singular correlation moves some assets together) and
 * with steps·|θ|² ≤ {@link MAX_TILT_ENERGY}. Returns θ (all zero for a zero shift: the plain draws, each of weight 1).
 */
export function validateImportanceSampling(
  value: unknown,
  pm: { names: string[]; vol: Float64Array; chol: Float64Array },
  dt: number,
  steps: number,
): Float64Array | undefined {
  if (value === undefined) return undefined;
  const at = 'options.importanceSampling';
  const o = checkStrictObject(value, at, FIELDS);
  const so = checkObject(o.shift, joinPath(at, 'shift'));
  const n = pm.names.length;
  const m = new Float64Array(n);
  for (const k of Object.keys(so)) {
    const i = pm.names.indexOf(k);
    const p = joinPath(joinPath(at, 'shift'), k);
    if (i < 0) throw new RiskInputError(p, 'an asset of market.assets', so[k]);
    const s = checkNumber(so[k], p, { ge: -MAX_SHIFT, le: MAX_SHIFT });
    if (s === 0) continue;
    if (!(pm.vol[i] > 0)) throw new RiskInputError(p, `0 (asset ${k} has vol 0: no Brownian part to tilt)`, s);
    m[i] = (s * Math.sqrt(dt)) / pm.vol[i];
  }
  // forward substitution L·θ = m; a zero pivot takes θᵢ = 0 and needs the row already satisfied
  const theta = new Float64Array(n);
  let energy = 0;
  for (let i = 0; i < n; i++) {
    let r = m[i];
    for (let k = 0; k < i; k++) r -= pm.chol[i * n + k] * theta[k];
    const d = pm.chol[i * n + i];
    if (d > PIVOT) theta[i] = r / d;
    else if (Math.abs(r) > 1e-9 * (1 + Math.abs(m[i]))) {
      throw new RiskInputError(
        joinPath(joinPath(at, 'shift'), pm.names[i]),
        'a shift the correlation allows (market.correlation is singular: this asset is a combination of the ones before it)',
        ownValue(so, pm.names[i]) ?? 0,
      );
    }
    energy += theta[i] * theta[i];
  }
  if (energy * steps > MAX_TILT_ENERGY) {
    throw new RiskInputError(
      joinPath(at, 'shift'),
      `a smaller shift: steps × |θ|² = ${(energy * steps).toPrecision(4)} > ${MAX_TILT_ENERGY} (θ = shift·√dt/vol per step)`,
      o.shift,
      'the log weights would spread over more than ±60; aim the shifted mean path at the crash, not beyond it',
    );
  }
  return theta;
}
