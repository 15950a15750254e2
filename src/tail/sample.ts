/**
 * Validation of an empirical P&L sample, shared by the empirical tail-risk methods (historical, age-weighted,
 * filtered, Monte Carlo). Internal.
 */
import { RiskInputError } from '../core/errors.js';
import { checkFiniteArray } from '../core/validate.js';
import type { NumericArray } from '../core/validate.js';
import { minObservations } from './tailIndex.js';

/** How the α-quantile of the losses is read off the sample. */
export type QuantileMethod = 'order-statistic' | 'interpolated';
export const QUANTILE_METHODS = ['order-statistic', 'interpolated'] as const;

/**
 * A plain array or Float64Array with at least one element; a non-empty Float64Array's values are checked for
 * finiteness by the selection kernel in the same pass that reads them (an empty one is refused by checkFiniteArray).
 */
export function checkNumericArray(value: unknown, path: string): NumericArray {
  return value instanceof Float64Array && value.length > 0 ? value : checkFiniteArray(value, path, 1);
}

/** Throw unless n ≥ ⌈1/(1 − α)⌉ (at least one observation in the tail). */
export function requireTail(n: number, confidence: number, path: string): void {
  const need = minObservations(confidence);
  if (n < need) {
    throw new RiskInputError(path, `at least ${need} observations for confidence ${confidence}`, n);
  }
}
