/**
 * A lending market prepared once (Aave v3 semantics): reserves with LTV, liquidation threshold, bonus, protocol fee
 * and caps; e-mode categories; the liquidation constants. The account functions of ./ take either the parameters
 * ({@link LendingMarketParams}, validated on each call) or a market from {@link lendingMarket} (validated once).
 * A prepared market is recognised only by the library's registry (core/brand.ts), never by its shape: an object of
 * the same shape built by hand or parsed from JSON is validated as parameters (and refused: its reserves are a Map).
 */
import { RiskInputError } from '../../core/errors.js';
import { isPrepared, markPrepared } from '../../core/brand.js';
import { Money, toMoney } from '../../core/money.js';
import { checkArray, checkNumber, checkStrictObject, checkString, knownKeys } from '../../core/validate.js';
import { toFraction } from '../health.js';
import { AAVE_V33_LIQUIDATION } from './markets/liquidationV33.js';
import type { LendingMarketParams } from './params.js';

const PREPARED = 'lending.aave.market';
const MARKET_KEYS = knownKeys('name', 'source', 'asOf', 'priceDecimals', 'reserves', 'eModes', 'liquidation');
const RESERVE_KEYS = knownKeys(
  'asset',
  'decimals',
  'ltv',
  'liquidationThreshold',
  'liquidationBonus',
  'liquidationProtocolFee',
  'reserveFactor',
  'supplyCap',
  'borrowCap',
  'debtCeiling',
  'borrowableInIsolation',
  'borrowingEnabled',
);
const EMODE_KEYS = knownKeys(
  'id',
  'label',
  'ltv',
  'liquidationThreshold',
  'liquidationBonus',
  'collateralAssets',
  'borrowableAssets',
);
const LIQUIDATION_KEYS = knownKeys(
  'closeFactor',
  'closeFactorHfThreshold',
  'minBaseMaxCloseFactorThreshold',
  'minLeftoverBase',
);

const ZERO = new Money(0);
const ONE = new Money(1);

/** A validated reserve, fractions as Money. */
export interface Reserve {
  asset: string;
  index: number;
  decimals: number;
  ltv: Money;
  liquidationThreshold: Money;
  liquidationBonus: Money;
  liquidationProtocolFee: Money;
  reserveFactor: Money;
  supplyCap: Money | null;
  borrowCap: Money | null;
  debtCeiling: Money | null;
  borrowableInIsolation: boolean;
  borrowingEnabled: boolean;
}

/** A validated e-mode category. */
export interface EMode {
  id: number;
  label: string;
  ltv: Money;
  liquidationThreshold: Money;
  liquidationBonus: Money;
  collateralAssets: Set<string>;
  borrowableAssets: Set<string> | null;
}

/** A validated market (see {@link lendingMarket}). */
export interface LendingMarket {
  name: string;
  source: string;
  priceDecimals: number;
  reserves: Map<string, Reserve>;
  eModes: Map<number, EMode>;
  closeFactor: Money;
  closeFactorHfThreshold: Money;
  minBaseMaxCloseFactorThreshold: Money;
  minLeftoverBase: Money;
}

function checkBonus(value: unknown, path: string): Money {
  const b = toMoney(value, path, { min: 'nonnegative' });
  if (b.gt(1)) throw new RiskInputError(path, 'a bonus fraction in [0, 1] (0.05 = 5% over the repaid debt)', value);
  return b;
}

function optionalCap(value: unknown, path: string): Money | null {
  if (value === undefined || value === null) return null;
  const m = toMoney(value, path, { min: 'nonnegative' });
  return m.isZero() ? null : m;
}

/**
 * Prepare a market: validate its parameters once (LT ≤ 1, LTV ≤ LT, bonus, fee, caps, e-modes) and return a
 * prepared (branded, frozen) market for the account functions; a prepared market is returned as it is.
 *
 * @example
 * ```ts
 * import { lendingMarket, AAVE_V3_ETHEREUM } from 'riskcore/lending';
 * const m = lendingMarket(AAVE_V3_ETHEREUM);
 * console.log(m.reserves.get('WETH')!.liquidationThreshold.toString()); // '0.83'
 * ```
 */
