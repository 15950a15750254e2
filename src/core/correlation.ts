/**
 * The correlation-matrix rules, once: what every module that accepts a correlation matrix (the book model's
 * `market.correlation`, the Monte Carlo factorisation) checks and with which tolerances. Internal.
 *
 * - Entries: a square matrix of finite numbers, unit diagonal to within {@link CORRELATION_ENTRY_TOLERANCE}
 *   (|c_ii − 1| ≤ 1e-12), symmetric to within the same (|c_ij − c_ji| ≤ 1e-12), off-diagonal entries in [−1, 1].
 * - Positive semi-definiteness (the PSD tolerance rule): the smallest eigenvalue λ_min of the symmetrised matrix must
 *   satisfy λ_min ≥ −{@link PSD_TOLERANCE}·n, n the matrix size. The bound grows with n because the round-off of
 *   a symmetric eigensolver on a matrix with unit diagonal is O(n·ε) in λ; 1e-10 per row accepts the round-off of
 *   estimated correlations printed to 10+ digits and refuses any genuine indefiniteness. The eigenvalue itself is
 *   computed by the caller (the core stays free of a linear-algebra dependency): {@link checkPsd}.
 */
import { RiskInputError } from './errors.js';
import { checkSquareMatrix } from './validate.js';

/** Tolerance of the unit diagonal and of symmetry, absolute. */
export const CORRELATION_ENTRY_TOLERANCE = 1e-12;
/** Per-row tolerance of the PSD rule: λ_min ≥ −PSD_TOLERANCE·n. */
export const PSD_TOLERANCE = 1e-10;

/** The last segment of a path (`market.correlation.matrix` → `matrix`), used to name the mirror entry. */
function leaf(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? path : path.slice(i + 1);
}

/**
 * Check the entries of a correlation matrix (shape, finite, unit diagonal, symmetric, off-diagonal in [−1, 1]),
 * naming the first offending entry (`market.correlation.matrix[1][0] must be equal to matrix[0][1] = …`). `size`,
 * when given, is the required dimension. Returns n.
 */
export function checkCorrelationEntries(matrix: unknown, path: string, size?: number): number {
  const n = checkSquareMatrix(matrix, path, size);
  const m = matrix as number[][];
  const name = leaf(path);
  for (let i = 0; i < n; i++) {
    if (Math.abs(m[i][i] - 1) > CORRELATION_ENTRY_TOLERANCE)
      throw new RiskInputError(`${path}[${i}][${i}]`, '1 (unit diagonal)', m[i][i]);
    for (let j = 0; j < i; j++) {
      if (Math.abs(m[i][j] - m[j][i]) > CORRELATION_ENTRY_TOLERANCE) {
        throw new RiskInputError(
          `${path}[${i}][${j}]`,
          `equal to ${name}[${j}][${i}] = ${m[j][i]} (symmetric)`,
          m[i][j],
        );
      }
      if (m[i][j] < -1 || m[i][j] > 1) throw new RiskInputError(`${path}[${i}][${j}]`, 'a number in [-1, 1]', m[i][j]);
    }
  }
  return n;
}

/** The symmetrised copy ½(C + Cᵀ) with an exact unit diagonal, of a matrix that passed {@link checkCorrelationEntries}. */
export function symmetrised(m: readonly (readonly number[])[]): number[][] {
  return m.map((row, i) => row.map((v, j) => (i === j ? 1 : 0.5 * (v + m[j][i]))));
}

/** Apply the PSD rule to the smallest eigenvalue `minEigenvalue` of an n×n correlation matrix at `path`. */
export function checkPsd(minEigenvalue: number, n: number, path: string, matrix: unknown): void {
  if (minEigenvalue < -PSD_TOLERANCE * n) {
    throw new RiskInputError(
      path,
      'a positive semi-definite correlation matrix',
      matrix,
      `smallest eigenvalue ${minEigenvalue.toPrecision(6)}; nearestCorrelation(matrix) gives the closest valid one`,
    );
  }
}
