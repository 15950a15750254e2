import { RiskInputError } from '../core/errors.js';

/** Exception indicators: booleans or 0/1 numbers (plain array or typed array), at least `min` long. Internal. */
export function checkHits(value: unknown, path: string, min = 1): Uint8Array {
  const ok =
    Array.isArray(value) || value instanceof Uint8Array || value instanceof Float64Array || value instanceof Int32Array;
  if (!ok) throw new RiskInputError(path, 'an array of exception indicators (true/false or 1/0)', value);
  const arr = value as ArrayLike<unknown>;
  if (arr.length < min)
    throw new RiskInputError(
      path,
      `an array of at least ${min} exception indicator${min === 1 ? '' : 's'}`,
      value,
      `${arr.length} given`,
    );
  const out = new Uint8Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const h = arr[i];
    if (h === true || h === 1) out[i] = 1;
    else if (!(h === false || h === 0)) throw new RiskInputError(`${path}[${i}]`, 'true/false or 1/0', h);
  }
  return out;
}

/** x·ln(y) with 0·ln 0 = 0. Internal. */
export function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}
