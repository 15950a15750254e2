/**
 * Correlation matrices for the simulation: validation (symmetric, unit diagonal, positive semi-definite), a
 * semi-definite Cholesky factor, and the nearest correlation matrix (Higham 2002).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { RiskInputError } from '../core/errors.js';
import { checkCorrelationEntries, checkPsd, symmetrised } from '../core/correlation.js';
import { checkSquareMatrix, checkNumber, checkStrictObject, joinPath } from '../core/validate.js';
import { NEAREST_KEYS } from './inputKeys.js';

function symmetricEigen(m: number[][]): { values: number[]; vectors: Matrix } {
  const e = new EigenvalueDecomposition(new Matrix(m), { assumeSymmetric: true });
  return { values: e.realEigenvalues, vectors: e.eigenvectorMatrix };
}

/**
 * Check that `matrix` is a correlation matrix by the rules of `core/correlation.ts` (entries, then the PSD rule
 * λ_min ≥ −1e-10·n). Throws a {@link RiskInputError} naming the first offending entry, or — when only PSD fails —
 * the smallest eigenvalue. Returns a symmetrised copy. The same rule the library applies to `market.correlation`.
 *
 * @example
 * ```ts
 * import { checkCorrelation } from 'riskcore/montecarlo';
 * console.log(checkCorrelation([[1, 0.5], [0.5, 1]], 'matrix')); // [ [ 1, 0.5 ], [ 0.5, 1 ] ]
 * ```
 */
export function checkCorrelation(matrix: unknown, path: string): number[][] {
  const n = checkCorrelationEntries(matrix, path);
  const sym = symmetrised(matrix as number[][]);
  if (n > 1) checkPsd(Math.min(...symmetricEigen(sym).values), n, path, matrix);
  return sym;
}

/**
 * Lower-triangular factor L with L·Lᵀ = C for a positive SEMI-definite C (row-major Float64Array n×n). A pivot that
 * falls to ≤ 1e-12 (a direction with no variance, e.g. two assets with correlation 1) gets a zero column, so
 * singular correlation matrices are legal. Internal.
 */
export function choleskyPSD(c: number[][]): Float64Array {
  const n = c.length;
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = c[j][j];
    for (let k = 0; k < j; k++) d -= L[j * n + k] * L[j * n + k];
    const pivot = d > 1e-12 ? Math.sqrt(d) : 0;
    L[j * n + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      let s = c[i][j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = pivot > 0 ? s / pivot : 0;
    }
  }
  return L;
}

/** Largest |off-diagonal entry| nearestCorrelation accepts. */
const OFF_DIAGONAL_BOUND = 1e6;

/** Options of {@link nearestCorrelation}. */
export interface NearestCorrelationOptions {
  /** Stop when successive iterates differ by less than this in the Frobenius norm relative to the iterate (default 1e-12). */
  tolerance?: number;
  /** Iteration cap (default 10,000). */
  maxIterations?: number;
  /** Smallest eigenvalue kept in the PSD projection, ≥ 0 (default 0: the nearest PSD matrix). */
  minEigenvalue?: number;
}

/**
 * The correlation matrix nearest to a symmetric matrix in the Frobenius norm: Higham's alternating projections
 * with Dykstra's correction ("Computing the nearest correlation matrix — a problem from finance", IMA J. Numer.
 * Anal. 22 (2002) 329–343). Alternates the projection onto the PSD cone (eigenvalues clipped at
 * `minEigenvalue`) and onto unit-diagonal matrices until the iterates settle. A matrix that already is a valid
 * correlation matrix comes back (to round-off) unchanged. The input is not mutated.
 *
 * @param matrix symmetric n×n array of finite numbers (an estimated or stressed "correlation" matrix).
 * @returns the nearest correlation matrix (symmetric, unit diagonal, PSD), as number[][].
 * The diagonal of `matrix` does not change the answer (it only adds a constant to the distance), so any finite
 * diagonal is accepted; off-diagonal entries must lie in [−1e6, 1e6].
 * @throws {RiskInputError} if `matrix` is not square, finite and symmetric (to 1e-12), or an off-diagonal entry
 * exceeds 1e6 in magnitude.
 * @example
 * ```ts
 * import { nearestCorrelation } from 'riskcore/montecarlo';
 * // Higham's 2002 example: a "correlation" matrix that is not PSD
 * const x = nearestCorrelation([[2, -1, 0, 0], [-1, 2, -1, 0], [0, -1, 2, -1], [0, 0, -1, 2]]);
 * console.log(x[0][1].toFixed(4)); // '-0.8084'
 * ```
 */
