/**
 * Boundary validation of the dYdX v4 inputs: integers (quantums, prices, indices) as bigint, safe integer or decimal
 * string; ppm as uint32 numbers; perpetuals and subaccounts as strict objects. Internal to `src/perps/dydx`.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkArray, checkNumber, checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';

const UINT32_MAX = 4_294_967_295;
const UINT64_MAX = 2n ** 64n - 1n;
const INT_TEXT = /^-?\d{1,80}$/;

/** An integer given as bigint, safe integer number or decimal string; `sign` restricts its range. */
export function checkInt(value: unknown, path: string, sign: 'any' | 'nonNegative' | 'positive' = 'any'): bigint {
  let v: bigint | undefined;
  if (typeof value === 'bigint') v = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) v = BigInt(value);
  else if (typeof value === 'string' && INT_TEXT.test(value)) v = BigInt(value);
  const what = sign === 'positive' ? 'an integer > 0' : sign === 'nonNegative' ? 'an integer >= 0' : 'an integer';
  if (v === undefined || (sign === 'positive' && v <= 0n) || (sign === 'nonNegative' && v < 0n)) {
    throw new RiskInputError(path, `${what} (bigint, safe integer or decimal string)`, value);
  }
  return v;
}

/** Like {@link checkInt}, `undefined` giving `fallback`. */
export const optionalInt = (
  value: unknown,
  path: string,
  fallback: bigint,
  sign: 'any' | 'nonNegative' | 'positive' = 'any',
): bigint => (value === undefined ? fallback : checkInt(value, path, sign));

/** A uint32 (ppm values, seconds), optionally at most `max`. */
export const checkUint32 = (value: unknown, path: string, max = UINT32_MAX): number =>
  checkNumber(value, path, { ge: 0, le: max, integer: true });

/** An int32 funding or premium value in ppm. */
export const checkInt32 = (value: unknown, path: string): number =>
  checkNumber(value, path, { ge: -2_147_483_648, le: 2_147_483_647, integer: true });

/** A power-of-ten exponent (atomic resolution, price exponent, quantum conversion exponent) in [-40, 40]. */
export const checkExponent = (value: unknown, path: string): number =>
  checkNumber(value, path, { ge: -40, le: 40, integer: true });

/** A liquidity tier (`LiquidityTier` of `x/perpetuals`). */
export interface DydxLiquidityTier {
  /** Tier id (informational). */
  readonly id?: number;
  /** Tier name (informational). */
  readonly name?: string;
  /** Base initial margin fraction in ppm (≤ 10⁶). */
  readonly initialMarginPpm: number;
  /** Maintenance margin as a fraction of initial margin, ppm (≤ 10⁶). */
  readonly maintenanceFractionPpm: number;
  /** Impact notional in quote quantums (informational; used by the premium votes). */
  readonly impactNotional?: bigint | number | string;
  /** Open notional (quote quantums) below which the IMF is not scaled; default 0. */
  readonly openInterestLowerCap?: bigint | number | string;
  /** Open notional (quote quantums) at which the IMF reaches 100%; 0 (the default) disables the scaling. */
  readonly openInterestUpperCap?: bigint | number | string;
}

/** A validated tier. */
export interface Tier {
  imfPpm: bigint;
  mfPpm: bigint;
  lowerCap: bigint;
  upperCap: bigint;
}

const TIER_KEYS = knownKeys(
  'id',
  'name',
  'initialMarginPpm',
  'maintenanceFractionPpm',
  'impactNotional',
  'openInterestLowerCap',
  'openInterestUpperCap',
);