export function lendingMarket(params: LendingMarketParams | LendingMarket): LendingMarket {
  if (isPrepared(params, PREPARED)) return params as LendingMarket;
  const o = checkStrictObject(params, 'market', MARKET_KEYS);
  if (o.asOf !== undefined) checkString(o.asOf, 'market.asOf');
  const name = checkString(o.name, 'market.name');
  const source = checkString(o.source, 'market.source');
  const priceDecimals =
    o.priceDecimals === undefined
      ? 8
      : checkNumber(o.priceDecimals, 'market.priceDecimals', { ge: 0, le: 36, integer: true });
  const reserves = new Map<string, Reserve>();
  checkArray(o.reserves, 'market.reserves', 1).forEach((r, index) => {
    const p = `market.reserves[${index}]`;
    const ro = checkStrictObject(r, p, RESERVE_KEYS);
    const asset = checkString(ro.asset, `${p}.asset`);
    if (reserves.has(asset)) throw new RiskInputError(`${p}.asset`, 'a unique asset name', asset);
    const liquidationThreshold = toFraction(ro.liquidationThreshold, `${p}.liquidationThreshold`);
    const ltv = toFraction(ro.ltv, `${p}.ltv`, liquidationThreshold);
    const liquidationBonus = checkBonus(ro.liquidationBonus, `${p}.liquidationBonus`);
    if (liquidationThreshold.gt(0) && liquidationThreshold.mul(ONE.plus(liquidationBonus)).gt(1)) {
      throw new RiskInputError(
        `${p}.liquidationBonus`,
        'a bonus with LT·(1 + bonus) <= 1 (Aave PoolConfigurator rule)',
        ro.liquidationBonus,
      );
    }
    for (const k of ['borrowableInIsolation', 'borrowingEnabled'] as const) {
      if (ro[k] !== undefined && typeof ro[k] !== 'boolean') throw new RiskInputError(`${p}.${k}`, 'a boolean', ro[k]);
    }
    reserves.set(asset, {
      asset,
      index,
      decimals: checkNumber(ro.decimals, `${p}.decimals`, { ge: 0, le: 36, integer: true }),
      ltv,
      liquidationThreshold,
      liquidationBonus,
      liquidationProtocolFee:
        ro.liquidationProtocolFee === undefined
          ? ZERO
          : toFraction(ro.liquidationProtocolFee, `${p}.liquidationProtocolFee`),
      reserveFactor: ro.reserveFactor === undefined ? ZERO : toFraction(ro.reserveFactor, `${p}.reserveFactor`),
      supplyCap: optionalCap(ro.supplyCap, `${p}.supplyCap`),
      borrowCap: optionalCap(ro.borrowCap, `${p}.borrowCap`),
      debtCeiling: optionalCap(ro.debtCeiling, `${p}.debtCeiling`),
      borrowableInIsolation: ro.borrowableInIsolation === true,
      borrowingEnabled: ro.borrowingEnabled !== false,
    });
  });
  const eModes = new Map<number, EMode>();
  if (o.eModes !== undefined) {
    checkArray(o.eModes, 'market.eModes').forEach((e, i) => {
      const p = `market.eModes[${i}]`;
      const eo = checkStrictObject(e, p, EMODE_KEYS);
      const id = checkNumber(eo.id, `${p}.id`, { ge: 1, le: 255, integer: true });
      const liquidationThreshold = toFraction(eo.liquidationThreshold, `${p}.liquidationThreshold`);
      const assets = (key: string) =>
        new Set(
          checkArray(eo[key], `${p}.${key}`).map((a, j) => {
            const s = checkString(a, `${p}.${key}[${j}]`);
            if (!reserves.has(s)) throw new RiskInputError(`${p}.${key}[${j}]`, 'an asset of market.reserves', s);
            return s;
          }),
        );
      if (eModes.has(id)) throw new RiskInputError(`${p}.id`, 'a unique e-mode id', id);
      eModes.set(id, {
        id,
        label: checkString(eo.label, `${p}.label`),
        ltv: toFraction(eo.ltv, `${p}.ltv`, liquidationThreshold),
        liquidationThreshold,
        liquidationBonus: checkBonus(eo.liquidationBonus, `${p}.liquidationBonus`),
        collateralAssets: assets('collateralAssets'),
        borrowableAssets: eo.borrowableAssets === undefined ? null : assets('borrowableAssets'),
      });
    });
  }
  const lc =
    o.liquidation === undefined
      ? AAVE_V33_LIQUIDATION
      : (checkStrictObject(
          o.liquidation,
          'market.liquidation',
          LIQUIDATION_KEYS,
        ) as unknown as typeof AAVE_V33_LIQUIDATION);
  const market: LendingMarket = {
    name,
    source,
    priceDecimals,
    reserves,
    eModes,
    closeFactor: toFraction(lc.closeFactor, 'market.liquidation.closeFactor'),
    closeFactorHfThreshold: toMoney(lc.closeFactorHfThreshold, 'market.liquidation.closeFactorHfThreshold', {
      min: 'nonnegative',
    }),
    minBaseMaxCloseFactorThreshold: toMoney(
      lc.minBaseMaxCloseFactorThreshold,
      'market.liquidation.minBaseMaxCloseFactorThreshold',
      { min: 'nonnegative' },
    ),
    minLeftoverBase: toMoney(lc.minLeftoverBase, 'market.liquidation.minLeftoverBase', { min: 'nonnegative' }),
  };
  for (const r of reserves.values()) Object.freeze(r);
  for (const e of eModes.values()) Object.freeze(e);
  return markPrepared(Object.freeze(market), PREPARED);
}
