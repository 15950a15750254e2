/**
 * One step of the pool's interest-rate model: the rates at a utilization from `irmRatePath` of riskcore/lending (a
 * one-step path), and the indices carried forward with each protocol's own update rule.
 */
import { RiskInputError } from '../../core/errors.js';
import { COMET_INDEX_SCALE, RAY, WAD, irmRatePath } from '../../lending/index.js';
import type { IrmModel } from '../../lending/index.js';

/** Indices of the model (in its own units) and, for Morpho, the rate at target carried between steps. */
export interface RateState {
  borrowIndex: bigint;
  supplyIndex: bigint;
  rateAtTarget: bigint | undefined;
}

/** Rates in force over the step and the state at its end. */
export interface RateStep {
  borrowRate: bigint;
  supplyRate: bigint;
  next: RateState;
}

/** The model's unit index (aave, euler: ray; comet: 10¹⁵; morpho: wad). */
export function indexOne(model: IrmModel): bigint {
  switch (model.protocol) {
    case 'comet':
      return COMET_INDEX_SCALE;
    case 'morpho':
      return WAD;
    default:
      return RAY;
  }
}

const U64 = (1n << 64n) - 1n;
const U128 = (1n << 128n) - 1n;

function remap(e: unknown, step: number): never {
  if (e instanceof RiskInputError) {
    if (e.path.startsWith('model')) throw new RiskInputError(`pool.${e.path}`, e.expected, e.value);
    if (e.path.startsWith('steps[0]'))
      throw new RiskInputError(`scenario.steps[${step}]${e.path.slice('steps[0]'.length)}`, e.expected, e.value);
  }
  throw e;
}

/**
 * Rates at utilization `u` (wad) held for `elapsed` seconds, and the indices after it: Aave
 * I' = I ⊙ growth (rayMul, half up), Comet I' = I + ⌊I·rate·Δt / 10¹⁸⌋, Morpho I' = I + ⌊I·g / 10¹⁸⌋ with g the
 * wTaylorCompounded growth, Euler I' = ⌊I·m / 10²⁷⌋ (m the rpow accumulator) and supply I + ⌊I·g / 10²⁷⌋.
 */
export function rateStep(model: IrmModel, s: RateState, u: bigint, elapsed: bigint, step: number): RateStep {
  const m: IrmModel =
    model.protocol === 'morpho' && s.rateAtTarget !== undefined ? { ...model, rateAtTarget: s.rateAtTarget } : model;
  let p: ReturnType<typeof irmRatePath>['points'][number];
  try {
    p = irmRatePath([{ elapsed, utilization: u }], m).points[0];
  } catch (e) {
    remap(e, step);
  }
  const bi = s.borrowIndex;
  const si = s.supplyIndex;
  let next: RateState;
  switch (model.protocol) {
    case 'aave':
      next = {
        borrowIndex: (p.borrowIndex * bi + RAY / 2n) / RAY,
        supplyIndex: (p.supplyIndex * si + RAY / 2n) / RAY,
        rateAtTarget: undefined,
      };
      break;
    case 'comet':
      next = {
        borrowIndex: bi + (bi * p.borrowRate * elapsed) / WAD,
        supplyIndex: si + (si * p.supplyRate * elapsed) / WAD,
        rateAtTarget: undefined,
      };
      break;
    case 'morpho':
      next = {
        borrowIndex: bi + (bi * (p.borrowIndex - WAD)) / WAD,
        supplyIndex: si + (si * (p.supplyIndex - WAD)) / WAD,
        rateAtTarget: p.rateAtTarget,
      };
      break;
    default:
      next = {
        borrowIndex: (bi * p.borrowIndex) / RAY,
        supplyIndex: si + (si * (p.supplyIndex - RAY)) / RAY,
        rateAtTarget: undefined,
      };
  }
  // the contracts' storage bounds on the cumulated indices: Comet uint64, Aave uint128
  const max = model.protocol === 'comet' ? U64 : model.protocol === 'aave' ? U128 : undefined;
  if (max !== undefined && (next.borrowIndex > max || next.supplyIndex > max))
    throw new RiskInputError(
      `scenario.steps[${step}].elapsed`,
      'short enough that the indices stay within the contract’s storage',
      elapsed,
    );
  return { borrowRate: p.borrowRate, supplyRate: p.supplyRate, next };
}
