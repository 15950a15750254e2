/**
 * The liquidation price of one underlying: the price at which a pool's equity falls to its maintenance margin,
 * every other price fixed. Root finding by the library's one Brent implementation (`core/roots.ts`).
 */
import { RiskInputError } from '../core/errors.js';
import type { Market } from '../core/model.js';
import { brentBracket } from '../core/roots.js';
import { checkNumber, checkString, knownKeys, ownValue } from '../core/validate.js';
import type { Account, ValidAccount } from './account.js';
import { poolCollateral } from './collateral.js';
import { commonOptions, contextOf, methodFor } from './context.js';
import type { MarginContext } from './engine.js';
import { fixEntry, prepareValidated } from './engine.js';
import { unitFigures } from './figures.js';
import { accountIn } from './margin.js';
import type { AccountMarginOptions } from './margin.js';
import type { MarginParams } from './paramsTypes.js';
import { setOwn } from './ownRecord.js';

/** Result of {@link liquidationPrice}. */
export interface LiquidationPriceResult {
  underlying: string;
  /** The pool searched (`'cross'` or an isolated pool's key). */
  unit: string;
  price: number;
  /** `'ok'`: equity ≥ maintenance now; `'liquidatable'`: already below maintenance (no prices are searched). */
  status: 'ok' | 'liquidatable';
  /** Highest price below the current one at which equity = maintenance margin; `null` when none in (price·minFactor, price). */
  below: number | null;
  /** Lowest price above the current one at which equity = maintenance; `null` when none in (price, price·maxFactor). */
  above: number | null;
  /** Relative distances (below/price − 1, above/price − 1), `null` with the prices. */
  distanceBelow: number | null;
  distanceAbove: number | null;
}

/** Options of {@link liquidationPrice}. */
export interface LiquidationPriceOptions extends AccountMarginOptions {
  /** The underlying whose price moves (a key of `market.assets`). */
  underlying: string;
  /** The pool to search: `'cross'` (default) or an isolated pool's key (`account.subAccounts[1]`). */
  unit?: string;
  /** Search range as factors of the current price: (minFactor, 1) below (default 1e-3), (1, maxFactor) above (default 100). */
  minFactor?: number;
  maxFactor?: number;
}

/** Options of the deprecated form `liquidationPrice(account, market, underlying, params, options)`. */
export type LegacyLiquidationPriceOptions = Omit<LiquidationPriceOptions, 'underlying' | 'params'>;

const OPTIONS = knownKeys('underlying', 'params', 'method', 'collateralValuer', 'unit', 'minFactor', 'maxFactor');

/**
 * The price of `options.underlying` at which a pool's equity falls to its maintenance margin, every other price
 * fixed (perp marks move in proportion; entry prices stay at the current market; collateral in the asset is
 * revalued). Full revaluation under the chosen method; the search scans geometrically from the current price
 * outwards to `minFactor`/`maxFactor` × price for the first sign change of equity − maintenance, then Brent's
 * method to a relative 1e-10. Returns `null` on a side with no crossing (e.g. a fully collateralised hedge).
 *
 * @example
 * ```ts
 * import { liquidationPrice } from 'riskcore/netting';
 * const market = { assets: { BTC: { price: 60000 } } };
 * const acct = { collateral: [{ asset: 'USDC', amount: '6000' }], positions: [{ kind: 'perp', underlying: 'BTC', quantity: 1 }] };
 * // long 1 BTC perp on 6,000 USDC (cross): 6000 + (P − 60000) = 200 + (P − 50000)·0.5% → 0.995·P = 53,950
 * const r = liquidationPrice(acct, market, { underlying: 'BTC', method: 'cross' });
 * console.log(Math.round(r.below ?? 0)); // 54221
 * console.log(r.above); // null
 * ```
 */
