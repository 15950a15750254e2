/**
 * The `context` argument of the margin functions: a market (validated and prepared per call) or a context from
 * {@link prepareMargin} (recognised by its brand, never by its shape), with the parameters from the options. Also
 * the deprecated positional `params` of the old signatures. Internal.
 */
import { RiskInputError } from '../core/errors.js';
import type { Market, Position } from '../core/model.js';
import { checkEnum, checkKeys, checkObject, knownKeys } from '../core/validate.js';
import type { MarginUnit, ValidAccount } from './account.js';
import type { CollateralValuer } from './collateral.js';
import type { MarginContext } from './engine.js';
import { fixEntry, isMarginContext, prepareMargin } from './engine.js';
import type { MarginMethod } from './methods/types.js';
import type { MarginParams } from './paramsTypes.js';
import { DEFAULT_MARGIN_PARAMS } from './presets/defaults.js';

const PARAMS_FIELDS = knownKeys(
  'assets',
  'grid',
  'mmFactor',
  'aggregation',
  'lookAheadYears',
  'cashAssets',
  'haircuts',
);

/** A market, or a context from {@link prepareMargin}. */
export type MarginContextInput = Market | MarginContext;

/** The context: a prepared context as it is, else the market prepared with `params` (default parameters). */
export function contextOf(context: unknown, params: unknown, paramsPath = 'options.params'): MarginContext {
  if (isMarginContext(context)) {
    if (params !== undefined)
      throw new RiskInputError(
        paramsPath,
        'absent with a prepared context (prepareMargin(market, params) fixed its parameters)',
        params,
      );
    return context;
  }
  return prepareMargin(context as Market, (params === undefined ? DEFAULT_MARGIN_PARAMS : params) as MarginParams);
}

/**
 * The options of a call that may use the deprecated form `(subject, context, params, options)`: with four
 * arguments, or a third argument carrying margin-parameter fields (`assets`, `grid`, …), it is the old form and
 * `params` moves into the options. Returns the options object (unchecked) with `params` set.
 */
export function optionsOf(nArgs: number, third: unknown, fourth: unknown): Record<string, unknown> {
  const legacy =
    nArgs >= 4 || (typeof third === 'object' && third !== null && Object.keys(third).some((k) => PARAMS_FIELDS.has(k)));
  if (!legacy) return third === undefined ? {} : checkObject(third, 'options');
  const o = fourth === undefined ? {} : checkObject(fourth, 'options');
  if (o.params !== undefined)
    throw new RiskInputError(
      'options.params',
      'absent in the deprecated form (params is the third argument)',
      o.params,
    );
  return third === undefined ? o : { ...o, params: third };
}

/**
 * Read the common options: method (`undefined` when omitted: {@link methodFor} picks it once the account is known)
 * and collateral valuer, after checking the keys.
 */
export function commonOptions(
  o: Record<string, unknown>,
  known: ReadonlySet<string>,
): { method: MarginMethod | undefined; collateralValuer?: CollateralValuer } {
  checkKeys(o, 'options', known);
  const method =
    o.method === undefined
      ? undefined
      : checkEnum(o.method, 'options.method', ['standard', 'cross', 'portfolio'] as const);
  if (o.collateralValuer !== undefined && typeof o.collateralValuer !== 'function') {
    throw new RiskInputError(
      'options.collateralValuer',
      'a function (holdings, prices) => Decimal',
      o.collateralValuer,
    );
  }
  return {
    method,
    ...(o.collateralValuer !== undefined ? { collateralValuer: o.collateralValuer as CollateralValuer } : {}),
  };
}

/**
 * The margin method of a call: the one asked for, else the default for the account — `'portfolio'` when any pool
 * of the account holds an option, `'standard'` for a delta-one book (spot, perps, futures only; an empty account
 * included). Portfolio margin of a delta-one book is opt-in (`method: 'portfolio'`): a venue margins perps by its
 * size tiers, and a ±16% scan on every perp asks for several times that.
 */
export function methodFor(method: MarginMethod | undefined, account: ValidAccount): MarginMethod {
  if (method !== undefined) return method;
  for (const u of account.units) for (const vp of u.positions) if (vp.position.kind === 'option') return 'portfolio';
  return 'standard';
}

/** Positions of a pool with entries fixed at the context's market. Internal. */
export function poolPositions(ctx: MarginContext, unit: MarginUnit): Position[] {
  return unit.positions.map((vp) => fixEntry(vp.position, ctx.market));
}
