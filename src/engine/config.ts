/** The engine's configuration: `(market, options)` of `createMarginEngine` validated. Internal. */
import { RiskInputError } from '../core/errors.js';
import type { Market } from '../core/model.js';
import { validateMarket } from '../core/model.js';
import { checkEnum, checkNumber, checkStrictObject, checkString, knownKeys, ownValue } from '../core/validate.js';
import type { MarginParams } from '../netting/index.js';
import { DEFAULT_MARGIN_PARAMS, prepareValidated, validateMarginParams } from '../netting/internal.js';

const OPTIONS = knownKeys('method', 'params', 'collateralAssets', 'decimals');

/** Validated engine configuration. */
export interface EngineConfig {
  market: Market;
  params: MarginParams;
  /** The method as configured (`options.method`). */
  methodName: 'standard' | 'cross' | 'auto' | 'portfolio';
  /** The method of a delta-one account (`'standard'` under `'auto'` and `'portfolio'`). */
  method: 'standard' | 'cross';
  /** Which accounts are portfolio-margined: none, those holding an option (`'auto'`), or all. */
  portfolio: 'none' | 'auto' | 'all';
  collateralAssets: string[];
  decimals: number;
}

/** Validate `(market, options)` of {@link createMarginEngine}. */
export function engineConfig(market: unknown, options: unknown): EngineConfig {
  const m = validateMarket(market, 'market');
  const o = options === undefined ? {} : checkStrictObject(options, 'options', OPTIONS);
  const methodName =
    o.method === undefined
      ? 'auto'
      : checkEnum(o.method, 'options.method', ['standard', 'cross', 'auto', 'portfolio'] as const);
  const method = methodName === 'cross' ? 'cross' : 'standard';
  const portfolio = methodName === 'auto' ? 'auto' : methodName === 'portfolio' ? 'all' : 'none';
  const params = o.params === undefined ? DEFAULT_MARGIN_PARAMS : validateMarginParams(o.params, 'options.params');
  // the scenario markets of every underlying must exist (a grid move of −100% or beyond is refused here)
  if (portfolio !== 'none') prepareValidated(m, params);
  const quote = m.quote ?? 'USD';
  const raw = o.collateralAssets === undefined ? [quote] : o.collateralAssets;
  if (!Array.isArray(raw) || raw.length === 0)
    throw new RiskInputError('options.collateralAssets', 'a non-empty array of cash asset names', raw);
  const collateralAssets = raw.map((a, i) => {
    const p = `options.collateralAssets[${i}]`;
    const name = checkString(a, p);
    const cash = name === quote || (params.cashAssets.includes(name) && ownValue(m.assets, name) === undefined);
    if (!cash)
      throw new RiskInputError(
        p,
        `a cash asset valued at 1 (${[quote, ...params.cashAssets].join(', ')}; not priced by the market)`,
        name,
      );
    if (raw.indexOf(name) !== i) throw new RiskInputError(p, 'a name not listed twice', name);
    return name;
  });
  const decimals =
    o.decimals === undefined ? 6 : checkNumber(o.decimals, 'options.decimals', { ge: 0, le: 12, integer: true });
  return { market: m, params, methodName, method, portfolio, collateralAssets, decimals };
}
