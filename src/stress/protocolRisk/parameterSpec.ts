/**
 * Internal: what {@link recommendParameter} needs of a parameter on the lending and venue forms: its direction, the
 * check of a grid value, and the form's context with the value written into the protocol's own field.
 */
import { RiskInputError } from '../../core/errors.js';
import { Money } from '../../core/money.js';
import { checkNumber } from '../../core/validate.js';

/** A parameter of a lending or venue protocol, ready to be set on a grid. */
export interface ParameterSpec {
  /** The permissive end of the grid (more borrowing or leverage, smaller liquidation cost to the borrower). */
  direction: 'largest' | 'smallest';
  /** The asset (market) whose field is set; null for a protocol-wide field. */
  asset: string | null;
  /** Validates grid value i (a RiskInputError at `options.values[i]`). */
  check: (v: unknown, i: number) => number;
  /** The form's context with the value written (validated again by the protocol's own readers). */
  apply: (v: number) => Record<string, unknown>;
  /** What the value grants at the starting prices (see {@link ParameterPoint}'s `capacity`). */
  capacity: (v: number) => number;
}

/**
 * A checker of grid values: a number in the range, a whole multiple of 1/`unit` (the field's integer scale: 1e4 for
 * basis points, 1e18 for a wad, 1 for an integer field).
 */
export function valueCheck(
  range: { gt?: number; ge?: number; lt?: number; le?: number },
  unit: bigint,
  what: string,
): (v: unknown, i: number) => number {
  return (v, i) => {
    const path = `options.values[${i}]`;
    const x = checkNumber(v, path, range);
    if (!new Money(String(x)).mul(unit.toString()).isInteger())
      throw new RiskInputError(path, `a multiple of 1/${unit} (${what})`, x);
    return x;
  };
}

/** v × unit as a bigint (v checked by {@link valueCheck}). */
export const scaled = (v: number, unit: bigint): bigint => BigInt(new Money(String(v)).mul(unit.toString()).toFixed(0));

/** A RiskInputError at `options.parameter` for a parameter the protocol does not have. */
export function unknownParameter(protocol: string, parameter: unknown, offered: readonly string[]): never {
  throw new RiskInputError(
    'options.parameter',
    `a parameter of ${protocol}: ${offered.map((p) => `'${p}'`).join(', ')}`,
    parameter,
  );
}

/** The asset of a per-asset parameter: required, one of `names` (a RiskInputError at `options.asset`). */
export function assetOf(asset: unknown, names: readonly string[], what: string): string {
  if (typeof asset !== 'string' || !names.includes(asset))
    throw new RiskInputError('options.asset', `${what}: ${names.map((n) => `'${n}'`).join(', ')}`, asset);
  return asset;
}

/** Refuse an asset for a protocol-wide parameter. */
export function noAsset(asset: unknown, parameter: string): null {
  if (asset !== undefined) throw new RiskInputError('options.asset', `absent for ${parameter}`, asset);
  return null;
}