export function liquidationPrice(
  account: Account | ValidAccount,
  context: Market | MarginContext,
  options: LiquidationPriceOptions,
): LiquidationPriceResult;
/** @deprecated use `liquidationPrice(account, context, { underlying, params, method, … })` */
export function liquidationPrice(
  account: Account | ValidAccount,
  context: Market | MarginContext,
  underlying: string,
  params?: MarginParams,
  options?: LegacyLiquidationPriceOptions,
): LiquidationPriceResult;
export function liquidationPrice(
  account: Account | ValidAccount,
  context: Market | MarginContext,
  third: unknown,
  params?: unknown,
  legacy?: unknown,
): LiquidationPriceResult {
  let o: Record<string, unknown>;
  if (typeof third === 'string') {
    const lo = legacy === undefined ? {} : { ...(legacy as object) };
    for (const k of ['underlying', 'params'])
      if (Object.hasOwn(lo, k))
        throw new RiskInputError(
          `options.${k}`,
          'absent in the deprecated form (it is a positional argument)',
          (lo as Record<string, unknown>)[k],
        );
    o = { ...lo, underlying: third, ...(params !== undefined ? { params } : {}) };
  } else {
    if (typeof third !== 'object' || third === null || Array.isArray(third))
      throw new RiskInputError('options', "an options object with the underlying: { underlying: 'BTC', … }", third);
    o = third as Record<string, unknown>;
  }
  const { method: asked, collateralValuer } = commonOptions(o, OPTIONS);
  const u = checkString(o.underlying, 'options.underlying');
  const minF = checkNumber(o.minFactor ?? 1e-3, 'options.minFactor', { gt: 0, lt: 1 });
  const maxF = checkNumber(o.maxFactor ?? 100, 'options.maxFactor', { gt: 1, le: 1e6 });
  const key = o.unit === undefined ? 'cross' : checkString(o.unit, 'options.unit');
  const ctx = contextOf(context, o.params);
  const base = ownValue(ctx.market.assets, u);
  if (!base)
    throw new RiskInputError(
      'options.underlying',
      `an asset present in market.assets (${Object.keys(ctx.market.assets).join(', ')})`,
      u,
    );
  const acc = accountIn(account, ctx);
  const method = methodFor(asked, acc);
  const unit = acc.units.find((x) => x.key === key);
  if (!unit)
    throw new RiskInputError(
      'options.unit',
      `the key of a pool of the account (${acc.units.map((x) => x.key).join(', ')})`,
      key,
    );
  const positions = unit.positions.map((vp) => fixEntry(vp.position, ctx.market));
  const surplus = (factor: number): number => {
    const a = { ...base, price: base.price * factor, ...(base.mark !== undefined ? { mark: base.mark * factor } : {}) };
    const assets = { ...ctx.market.assets };
    setOwn(assets, u, a);
    const c = factor === 1 ? ctx : prepareValidated({ ...ctx.market, assets }, ctx.params);
    const f = unitFigures(c, positions, method);
    return poolCollateral(c, unit.collateral, collateralValuer).toNumber() + f.positionsValue - f.mm;
  };
  const s0 = surplus(1);
  const out: LiquidationPriceResult = {
    underlying: u,
    unit: key,
    price: base.price,
    status: s0 < 0 ? 'liquidatable' : 'ok',
    below: null,
    above: null,
    distanceBelow: null,
    distanceAbove: null,
  };
  if (s0 < 0) return out;
  const search = (limit: number): number | null => {
    const steps = 400;
    const ratio = limit ** (1 / steps);
    let x0 = 1,
      f0 = s0;
    for (let i = 1; i <= steps; i++) {
      const x1 = i === steps ? limit : ratio ** i;
      const f1 = surplus(x1);
      if (f1 < 0) {
        // the crossing, on the side still at or above maintenance; brentBracket wants a < b, so the search below
        // the price runs on the mirrored axis
        const tol = 1e-10 * Math.max(x0, x1);
        return x1 > x0
          ? brentBracket(surplus, x0, x1, f0, f1, tol).lo
          : -brentBracket((y) => surplus(-y), -x0, -x1, f0, f1, tol).lo;
      }
      x0 = x1;
      f0 = f1;
    }
    return null;
  };
  const lo = search(minF);
  const hi = search(maxF);
  if (lo !== null) {
    out.below = lo * base.price;
    out.distanceBelow = lo - 1;
  }
  if (hi !== null) {
    out.above = hi * base.price;
    out.distanceAbove = hi - 1;
  }
  return out;
}
