/**
 * How much of a position dYdX v4 liquidates at once (`GetLiquidatablePositionSizeDelta`,
 * `GetMaxAndMinPositionNotionalLiquidatable`, `GetSubaccountMaxNotionalLiquidatable` of
 * `protocol/x/clob/keeper/liquidations.go`): the smaller of the position and subaccount block limits, in base
 * quantums rounded down to the step size.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { readAccount } from './accountRisk.js';
import { bigAbs, bigClamp, bigMax, bigMin, divEuclid, quoteToBase } from './bigMath.js';
import { netNotional } from './risk.js';
import { type DydxPerpetual, type DydxSubaccount, checkInt, checkUint32, optionalInt } from './validate.js';

/** Context of {@link dydxLiquidatablePositionSizeDelta}. */
export interface DydxLiquidationLimitsContext {
  /** The perpetuals the subaccount's positions refer to. */
  readonly perpetuals: readonly DydxPerpetual[];
  /** The perpetual to liquidate. */
  readonly perpetualId: number;
  /** The CLOB pair's `step_base_quantums` (> 0). */
  readonly stepBaseQuantums: bigint | number | string;
  /** `position_block_limits.min_position_notional_liquidated`, quote quantums (mainnet 1 000 000 000). */
  readonly minPositionNotionalLiquidated: bigint | number | string;
  /** `position_block_limits.max_position_portion_liquidated_ppm` (mainnet 100 000). */
  readonly maxPositionPortionLiquidatedPpm: number;
  /** `subaccount_block_limits.max_notional_liquidated`, quote quantums (mainnet 100 000 000 000). */
  readonly subaccountMaxNotionalLiquidated: bigint | number | string;
  /** Notional already liquidated from this subaccount this block, quote quantums; default 0. */
  readonly notionalLiquidatedThisBlock?: bigint | number | string;
}
const KEYS = knownKeys(
  'perpetuals',
  'perpetualId',
  'stepBaseQuantums',
  'minPositionNotionalLiquidated',
  'maxPositionPortionLiquidatedPpm',
  'subaccountMaxNotionalLiquidated',
  'notionalLiquidatedThisBlock',
);

/**
 * Signed size delta of the next liquidation order of a position, base quantums: the whole position when its
 * notional is within `min(max(min notional, portion · notional), subaccount block room)` or it is at most one step;
 * otherwise that notional converted to base quantums, rounded down to a step multiple and clamped to
 * [step, |position|].
 *
 * @param subaccount the subaccount being liquidated
 * @param context perpetuals, perpetual id, CLOB step and the liquidations config limits
 * @example
 * ```ts
 * import { dydxLiquidatablePositionSizeDelta } from 'riskcore/perps';
 * const btc = { id: 0, atomicResolution: -10, price: 5_000_000_000n, priceExponent: -5,
 *   liquidityTier: { initialMarginPpm: 50_000, maintenanceFractionPpm: 600_000 } };
 * const sub = { usdcQuantums: -9_800_000_000_000n, positions: [{ perpetualId: 0, quantums: 20_000_000_000_000n }] };
 * const d = dydxLiquidatablePositionSizeDelta(sub, { perpetuals: [btc], perpetualId: 0, stepBaseQuantums: 1_000_000n,
 *   minPositionNotionalLiquidated: 1_000_000_000n, maxPositionPortionLiquidatedPpm: 100_000,
 *   subaccountMaxNotionalLiquidated: 100_000_000_000n });
 * console.log(d); // -20000000000n
 * ```
 */
export function dydxLiquidatablePositionSizeDelta(
  subaccount: DydxSubaccount,
  context: DydxLiquidationLimitsContext,
): bigint {
  const c = checkStrictObject(context, 'context', KEYS);
  const { sub } = readAccount(subaccount, { perpetuals: c.perpetuals }, 'context');
  const id = checkUint32(c.perpetualId, 'context.perpetualId');
  const step = checkInt(c.stepBaseQuantums, 'context.stepBaseQuantums', 'positive');
  const minNotional = checkInt(c.minPositionNotionalLiquidated, 'context.minPositionNotionalLiquidated', 'nonNegative');
  const portion = BigInt(
    checkUint32(c.maxPositionPortionLiquidatedPpm, 'context.maxPositionPortionLiquidatedPpm', 1_000_000),
  );
  const subMax = checkInt(c.subaccountMaxNotionalLiquidated, 'context.subaccountMaxNotionalLiquidated', 'nonNegative');
  const done = optionalInt(c.notionalLiquidatedThisBlock, 'context.notionalLiquidatedThisBlock', 0n, 'nonNegative');
  if (done > subMax) {
    throw new RiskInputError(
      'context.notionalLiquidatedThisBlock',
      `at most subaccountMaxNotionalLiquidated (${subMax})`,
      done,
    );
  }
  const pos = sub.positions.find((p) => p.perp.id === id);
  if (pos === undefined || pos.quantums === 0n) {
    throw new RiskInputError('context.perpetualId', 'the id of a perpetual the subaccount holds a position in', id);
  }
  const p = pos.perp;
  const absNotional = bigAbs(netNotional(p, pos.quantums));
  const minPos = bigMin(minNotional, absNotional);
  const maxPos = bigMax(minPos, divEuclid(absNotional * portion, 1_000_000n));
  const maxQuote = bigMin(maxPos, subMax - done);
  if (absNotional <= bigAbs(maxQuote) || bigAbs(pos.quantums) <= step) return -pos.quantums;
  let base = quoteToBase(maxQuote, p.atomicResolution, p.price, p.priceExponent);
  base = divEuclid(base, step) * step;
  base = bigClamp(base, step, bigAbs(pos.quantums));
  return pos.quantums > 0n ? -base : base;
}
