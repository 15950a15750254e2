/** Validation of Hyperliquid inputs into internal forms. Internal. */
import { isPrepared, markPrepared } from '../../core/brand.js';
import { RiskInputError } from '../../core/errors.js';
import { Money, toMoney } from '../../core/money.js';
import {
  checkArray,
  checkEnum,
  checkNumber,
  checkObject,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  ownValue,
} from '../../core/validate.js';

const TIER_KEYS = knownKeys('lowerBound', 'maxLeverage');
const TABLE_KEYS = knownKeys('tiers', 'source');
const ASSET_KEYS = knownKeys('markPrice', 'marginTable');
const MARKET_KEYS = knownKeys('assets');
const POSITION_KEYS = knownKeys('asset', 'size', 'entryPrice', 'leverage', 'marginMode', 'isolatedMargin');
const ACCOUNT_KEYS = knownKeys('balance', 'positions');

/** Largest leverage accepted anywhere. */
export const MAX_LEVERAGE = 1000;

/** A validated margin tier. */
export interface Tier {
  lowerBound: Money;
  maxLeverage: number;
}

/** A validated asset market. */
export interface AssetMarket {
  markPrice: Money;
  tiers: Tier[];
}

/** A validated position. */
export interface Position {
  asset: string;
  size: Money;
  entryPrice: Money;
  leverage: number;
  marginMode: 'cross' | 'isolated';
  isolatedMargin: Money;
}

/** A validated account. */
export interface Account {
  balance: Money;
  positions: Position[];
}

/** An integer leverage in [1, 1000]. */
export function parseLeverage(value: unknown, path: string): number {
  return checkNumber(value, path, { ge: 1, le: MAX_LEVERAGE, integer: true });
}

/** A margin table: ascending lower bounds from 0, integer max leverages. */
export function parseTable(value: unknown, path: string): Tier[] {
  const o = checkStrictObject(value, path, TABLE_KEYS);
  if (o.source !== undefined) checkString(o.source, joinPath(path, 'source'));
  const rows = checkArray(o.tiers, joinPath(path, 'tiers'), 1);
  const tiers: Tier[] = [];
  rows.forEach((row, i) => {
    const p = joinPath(joinPath(path, 'tiers'), i);
    const r = checkStrictObject(row, p, TIER_KEYS);
    const lowerBound = toMoney(r.lowerBound, joinPath(p, 'lowerBound'), { min: 'nonnegative' });
    if (i === 0 && !lowerBound.isZero())
      throw new RiskInputError(joinPath(p, 'lowerBound'), '0 for the first tier', r.lowerBound);
    if (i > 0 && !lowerBound.gt(tiers[i - 1].lowerBound))
      throw new RiskInputError(joinPath(p, 'lowerBound'), 'greater than the previous tier lowerBound', r.lowerBound);
    tiers.push({ lowerBound, maxLeverage: parseLeverage(r.maxLeverage, joinPath(p, 'maxLeverage')) });
  });
  return tiers;
}

const preparedMarkets = new WeakMap<object, Map<string, AssetMarket>>();
const preparedAccounts = new WeakMap<object, { account: Account; market: Map<string, AssetMarket> }>();
const MARKET_BRAND = 'perps.hyperliquid.market';
const ACCOUNT_BRAND = 'perps.hyperliquid.account';

/** Registers `value` as a prepared market holding the validated `market`. */
export function registerMarket<T extends object>(value: T, market: Map<string, AssetMarket>): T {
  preparedMarkets.set(value, market);
  return markPrepared(value, MARKET_BRAND);
}

/** Registers `value` as a prepared account holding `account`, validated against `market`. */
export function registerAccount<T extends object>(value: T, account: Account, market: Map<string, AssetMarket>): T {
  preparedAccounts.set(value, { account, market });
  return markPrepared(value, ACCOUNT_BRAND);
}

