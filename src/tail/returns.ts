import { RiskInputError } from '../core/errors.js';
import { checkFiniteArray } from '../core/validate.js';
import type { NumericArray } from '../core/validate.js';

/** Largest accepted |return|: its square and a sum of 1e7 squares stay finite. */
export const MAX_RETURN = 1e100;

/** A finite return series of at least `min` observations that is not constant zero. Internal. */
export function checkReturns(value: unknown, path: string, min: number): NumericArray {
  const r = checkFiniteArray(value, path, 1);
  for (let i = 0; i < r.length; i++) {
    // squares and sums of squares must stay finite (a return is a fraction; 1e100 is far beyond any real one)
    if (Math.abs(r[i]) > MAX_RETURN)
      throw new RiskInputError(`${path}[${i}]`, `a finite number with |x| <= ${MAX_RETURN} (a return)`, r[i]);
  }
  if (r.length < min) throw new RiskInputError(path, `an array of at least ${min} returns`, value, `${r.length} given`);
  let ss = 0;
  for (let i = 0; i < r.length; i++) ss += r[i] * r[i];
  if (ss === 0)
    throw new RiskInputError(path, 'a return series that is not all zeros (its variance must be > 0)', value);
  return r;
}
