/**
 * Public, validating forms of the two market look-ups every valuation uses. Library internals call the unchecked
 * versions in `model.ts` on books validated once at their own boundary.
 */
import { RiskInputError } from './errors.js';
import {
  optionVol as optionVolUnchecked,
  perpMark as perpMarkUnchecked,
  validateAssetMarket,
  validatePosition,
} from './model.js';
import type { OptionPosition } from './model.js';

/**
 * The implied vol (per unit, 0.6 = 60%) an option position is valued at: its own `vol`, else the asset's smile
 * at its strike (linear in strike, flat beyond the ends), else the asset's ATM `vol`. Validates both inputs;
 * an option with no vol anywhere is bad input at `asset.vol`.
 *
 * @example
 * ```ts
 * import { optionVol } from 'riskcore';
 * const asset = { price: 3000, vol: 0.7, smile: { strikes: [2500, 3500], vols: [0.8, 0.6] } };
 * console.log(optionVol({ kind: 'option', underlying: 'ETH', quantity: 1, type: 'call', strike: 3000, expiry: 0.1 }, asset)); // 0.7
 * ```
 */
export function optionVol(
  position: OptionPosition,
  asset: {
    price: number;
    mark?: number;
    vol?: number;
    smile?: { strikes: number[]; vols: number[] };
    dividendYield?: number;
  },
): number {
  const p = validatePosition(position, 'position');
  if (p.kind !== 'option') throw new RiskInputError('position.kind', "'option'", p.kind);
  const a = validateAssetMarket(asset, 'asset');
  if (p.vol === undefined && a.vol === undefined && a.smile === undefined) {
    throw new RiskInputError('asset.vol', 'a vol (or smile) for the option', undefined);
  }
  return optionVolUnchecked(p, a);
}

/**
 * The price a perp marks at, in quote currency per unit: the asset's `mark`, else its `price`. Validates the asset.
 *
 * @example
 * ```ts
 * import { perpMark } from 'riskcore';
 * console.log(perpMark({ price: 60000, mark: 60050 })); // 60050
 * console.log(perpMark({ price: 60000 })); // 60000
 * ```
 */
export function perpMark(asset: { price: number; mark?: number }): number {
  return perpMarkUnchecked(validateAssetMarket(asset, 'asset'));
}