export function checkTier(value: unknown, path: string): Tier {
  const o = checkStrictObject(value, path, TIER_KEYS);
  if (o.id !== undefined) checkUint32(o.id, joinPath(path, 'id'));
  if (o.name !== undefined && typeof o.name !== 'string')
    throw new RiskInputError(joinPath(path, 'name'), 'a string', o.name);
  if (o.impactNotional !== undefined) checkInt(o.impactNotional, joinPath(path, 'impactNotional'), 'nonNegative');
  const imfPpm = BigInt(checkUint32(o.initialMarginPpm, joinPath(path, 'initialMarginPpm'), 1_000_000));
  const mfPpm = BigInt(checkUint32(o.maintenanceFractionPpm, joinPath(path, 'maintenanceFractionPpm'), 1_000_000));
  const lowerCap = optionalInt(o.openInterestLowerCap, joinPath(path, 'openInterestLowerCap'), 0n, 'nonNegative');
  const upperCap = optionalInt(o.openInterestUpperCap, joinPath(path, 'openInterestUpperCap'), 0n, 'nonNegative');
  if (lowerCap > UINT64_MAX) throw new RiskInputError(joinPath(path, 'openInterestLowerCap'), 'a uint64', lowerCap);
  if (upperCap > UINT64_MAX) throw new RiskInputError(joinPath(path, 'openInterestUpperCap'), 'a uint64', upperCap);
  if (lowerCap > upperCap) {
    throw new RiskInputError(
      joinPath(path, 'openInterestLowerCap'),
      `at most openInterestUpperCap (${upperCap})`,
      lowerCap,
    );
  }
  return { imfPpm, mfPpm, lowerCap, upperCap };
}

/** A perpetual market with its oracle price (`Perpetual`, `MarketPrice` and its `LiquidityTier`). */
export interface DydxPerpetual {
  /** Perpetual id, referenced by positions. */
  readonly id: number;
  /** Base atomic resolution: one base quantum is 10^atomicResolution of the asset (BTC: -10). */
  readonly atomicResolution: number;
  /** Oracle price value (uint64); the price is price · 10^priceExponent USDC per asset. */
  readonly price: bigint | number | string;
  /** Oracle price exponent. */
  readonly priceExponent: number;
  /** The perpetual's liquidity tier. */
  readonly liquidityTier: DydxLiquidityTier;
  /** Open interest in base quantums (scales the IMF); default 0. */
  readonly openInterest?: bigint | number | string;
  /** Current funding index (quote quantums per base quantum, ppm); default 0. */
  readonly fundingIndex?: bigint | number | string;
}

/** A validated perpetual. */
export interface Perp {
  id: number;
  atomicResolution: number;
  price: bigint;
  priceExponent: number;
  tier: Tier;
  openInterest: bigint;
  fundingIndex: bigint;
  /** The OI-adjusted IMF (ppm), filled on first use (`perpAdjustedImfPpm` of risk.ts). */
  adjustedImfPpm?: bigint;
}

const PERP_KEYS = knownKeys(
  'id',
  'atomicResolution',
  'price',
  'priceExponent',
  'liquidityTier',
  'openInterest',
  'fundingIndex',
);

export function checkPerp(value: unknown, path: string): Perp {
  const o = checkStrictObject(value, path, PERP_KEYS);
  const price = checkInt(o.price, joinPath(path, 'price'), 'positive');
  if (price > UINT64_MAX) throw new RiskInputError(joinPath(path, 'price'), 'a uint64', price);
  return {
    id: checkUint32(o.id, joinPath(path, 'id')),
    atomicResolution: checkExponent(o.atomicResolution, joinPath(path, 'atomicResolution')),
    price,
    priceExponent: checkExponent(o.priceExponent, joinPath(path, 'priceExponent')),
    tier: checkTier(o.liquidityTier, joinPath(path, 'liquidityTier')),
    openInterest: optionalInt(o.openInterest, joinPath(path, 'openInterest'), 0n, 'nonNegative'),
    fundingIndex: optionalInt(o.fundingIndex, joinPath(path, 'fundingIndex'), 0n),
  };
}

/** A list of perpetuals as a map by id (duplicate ids refused). */
export function checkPerps(value: unknown, path: string): Map<number, Perp> {
  const arr = checkArray(value, path);
  const m = new Map<number, Perp>();
  arr.forEach((p, i) => {
    const perp = checkPerp(p, joinPath(path, i));
    if (m.has(perp.id))
      throw new RiskInputError(joinPath(joinPath(path, i), 'id'), 'a perpetual id not listed before', perp.id);
    m.set(perp.id, perp);
  });
  return m;
}

/** One perpetual position of a subaccount. */
export interface DydxPerpetualPosition {
  /** Perpetual id (one of the context's perpetuals). */
  readonly perpetualId: number;
  /** Signed size in base quantums (long > 0). */
  readonly quantums: bigint | number | string;
  /** Funding index at the last settlement; default the perpetual's current index (nothing unsettled). */
  readonly fundingIndex?: bigint | number | string;
}

