/**
 * Drift v2's liquidation sizing (math/liquidation.rs): the base amount a perp liquidation must take to cover a
 * margin shortage, the spot liability transfer that covers it, and the asset/liability exchange at the liquidation
 * multipliers.
 */
import { knownKeys } from '../../core/validate.js';
import { BASE, LIQ_FEE, MARGIN, PRICE, QUOTE, SPOT_WEIGHT } from './constants.js';
import { bmax, div, divCeil, nonZero, readFields, U128_MAX, U64_MAX, type DriftInt } from './int.js';

/** An amount that covers a margin shortage, or none: Drift then returns its type's maximum. */
export interface DriftShortageCoverResult {
  /** The amount (base 10⁹ or token units); Drift's `u64::MAX` / `u128::MAX` when `coversShortage` is false. */
  amount: bigint;
  /** False when no amount can cover the shortage (the fees eat the freed margin, or weights do not allow it). */
  coversShortage: boolean;
}

const SHORT_KEYS = knownKeys('marginShortage');
const BASE_CTX = knownKeys('marginRatio', 'liquidatorFee', 'ifLiquidationFee', 'oraclePrice', 'quoteOraclePrice');

/** Kernel of calculate_base_asset_amount_to_cover_margin_shortage. */
export function baseToCover(
  shortage: bigint,
  ratio: bigint,
  fee: bigint,
  ifFee: bigint,
  price: bigint,
  quote: bigint,
  path: string,
): DriftShortageCoverResult {
  const r = ratio * (LIQ_FEE / MARGIN);
  if (price === 0n || r <= fee) return { amount: U64_MAX, coversShortage: false };
  const den = (((price * quote) / PRICE) * (r - fee)) / LIQ_FEE - (price * ifFee) / LIQ_FEE;
  if (den <= 0n) return { amount: U64_MAX, coversShortage: false };
  const amount = div(shortage * ((PRICE * BASE) / QUOTE), den, path);
  return amount > U64_MAX ? { amount: U64_MAX, coversShortage: false } : { amount, coversShortage: true };
}

/**
 * The base amount (10⁹) a perp liquidation must transfer to cover `marginShortage`: each base unit closed frees
 * price × (margin ratio − liquidator fee) and costs the insurance-fund fee,
 * `shortage·10⁹ / (price·quote/10⁶·(ratio·100 − fee)/10⁶ − price·ifFee/10⁶)` rounded down.
 *
 * @param shortage `marginShortage`, 10⁶
 * @param context `marginRatio` (maintenance, 10⁴), `liquidatorFee` and `ifLiquidationFee` (10⁶), `oraclePrice` and
 *   `quoteOraclePrice` (10⁶)
 * @example
 * ```ts
 * import { driftBaseAssetAmountToCoverMarginShortage } from 'riskcore/perps';
 * const r = driftBaseAssetAmountToCoverMarginShortage(
 *   { marginShortage: 10_000_000n },
 *   { marginRatio: 1000, liquidatorFee: 10_000, ifLiquidationFee: 10_000, oraclePrice: 100_000_000, quoteOraclePrice: 1_000_000 },
 * );
 * console.log(r.amount); // 1250000000n
 * console.log(r.coversShortage); // true
 * ```
 */
export function driftBaseAssetAmountToCoverMarginShortage(
  shortage: { marginShortage: DriftInt },
  context: {
    marginRatio: DriftInt;
    liquidatorFee: DriftInt;
    ifLiquidationFee: DriftInt;
    oraclePrice: DriftInt;
    quoteOraclePrice: DriftInt;
  },
): DriftShortageCoverResult {
  const s = readFields(shortage, 'shortage', { marginShortage: 'u64' }, SHORT_KEYS);
  const c = readFields(
    context,
    'context',
    { marginRatio: 'u32', liquidatorFee: 'u32', ifLiquidationFee: 'u32', oraclePrice: 'u64', quoteOraclePrice: 'u64' },
    BASE_CTX,
  );
  return baseToCover(
    s.marginShortage,
    c.marginRatio,
    c.liquidatorFee,
    c.ifLiquidationFee,
    c.oraclePrice,
    c.quoteOraclePrice,
    'context',
  );
}

