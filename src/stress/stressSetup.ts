/**
 * What a stress test shares across subjects: the validated market and options (margin parameters and method, cash
 * assets, lending book), and per scenario the shocked market and its margin context. Internal to the stress module.
 */
import { RiskInputError } from '../core/errors.js';
import type { Market } from '../core/model.js';
import { validateMarket } from '../core/model.js';
import { Money } from '../core/money.js';
import type { MoneyInput } from '../core/money.js';
import {
  checkArray,
  checkKeys,
  checkObject,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  ownValue,
} from '../core/validate.js';
import type { KnownKeys } from '../core/validate.js';
import type { AccountMarginOptions, MarginContext, MarginParams } from '../netting/index.js';
import { DEFAULT_MARGIN_PARAMS, validateMarginParams } from '../netting/index.js';
import { prepareValidated } from '../netting/internal.js';
import { healthFactor } from '../haircuts/index.js';
import type { Scenario } from './scenario.js';
import { applyScenarioUnchecked, assetValue, setOwn } from './scenario.js';

/** The fields of {@link StressOptions}. */
export const STRESS_OPTION_KEYS = ['marginParams', 'margin', 'lending', 'cashAssets'] as const;
export const OPTION_KEYS = knownKeys(...STRESS_OPTION_KEYS);
const LENDING_KEYS = knownKeys('collateral', 'debt');
const LENDING_COLLATERAL_KEYS = knownKeys('asset', 'amount', 'decimals', 'liquidationThreshold', 'ltv');
const LENDING_DEBT_KEYS = knownKeys('asset', 'amount', 'decimals');

/**
 * The stress options object, strict: an unknown key is refused with the closest field (`method` is a field of
 * `options.margin`, not of the options themselves: `{ margin: { method: 'cross' } }`).
 */
export function checkStressOptions(
  options: unknown,
  path = 'options',
  known: KnownKeys = OPTION_KEYS,
): Record<string, unknown> {
  const o = checkObject(options, path);
  if (Object.hasOwn(o, 'method'))
    throw RiskInputError.unknownField(joinPath(path, 'method'), o.method, 'margin: { method }');
  checkKeys(o, path, known);
  if (o.margin !== undefined) checkObject(o.margin, joinPath(path, 'margin'));
  return o;
}

/** A lending position: collateral with liquidation thresholds and debt, priced from the (shocked) market's oracle. */
export interface LendingBook {
  collateral: Array<{
    asset: string;
    amount: MoneyInput;
    decimals?: number;
    liquidationThreshold: MoneyInput;
    ltv?: MoneyInput;
  }>;
  debt: Array<{ asset: string; amount: MoneyInput; decimals?: number }>;
}

/** Options of `stressTest` and `prepareStress`. */
export interface StressOptions {
  /** Margin parameters for an account (riskcore/netting `MarginParams`); default netting's defaults. */
  marginParams?: MarginParams;
  /** Margin method and collateral valuer, passed to `accountMargin` (default method: `accountMargin`'s). */
  margin?: AccountMarginOptions;
  /**
   * A lending position valued with riskcore/haircuts `healthFactor`: each asset at its shocked oracle price (the
   * market's `mark`, else `price`); assets named in `cashAssets` (and the market's quote) at 1. A scenario's
   * haircut multiplier m turns a threshold LT into 1 − min(1, (1 − LT)·m).
   */
  lending?: LendingBook;
  /** Assets valued at 1 quote unit in `lending` (e.g. `['USDC']`); the market's quote always is. */
  cashAssets?: string[];
}

/** The validated market and options of a stress test. Internal. */
export interface StressSetup {
  market: Market;
  params: MarginParams;
  marginOpts: AccountMarginOptions;
  cash: Set<string>;
  lending: LendingBook | null;
}