/** The validated market of a prepared market, or undefined for anything else. */
export const preparedMarket = (value: unknown): Map<string, AssetMarket> | undefined =>
  isPrepared(value, MARKET_BRAND) ? preparedMarkets.get(value as object) : undefined;

/** The market: `assets` keyed by asset name (a prepared market gives its validated form). */
export function parseMarket(value: unknown, path: string): Map<string, AssetMarket> {
  const ready = preparedMarket(value);
  if (ready !== undefined) return ready;
  const o = checkStrictObject(value, path, MARKET_KEYS);
  const assets = checkObject(o.assets, joinPath(path, 'assets'));
  const out = new Map<string, AssetMarket>();
  // assets often share one table object: it is validated once per call (at its first asset's path)
  const tables = new Map<unknown, Tier[]>();
  for (const name of Object.keys(assets)) {
    const p = joinPath(joinPath(path, 'assets'), name);
    const a = checkStrictObject(ownValue(assets, name), p, ASSET_KEYS);
    const markPrice = toMoney(a.markPrice, joinPath(p, 'markPrice'), { min: 'positive' });
    let tiers = tables.get(a.marginTable);
    if (tiers === undefined) {
      tiers = parseTable(a.marginTable, joinPath(p, 'marginTable'));
      if (typeof a.marginTable === 'object' && a.marginTable !== null) tables.set(a.marginTable, tiers);
    }
    out.set(name, { markPrice, tiers });
  }
  return out;
}

/** One position; its asset must be in the market. */
export function parsePosition(value: unknown, path: string, market: Map<string, AssetMarket>): Position {
  const o = checkStrictObject(value, path, POSITION_KEYS);
  const asset = checkString(o.asset, joinPath(path, 'asset'));
  if (!market.has(asset)) throw new RiskInputError(joinPath(path, 'asset'), 'an asset of the market', asset);
  const marginMode = checkEnum(o.marginMode, joinPath(path, 'marginMode'), ['cross', 'isolated'] as const);
  let isolatedMargin = new Money(0);
  if (marginMode === 'isolated') {
    isolatedMargin = toMoney(o.isolatedMargin, joinPath(path, 'isolatedMargin'), { min: 'nonnegative' });
  } else if (o.isolatedMargin !== undefined) {
    throw new RiskInputError(joinPath(path, 'isolatedMargin'), 'absent for a cross position', o.isolatedMargin);
  }
  return {
    asset,
    size: toMoney(o.size, joinPath(path, 'size')),
    entryPrice: toMoney(o.entryPrice, joinPath(path, 'entryPrice'), { min: 'positive' }),
    leverage: parseLeverage(o.leverage, joinPath(path, 'leverage')),
    marginMode,
    isolatedMargin,
  };
}

/** An account: one position per asset, returned sorted by asset name (so results never depend on input order). */
export function parseAccount(value: unknown, path: string, market: Map<string, AssetMarket>): Account {
  if (isPrepared(value, ACCOUNT_BRAND)) {
    const ready = preparedAccounts.get(value as object);
    if (ready !== undefined && ready.market === market) return ready.account;
    throw new RiskInputError(path, 'an account prepared against the same prepared market', value);
  }
  const o = checkStrictObject(value, path, ACCOUNT_KEYS);
  const balance = toMoney(o.balance, joinPath(path, 'balance'));
  const list = checkArray(o.positions, joinPath(path, 'positions'));
  const seen = new Set<string>();
  const positions = list.map((p, i) => {
    const pos = parsePosition(p, joinPath(joinPath(path, 'positions'), i), market);
    if (seen.has(pos.asset))
      throw new RiskInputError(
        joinPath(joinPath(joinPath(path, 'positions'), i), 'asset'),
        'one position per asset',
        pos.asset,
      );
    seen.add(pos.asset);
    return pos;
  });
  positions.sort((a, b) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0));
  return { balance, positions };
}

/** The market entry of an asset (parsePosition guarantees it exists). */
export function assetOf(market: Map<string, AssetMarket>, asset: string): AssetMarket {
  return market.get(asset) as AssetMarket;
}