/** The weights, multipliers and liability price of a spot liability transfer (shared by the transfer functions). */
export const TRANSFER_FIELDS = {
  assetWeight: 'u32',
  assetLiquidationMultiplier: 'u32',
  liabilityWeight: 'u32',
  liabilityLiquidationMultiplier: 'u32',
  liabilityDecimals: 'u8',
  liabilityPrice: 'u64',
} as const;
const LIAB_FIELDS = { ...TRANSFER_FIELDS, ifLiquidationFee: 'u32' } as const;
const LIAB_CTX = knownKeys(...Object.keys(LIAB_FIELDS));

/**
 * The spot liability (token units) a liquidation must transfer to cover `marginShortage`, each unit freeing
 * price × (liability weight − asset weight × asset multiplier / liability multiplier) less the insurance-fund fee;
 * at least 1.
 *
 * @param shortage `marginShortage`, 10⁶
 * @param context weights (10⁴), liquidation multipliers (10⁶), liability decimals and price (10⁶), IF fee (10⁶)
 * @example
 * ```ts
 * import { driftLiabilityTransferToCoverMarginShortage } from 'riskcore/perps';
 * const r = driftLiabilityTransferToCoverMarginShortage(
 *   { marginShortage: 10_000_000n },
 *   {
 *     assetWeight: 8000, assetLiquidationMultiplier: 1_000_000, liabilityWeight: 12000,
 *     liabilityLiquidationMultiplier: 1_000_000, liabilityDecimals: 9, liabilityPrice: 100_000_000, ifLiquidationFee: 0,
 *   },
 * );
 * console.log(r.amount); // 250000000n
 * ```
 */
export function driftLiabilityTransferToCoverMarginShortage(
  shortage: { marginShortage: DriftInt },
  context: {
    assetWeight: DriftInt;
    assetLiquidationMultiplier: DriftInt;
    liabilityWeight: DriftInt;
    liabilityLiquidationMultiplier: DriftInt;
    liabilityDecimals: DriftInt;
    liabilityPrice: DriftInt;
    ifLiquidationFee: DriftInt;
  },
): DriftShortageCoverResult {
  const s = readFields(shortage, 'shortage', { marginShortage: 'u64' }, SHORT_KEYS);
  const c = readFields(context, 'context', LIAB_FIELDS, LIAB_CTX);
  const none = { amount: U128_MAX, coversShortage: false };
  if (c.assetWeight >= c.liabilityWeight) return none;
  if (c.liabilityDecimals > 30n) return none;
  const [ns, ds] =
    c.liabilityDecimals > 6n ? [10n ** (c.liabilityDecimals - 6n), 1n] : [1n, 10n ** (6n - c.liabilityDecimals)];
  const lwc = c.liabilityWeight * 10n;
  const awc = div(
    c.assetWeight * 10n * c.assetLiquidationMultiplier,
    c.liabilityLiquidationMultiplier,
    'context.liabilityLiquidationMultiplier',
  );
  if (awc >= lwc) return none;
  const den =
    c.liabilityPrice * (lwc - awc) - ((c.liabilityPrice * c.ifLiquidationFee) / LIQ_FEE) * c.liabilityWeight * 10n;
  if (den <= 0n) return none;
  const amount = bmax((s.marginShortage * ns * (PRICE * SPOT_WEIGHT * 10n)) / den / ds, 1n);
  return { amount, coversShortage: true };
}

const XFER_CTX = knownKeys(
  'assetLiquidationMultiplier',
  'assetDecimals',
  'assetPrice',
  'liabilityLiquidationMultiplier',
  'liabilityDecimals',
  'liabilityPrice',
);
const XFER_KINDS = {
  assetLiquidationMultiplier: 'u32',
  assetDecimals: 'u8',
  assetPrice: 'u64',
  liabilityLiquidationMultiplier: 'u32',
  liabilityDecimals: 'u8',
  liabilityPrice: 'u64',
} as const;