/** Validate the market and options once. Internal. */
export function stressSetup(market: Market, options: StressOptions = {}, known: KnownKeys = OPTION_KEYS): StressSetup {
  const m = validateMarket(market, 'market');
  const opts = checkStressOptions(options, 'options', known);
  const params =
    opts.marginParams === undefined
      ? DEFAULT_MARGIN_PARAMS
      : validateMarginParams(opts.marginParams, 'options.marginParams');
  const marginOpts = (opts.margin as AccountMarginOptions | undefined) ?? {};
  const cash = new Set<string>([
    m.quote ?? 'USD',
    ...(opts.cashAssets === undefined
      ? []
      : checkArray(opts.cashAssets, 'options.cashAssets').map((a, i) => checkString(a, `options.cashAssets[${i}]`))),
  ]);
  let lending: LendingBook | null = null;
  if (opts.lending !== undefined) {
    const lo = checkStrictObject(opts.lending, 'options.lending', LENDING_KEYS);
    const check = (list: unknown, path: string, known: typeof LENDING_KEYS) =>
      checkArray(list, path).forEach((c, i) => {
        const a = checkString(checkStrictObject(c, `${path}[${i}]`, known).asset, joinPath(`${path}[${i}]`, 'asset'));
        if (!cash.has(a) && !ownValue(m.assets, a))
          throw new RiskInputError(
            joinPath(`${path}[${i}]`, 'asset'),
            `an asset of market.assets or a cash asset (${[...cash].join(', ')})`,
            a,
          );
      });
    check(lo.collateral, 'options.lending.collateral', LENDING_COLLATERAL_KEYS);
    check(lo.debt, 'options.lending.debt', LENDING_DEBT_KEYS);
    lending = lo as unknown as LendingBook;
    // validate amounts and thresholds once through haircuts
    healthFactor(lendingInput(lending, m, null, cash));
  }
  return { market: m, params, marginOpts, cash, lending };
}

/** A scenario's shocked market, and its margin context once an account needs it. Internal. */
export interface ShockedMarket {
  scenario: Scenario;
  market: Market;
  margin: MarginContext | null;
}

/** The shocked market of a validated scenario (its margin context is made on first use). Internal. */
export function shockedMarket(setup: StressSetup, s: Scenario): ShockedMarket {
  return { scenario: s, market: applyScenarioUnchecked(setup.market, s), margin: null };
}

/**
 * The margin context of a shocked market: the market with the setup's margin parameters, haircuts scaled by the
 * scenario's multipliers. Made once per shocked market and kept in it. Internal.
 */
export function marginContextOf(setup: StressSetup, shocked: ShockedMarket): MarginContext {
  if (shocked.margin === null) {
    const s = shocked.scenario;
    const p = setup.params;
    const mp = s.haircutMultipliers ? { ...p, haircuts: scaleHaircuts(p.haircuts, s) } : p;
    shocked.margin = prepareValidated(shocked.market, mp);
  }
  return shocked.margin;
}

function scaleHaircuts(h: Record<string, number>, s: Scenario): Record<string, number> {
  const out: Record<string, number> = {};
  const keys = new Set([...Object.keys(h), ...Object.keys(s.haircutMultipliers ?? {})]);
  for (const k of keys)
    setOwn(out, k, Math.min(1, (ownValue(h, k) ?? ownValue(h, '*') ?? 0) * assetValue(s.haircutMultipliers, k, 1)));
  return out;
}

/** The haircuts input of a lending book in a (shocked) market. Internal. */
export function lendingInput(l: LendingBook, m: Market, s: Scenario | null, cash: Set<string>) {
  const price = (a: string) => {
    const am = ownValue(m.assets, a);
    return cash.has(a) && !am
      ? '1'
      : String((am as NonNullable<typeof am>).mark ?? (am as NonNullable<typeof am>).price);
  };
  return {
    collateral: l.collateral.map((c) => {
      let lt: MoneyInput = c.liquidationThreshold;
      let ltv: MoneyInput | undefined = c.ltv;
      const mult = s ? assetValue(s.haircutMultipliers, c.asset, 1) : 1;
      if (mult !== 1) {
        // exact: LT' = 1 − min(1, (1 − LT)·m), LTV' = min(LTV, LT')
        const one = new Money(1);
        const ltM = one.minus(Money.min(one, one.minus(String(lt)).mul(String(mult))));
        lt = ltM;
        if (ltv !== undefined) ltv = Money.min(new Money(String(ltv)), ltM);
      }
      return {
        asset: c.asset,
        amount: c.amount,
        ...(c.decimals !== undefined ? { decimals: c.decimals } : {}),
        price: price(c.asset),
        liquidationThreshold: typeof lt === 'number' ? String(lt) : lt,
        ...(ltv !== undefined ? { ltv: typeof ltv === 'number' ? String(ltv) : ltv } : {}),
      };
    }),
    debt: l.debt.map((d) => ({
      asset: d.asset,
      amount: d.amount,
      ...(d.decimals !== undefined ? { decimals: d.decimals } : {}),
      price: price(d.asset),
    })),
  };
}