export function nearestCorrelation(matrix: number[][], options: NearestCorrelationOptions = {}): number[][] {
  const n = checkSquareMatrix(matrix, 'matrix');
  const a = matrix;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(a[i][j] - a[j][i]) > 1e-12 * Math.max(1, Math.abs(a[i][j]))) {
        throw new RiskInputError(`matrix[${i}][${j}]`, `equal to matrix[${j}][${i}] = ${a[j][i]} (symmetric)`, a[i][j]);
      }
      // an estimate is in [−1, 1]; an entry beyond 1e6 is junk that would drown the others in round-off (and its
      // square overflows the eigensolver near 1e154)
      if (Math.abs(a[i][j]) > OFF_DIAGONAL_BOUND)
        throw new RiskInputError(
          `matrix[${i}][${j}]`,
          `a number in [-${OFF_DIAGONAL_BOUND}, ${OFF_DIAGONAL_BOUND}]`,
          a[i][j],
        );
    }
  }
  const o = checkStrictObject(options, 'options', NEAREST_KEYS);
  const tol = o.tolerance === undefined ? 1e-12 : checkNumber(o.tolerance, joinPath('options', 'tolerance'), { gt: 0 });
  const maxIt =
    o.maxIterations === undefined
      ? 10_000
      : checkNumber(o.maxIterations, joinPath('options', 'maxIterations'), { ge: 1, integer: true });
  const minEig =
    o.minEigenvalue === undefined
      ? 0
      : checkNumber(o.minEigenvalue, joinPath('options', 'minEigenvalue'), { ge: 0, lt: 1 });

  // the diagonal of the answer is 1 whatever a's diagonal is, so a's diagonal only adds the constant Σ(a_ii − 1)² to
  // the objective: start from the unit diagonal (exact, and a diagonal of 1e308 cannot overflow the eigensolver)
  let Y = a.map((row, i) => row.map((v, j) => (i === j ? 1 : 0.5 * (v + a[j][i]))));
  let dS = Y.map((row) => row.map(() => 0));
  for (let it = 0; it < maxIt; it++) {
    // R = Y − ΔS; X = P_S(R) (PSD projection); ΔS = X − R; Y = P_U(X) (unit diagonal)
    const R = Y.map((row, i) => row.map((v, j) => v - dS[i][j]));
    const { values, vectors } = symmetricEigen(R);
    const X: number[][] = [];
    for (let i = 0; i < n; i++) {
      X.push(new Array<number>(n).fill(0));
    }
    for (let k = 0; k < n; k++) {
      const lam = Math.max(values[k], minEig);
      if (lam === 0) continue;
      for (let i = 0; i < n; i++) {
        const vi = vectors.get(i, k) * lam;
        if (vi === 0) continue;
        for (let j = 0; j < n; j++) X[i][j] += vi * vectors.get(j, k);
      }
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) X[i][j] = X[j][i] = 0.5 * (X[i][j] + X[j][i]);
    dS = X.map((row, i) => row.map((v, j) => v - R[i][j]));
    const Ynew = X.map((row, i) => row.map((v, j) => (i === j ? 1 : v)));
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        diff += (Ynew[i][j] - Y[i][j]) ** 2;
        norm += Ynew[i][j] ** 2;
      }
    }
    Y = Ynew;
    if (Math.sqrt(diff) <= tol * Math.sqrt(norm)) break;
  }
  // final clean-up: exact symmetry, unit diagonal, entries clipped to [−1, 1]
  return Y.map((row, i) => row.map((v, j) => (i === j ? 1 : Math.max(-1, Math.min(1, 0.5 * (v + Y[j][i]))))));
}