/** Context of the asset/liability exchange of a spot liquidation. */
export interface DriftTransferContext {
  /** Asset liquidation multiplier, 10⁶ (1 − liquidator fee: a discount). */
  assetLiquidationMultiplier: DriftInt;
  assetDecimals: DriftInt;
  /** Asset oracle price, 10⁶. */
  assetPrice: DriftInt;
  /** Liability liquidation multiplier, 10⁶ (1 + liquidator fee: a premium). */
  liabilityLiquidationMultiplier: DriftInt;
  liabilityDecimals: DriftInt;
  /** Liability oracle price, 10⁶. */
  liabilityPrice: DriftInt;
}

const scales = (from: bigint, to: bigint): [bigint, bigint] =>
  to > from ? [10n ** (to - from), 1n] : [1n, 10n ** (from - to)];

/**
 * The liability (token units) a liquidator takes on for `assetAmount` of the asset, rounded up:
 * asset × asset price × liability multiplier / (liability price × asset multiplier).
 *
 * @example
 * ```ts
 * import { driftLiabilityTransferImpliedByAssetAmount } from 'riskcore/perps';
 * const r = driftLiabilityTransferImpliedByAssetAmount(
 *   { assetAmount: 100_000_000n },
 *   {
 *     assetLiquidationMultiplier: 1_000_000, assetDecimals: 6, assetPrice: 1_000_000,
 *     liabilityLiquidationMultiplier: 1_000_000, liabilityDecimals: 9, liabilityPrice: 1_000_000_000,
 *   },
 * );
 * console.log(r); // 100000000n
 * ```
 */
export function driftLiabilityTransferImpliedByAssetAmount(
  asset: { assetAmount: DriftInt },
  context: DriftTransferContext,
): bigint {
  const a = readFields(asset, 'asset', { assetAmount: 'u64' }, knownKeys('assetAmount'));
  const c = readFields(context, 'context', XFER_KINDS, XFER_CTX);
  nonZero(c, 'context', ['liabilityPrice', 'assetLiquidationMultiplier']);
  const [ns, ds] = scales(c.assetDecimals, c.liabilityDecimals);
  const num = a.assetAmount * ns * c.assetPrice * c.liabilityLiquidationMultiplier;
  return divCeil(divCeil(num, c.liabilityPrice * c.assetLiquidationMultiplier, 'context'), ds, 'context');
}

/**
 * The asset (token units) a liquidator receives for taking `liabilityTransfer`, at least 1, and the whole
 * `assetAmount` when within $1 of it: liability × liability price × asset multiplier / (asset price × liability
 * multiplier), rounded down.
 *
 * @example
 * ```ts
 * import { driftAssetTransferForLiabilityTransfer } from 'riskcore/perps';
 * const r = driftAssetTransferForLiabilityTransfer(
 *   { assetAmount: 10n ** 9n, liabilityTransfer: 1_000_000n },
 *   {
 *     assetLiquidationMultiplier: 1_010_000, assetDecimals: 6, assetPrice: 1_000_000,
 *     liabilityLiquidationMultiplier: 990_000, liabilityDecimals: 9, liabilityPrice: 100_000_000_000,
 *   },
 * );
 * console.log(r); // 102020202n
 * ```
 */
export function driftAssetTransferForLiabilityTransfer(
  transfer: { assetAmount: DriftInt; liabilityTransfer: DriftInt },
  context: DriftTransferContext,
): bigint {
  const t = readFields(
    transfer,
    'transfer',
    { assetAmount: 'u64', liabilityTransfer: 'u64' },
    knownKeys('assetAmount', 'liabilityTransfer'),
  );
  const c = readFields(context, 'context', XFER_KINDS, XFER_CTX);
  nonZero(c, 'context', ['assetPrice', 'liabilityLiquidationMultiplier']);
  const [ns, ds] = scales(c.liabilityDecimals, c.assetDecimals);
  const num = t.liabilityTransfer * ns * c.liabilityPrice * c.assetLiquidationMultiplier;
  let out = bmax(div(num, c.assetPrice * c.liabilityLiquidationMultiplier, 'context') / ds, 1n);
  const [vn, vd] = c.assetDecimals > 6n ? [10n ** (c.assetDecimals - 6n), 1n] : [1n, 10n ** (6n - c.assetDecimals)];
  const delta = out > t.assetAmount ? out - t.assetAmount : t.assetAmount - out;
  if ((((delta * c.assetPrice) / PRICE) * vn) / vd < QUOTE) out = t.assetAmount;
  return out;
}