/** A cross-margin subaccount: USDC balance and perpetual positions. */
export interface DydxSubaccount {
  /** USDC asset position in quote quantums (10⁻⁶ USDC), negative when borrowed. */
  readonly usdcQuantums: bigint | number | string;
  /** Perpetual positions, at most one per perpetual. */
  readonly positions: readonly DydxPerpetualPosition[];
  /**
   * Leverage settings (`MsgUpdateLeverage`): a configured IMF per perpetual, used for the initial requirement when
   * above the OI-adjusted IMF. Default none.
   */
  readonly leverage?: readonly DydxLeverageEntry[];
}

/** One leverage setting of a subaccount (`PerpetualLeverageEntry`). */
export interface DydxLeverageEntry {
  /** The perpetual. */
  readonly perpetualId: number;
  /** Configured initial margin fraction, ppm (≤ 10⁶). */
  readonly customImfPpm: number;
}

/** A validated position, with its perpetual. */
export interface Pos {
  perp: Perp;
  quantums: bigint;
  fundingIndex: bigint;
}
/** A validated subaccount. */
export interface Sub {
  usdc: bigint;
  positions: Pos[];
  /** Custom IMF by perpetual id (absent: none). */
  customImf: ReadonlyMap<number, bigint>;
}

const POS_KEYS = knownKeys('perpetualId', 'quantums', 'fundingIndex');
const SUB_KEYS = knownKeys('usdcQuantums', 'positions', 'leverage');
const LEV_KEYS = knownKeys('perpetualId', 'customImfPpm');

export function checkSubaccount(value: unknown, path: string, perps: Map<number, Perp>, perpsPath: string): Sub {
  const o = checkStrictObject(value, path, SUB_KEYS);
  const usdc = checkInt(o.usdcQuantums, joinPath(path, 'usdcQuantums'));
  const arr = checkArray(o.positions, joinPath(path, 'positions'));
  const seen = new Set<number>();
  const positions = arr.map((p, i) => {
    const pp = joinPath(joinPath(path, 'positions'), i);
    const po = checkStrictObject(p, pp, POS_KEYS);
    const id = checkUint32(po.perpetualId, joinPath(pp, 'perpetualId'));
    const perp = perps.get(id);
    if (perp === undefined) {
      throw new RiskInputError(joinPath(pp, 'perpetualId'), `the id of one of ${perpsPath}`, id);
    }
    if (seen.has(id)) throw new RiskInputError(joinPath(pp, 'perpetualId'), 'a perpetual without another position', id);
    seen.add(id);
    return {
      perp,
      quantums: checkInt(po.quantums, joinPath(pp, 'quantums')),
      fundingIndex: optionalInt(po.fundingIndex, joinPath(pp, 'fundingIndex'), perp.fundingIndex),
    };
  });
  const customImf = new Map<number, bigint>();
  if (o.leverage !== undefined) {
    checkArray(o.leverage, joinPath(path, 'leverage')).forEach((e, i) => {
      const lp = joinPath(joinPath(path, 'leverage'), i);
      const lo = checkStrictObject(e, lp, LEV_KEYS);
      const id = checkUint32(lo.perpetualId, joinPath(lp, 'perpetualId'));
      if (!perps.has(id)) throw new RiskInputError(joinPath(lp, 'perpetualId'), `the id of one of ${perpsPath}`, id);
      if (customImf.has(id)) throw new RiskInputError(joinPath(lp, 'perpetualId'), 'a perpetual not set before', id);
      customImf.set(id, BigInt(checkUint32(lo.customImfPpm, joinPath(lp, 'customImfPpm'), 1_000_000)));
    });
  }
  return { usdc, positions, customImf };
}

/** The context of the account functions: the perpetual markets. */
export interface DydxMarkets {
  /** The perpetuals the positions refer to. */
  readonly perpetuals: readonly DydxPerpetual[];
}

/** One of two side literals. */
export function checkEnumSide<T extends string>(value: unknown, path: string, allowed: readonly [T, T]): T {
  if (value !== allowed[0] && value !== allowed[1]) {
    throw new RiskInputError(path, `'${allowed[0]}' or '${allowed[1]}'`, value);
  }
  return value as T;
}
