/**
 * Liquidation prices of dYdX v4 (`protocol/x/clob/keeper/liquidations.go`): the bankruptcy price of a closing trade,
 * the fillable price of the liquidation order and its conversion to subticks, and the insurance-fund delta of a fill.
 * The subaccount's funding is settled first, as the chain does.
 */
import { checkNumber, checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import { readAccount } from './accountRisk.js';
import { type DydxRational, bigClamp, divEuclid, pow10, rat, ratRound } from './bigMath.js';
import { bankruptcyQuote, closingPosition, fillablePrice, insuranceFundDelta } from './liquidationCore.js';
import { settle } from './risk.js';
import {
  type DydxPerpetual,
  type DydxSubaccount,
  checkEnumSide,
  checkExponent,
  checkInt,
  checkUint32,
} from './validate.js';

export type { DydxRational } from './bigMath.js';

/** Context of {@link dydxBankruptcyPriceQuoteQuantums}. */
export interface DydxCloseContext {
  /** The perpetuals the subaccount's positions refer to. */
  readonly perpetuals: readonly DydxPerpetual[];
  /** The perpetual whose position is closed. */
  readonly perpetualId: number;
  /** Signed size change, base quantums: opposite in sign to the position and at most its size. */
  readonly deltaQuantums: bigint | number | string;
}
const CLOSE_KEYS = knownKeys('perpetuals', 'perpetualId', 'deltaQuantums');

function readClose(subaccount: unknown, context: unknown, extra: readonly string[]) {
  const keys = knownKeys('perpetuals', 'perpetualId', 'deltaQuantums', ...extra);
  const c = checkStrictObject(context, 'context', extra.length === 0 ? CLOSE_KEYS : keys);
  const { sub } = readAccount(subaccount, { perpetuals: c.perpetuals }, 'context');
  const id = checkUint32(c.perpetualId, 'context.perpetualId');
  const delta = checkInt(c.deltaQuantums, 'context.deltaQuantums');
  const s = settle(sub).sub;
  return { c, s, delta, pos: closingPosition(s, id, delta, 'context.deltaQuantums') };
}

/**
 * Quote quantums the subaccount must receive (> 0) or may pay at most (< 0) for closing `deltaQuantums` of a
 * position so that it is not left bankrupt (`GetBankruptcyPriceInQuoteQuantums`):
 * `−DNNV − ⌊TNC · |DMMR| / TMMR⌋`, with DNNV and DMMR the changes of the position's net notional and maintenance
 * requirement, TNC and TMMR the account totals.
 *
 * @param subaccount the subaccount being liquidated
 * @param context perpetuals, perpetual id and the closing size delta
 * @example
 * ```ts
 * import { dydxBankruptcyPriceQuoteQuantums } from 'riskcore/perps';
 * const btc = { id: 0, atomicResolution: -8, price: 5_000_000_000n, priceExponent: -5,
 *   liquidityTier: { initialMarginPpm: 200_000, maintenanceFractionPpm: 500_000 } };
 * const sub = { usdcQuantums: -4_501_000_000n, positions: [{ perpetualId: 0, quantums: 10_000_000n }] };
 * const ctx = { perpetuals: [btc], perpetualId: 0, deltaQuantums: -10_000_000n };
 * console.log(dydxBankruptcyPriceQuoteQuantums(sub, ctx)); // 4501000000n
 * ```
 */
export function dydxBankruptcyPriceQuoteQuantums(subaccount: DydxSubaccount, context: DydxCloseContext): bigint {
  const { s, pos, delta } = readClose(subaccount, context, []);
  return bankruptcyQuote(s, pos, delta);
}

/** Context of {@link dydxFillablePrice}. */
export interface DydxFillablePriceContext extends DydxCloseContext {
  /** `bankruptcy_adjustment_ppm` of the liquidations config (mainnet 1 000 000). */
  readonly bankruptcyAdjustmentPpm: number;
  /** `spread_to_maintenance_margin_ratio_ppm` of the liquidations config (mainnet 1 500 000). */
  readonly spreadToMaintenanceMarginRatioPpm: number;
}

/**
 * Worst price a liquidation order of the position may fill at, quote quantums per base quantum as an exact
 * fraction (`GetFillablePrice`): `(PNNV − ABR · SMMR · PMMR) / PS` with `ABR = clamp(BA · (1 − TNC/TMMR), 0, 1)`.
 * The delta is only checked (it must close part of the position); the price depends on the whole position.
 *
 * @param subaccount the subaccount being liquidated
 * @param context perpetuals, perpetual id, delta and the fillable-price config
 * @example
 * ```ts
 * import { dydxFillablePrice } from 'riskcore/perps';
 * const btc = { id: 0, atomicResolution: -8, price: 5_000_000_000n, priceExponent: -5,
 *   liquidityTier: { initialMarginPpm: 200_000, maintenanceFractionPpm: 500_000 } };
 * const sub = { usdcQuantums: -4_501_000_000n, positions: [{ perpetualId: 0, quantums: 10_000_000n }] };
 * const p = dydxFillablePrice(sub, { perpetuals: [btc], perpetualId: 0, deltaQuantums: -10_000_000n,
 *   bankruptcyAdjustmentPpm: 1_000_000, spreadToMaintenanceMarginRatioPpm: 100_000 });
 * console.log(p.numerator, p.denominator); // 49999n 100n
 * ```
 */
export function dydxFillablePrice(subaccount: DydxSubaccount, context: DydxFillablePriceContext): DydxRational {
  const { c, s, pos } = readClose(subaccount, context, [
    'bankruptcyAdjustmentPpm',
    'spreadToMaintenanceMarginRatioPpm',
  ]);
  const ba = BigInt(checkUint32(c.bankruptcyAdjustmentPpm, 'context.bankruptcyAdjustmentPpm'));
  const smmr = BigInt(checkUint32(c.spreadToMaintenanceMarginRatioPpm, 'context.spreadToMaintenanceMarginRatioPpm'));
  return fillablePrice(s, pos, ba, smmr);
}

/** The CLOB pair fields that convert prices and sizes (`ClobPair`). */
export interface DydxClobPairContext {
  /** `quantum_conversion_exponent`: quote quantums = subticks · base quantums · 10^exponent. */
  readonly quantumConversionExponent: number;
  /** `subticks_per_tick`: prices are multiples of it. */
  readonly subticksPerTick: number;
  /** Which side is liquidated: a long is closed by a sell (rounded up), a short by a buy (rounded down). */
  readonly liquidating: 'long' | 'short';
}
const SUBTICK_KEYS = knownKeys('quantumConversionExponent', 'subticksPerTick', 'liquidating');
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * Subticks of a fillable price (`ConvertFillablePriceToSubticks`): price / 10^exponent, rounded up to a tick
 * multiple when liquidating a long and down when liquidating a short, clamped to [subticksPerTick, max uint64
 * multiple].
 *
 * @param price fillable price, quote quantums per base quantum (≥ 0)
 * @param context CLOB pair conversion and the liquidated side
 * @example
 * ```ts
 * import { dydxFillablePriceToSubticks } from 'riskcore/perps';
 * const ctx = { quantumConversionExponent: -8, subticksPerTick: 100, liquidating: 'long' as const };
 * console.log(dydxFillablePriceToSubticks({ numerator: 49999n, denominator: 100n }, ctx)); // 49999000000n
 * ```
 */
export function dydxFillablePriceToSubticks(price: DydxRational, context: DydxClobPairContext): bigint {
  const p = checkStrictObject(price, 'price', knownKeys('numerator', 'denominator'));
  const num = checkInt(p.numerator, 'price.numerator', 'nonNegative');
  const den = checkInt(p.denominator, 'price.denominator', 'positive');
  const c = checkStrictObject(context, 'context', SUBTICK_KEYS);
  const e = checkExponent(c.quantumConversionExponent, 'context.quantumConversionExponent');
  const spt = BigInt(
    checkNumber(c.subticksPerTick, 'context.subticksPerTick', { ge: 1, le: 4_294_967_295, integer: true }),
  );
  const side = checkEnumSide(c.liquidating, 'context.liquidating', ['long', 'short']);
  const r = e < 0 ? rat(num * pow10(e), den) : rat(num, den * pow10(e));
  const dir = side === 'long' ? 'up' : 'down';
  const rounded = ratRound(r, dir);
  let q = divEuclid(rounded, spt);
  if (dir === 'up' && q * spt !== rounded) q += 1n;
  return bigClamp(q * spt, spt, UINT64_MAX - (UINT64_MAX % spt));
}

/** Context of {@link dydxLiquidationInsuranceFundDelta}. */
export interface DydxInsuranceFundContext {
  /** The perpetuals the subaccount's positions refer to. */
  readonly perpetuals: readonly DydxPerpetual[];
  /** The perpetual liquidated. */
  readonly perpetualId: number;
  /** Side of the liquidation order: 'sell' closes a long, 'buy' a short. */
  readonly side: 'buy' | 'sell';
  /** Filled size, base quantums (> 0). */
  readonly fillAmount: bigint | number | string;
  /** Fill price, subticks (> 0). */
  readonly subticks: bigint | number | string;
  /** The CLOB pair's quantum conversion exponent. */
  readonly quantumConversionExponent: number;
  /** `max_liquidation_fee_ppm` of the liquidations config (mainnet 15 000). */
  readonly maxLiquidationFeePpm: number;
}
const IF_KEYS = knownKeys(
  'perpetuals',
  'perpetualId',
  'side',
  'fillAmount',
  'subticks',
  'quantumConversionExponent',
  'maxLiquidationFeePpm',
);

/**
 * Insurance-fund delta of a liquidation fill, quote quantums (`GetLiquidationInsuranceFundDelta`): fill quote minus
 * the bankruptcy quote; when positive (the fill beat the bankruptcy price) capped by `maxLiquidationFeePpm` of the
 * fill notional and paid into the fund; when ≤ 0 the fund covers it.
 *
 * @param subaccount the subaccount being liquidated
 * @param context the fill (side, size, subticks), its CLOB pair exponent and the fee cap
 * @example
 * ```ts
 * import { dydxLiquidationInsuranceFundDelta } from 'riskcore/perps';
 * const btc = { id: 0, atomicResolution: -8, price: 5_000_000_000n, priceExponent: -5,
 *   liquidityTier: { initialMarginPpm: 200_000, maintenanceFractionPpm: 500_000 } };
 * const sub = { usdcQuantums: -4_501_000_000n, positions: [{ perpetualId: 0, quantums: 10_000_000n }] };
 * const d = dydxLiquidationInsuranceFundDelta(sub, { perpetuals: [btc], perpetualId: 0, side: 'sell',
 *   fillAmount: 10_000_000n, subticks: 49_500_000_000n, quantumConversionExponent: -8, maxLiquidationFeePpm: 5_000 });
 * console.log(d); // 24750000n
 * ```
 */
export function dydxLiquidationInsuranceFundDelta(
  subaccount: DydxSubaccount,
  context: DydxInsuranceFundContext,
): bigint {
  const c = checkStrictObject(context, 'context', IF_KEYS);
  const { sub } = readAccount(subaccount, { perpetuals: c.perpetuals }, 'context');
  const id = checkUint32(c.perpetualId, 'context.perpetualId');
  const side = checkEnumSide(c.side, 'context.side', ['buy', 'sell']);
  const fill = checkInt(c.fillAmount, 'context.fillAmount', 'positive');
  const subticks = checkInt(c.subticks, 'context.subticks', 'positive');
  const qce = checkExponent(c.quantumConversionExponent, 'context.quantumConversionExponent');
  const fee = BigInt(checkUint32(c.maxLiquidationFeePpm, 'context.maxLiquidationFeePpm'));
  const s = settle(sub).sub;
  const pos = closingPosition(s, id, side === 'buy' ? fill : -fill, joinPath('context', 'fillAmount'));
  return insuranceFundDelta(s, pos, side, fill, subticks, qce, fee);
}
