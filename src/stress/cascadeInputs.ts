/**
 * Internal: validation of {@link simulateLiquidationCascade}'s accounts and params into the engine's dense
 * per-asset shapes (src/stress/cascadeEngineTypes.ts). Not exported from riskcore/stress.
 */
import { RiskInputError } from '../core/errors.js';
import { Money, toMoney } from '../core/money.js';
import {
  checkArray,
  checkKeys,
  checkNumber,
  checkObject,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  optionalNumber,
} from '../core/validate.js';
import type { Scenario } from './scenario.js';
import { assetValue } from './scenario.js';
import type { EngineAccount, EngineAsset, EngineConfig } from './cascadeEngineTypes.js';

const ZERO = new Money(0);
const PRICE_DP = 12;
/** Most rounds a cascade simulates (each round is O(accounts × assets)). */
export const MAX_ROUNDS = 100_000;
/** Most accounts × assets a cascade holds (about 1 KB of exact decimals each; beyond this the heap runs out). */
export const MAX_ACCOUNT_ASSETS = 1_000_000;
/** Default ceiling of a market price as a multiple of its initial price. */
export const DEFAULT_MAX_PRICE_MULTIPLE = 1e6;
/** Largest `maxPriceMultiple` accepted. */
export const MAX_PRICE_MULTIPLE = 1e15;
/** Fields of params that describe one market: per asset (in `params.assets`) with several. */
const MARKET_FIELDS = ['price', 'path', 'shock', 'depth', 'oracle', 'liquidationThreshold', 'asset'] as const;
const ASSET_FIELDS = knownKeys(
  'price',
  'path',
  'shock',
  'depth',
  'minPriceFraction',
  'maxPriceMultiple',
  'oracle',
  'liquidationThreshold',
);
/** Every field of params, single- or multi-asset (the market fields of the other shape are refused by name). */
export const PARAMS_FIELDS = knownKeys(
  ...MARKET_FIELDS,
  'minPriceFraction',
  'maxPriceMultiple',
  'assets',
  'rounds',
  'maintenanceMargin',
  'penalty',
  'insuranceFund',
  'adl',
  'scenario',
);
const ACCOUNT_FIELDS = knownKeys('id', 'collateral', 'cash', 'debt', 'perp', 'perps');
const PERP_FIELDS = knownKeys('size', 'entryPrice');
const MULTI_PERP_FIELDS = knownKeys('asset', 'size', 'entryPrice');
const ORACLE_FIELDS = knownKeys('latency', 'latencySeconds', 'roundSeconds', 'stale', 'jumps');
const JUMP_FIELDS = knownKeys('round', 'move');

function engineAccount(
  id: string,
  idx: number,
  c: Money[],
  s: Money[],
  e: Money[],
  cash: Money,
  debt: Money,
): EngineAccount {
  return {
    id,
    idx,
    c,
    s,
    e,
    cash,
    debt,
    cf: c.map((x) => x.toNumber()),
    sf: s.map((x) => x.toNumber()),
    ef: e.map((x) => x.toNumber()),
    bf: cash.minus(debt).toNumber(),
    liq: null,
  };
}

/** The account list, refused beyond {@link MAX_ACCOUNT_ASSETS} accounts × assets. */
function checkAccountList(value: unknown, assets: number): unknown[] {
  const list = checkArray(value, 'accounts', 1);
  const most = Math.floor(MAX_ACCOUNT_ASSETS / assets);
  if (list.length > most) {
    throw new RiskInputError(
      'accounts',
      `at most ${most} accounts (${MAX_ACCOUNT_ASSETS} accounts × assets)`,
      `${list.length} accounts`,
      'split the book, or sample it',
    );
  }
  return list;
}

function accountBasics(o: Record<string, unknown>, p: string, i: number) {
  const cash = o.cash === undefined ? ZERO : toMoney(o.cash, joinPath(p, 'cash'), { min: 'nonnegative' });
  const debt = o.debt === undefined ? ZERO : toMoney(o.debt, joinPath(p, 'debt'), { min: 'nonnegative' });
  const id = o.id === undefined ? String(i) : checkString(o.id, joinPath(p, 'id'));
  return { cash, debt, id };
}

export function validateSingleAccounts(value: unknown): EngineAccount[] {
  return checkAccountList(value, 1).map((a, i) => {
    const p = `accounts[${i}]`;
    const o = checkStrictObject(a, p, ACCOUNT_FIELDS);
    if (o.collateral !== null && typeof o.collateral === 'object' && !Money.isDecimal(o.collateral)) {
      throw new RiskInputError(
        joinPath(p, 'collateral'),
        'an amount (collateral per asset needs params.assets)',
        o.collateral,
      );
    }
    const c =
      o.collateral === undefined ? ZERO : toMoney(o.collateral, joinPath(p, 'collateral'), { min: 'nonnegative' });
    const { cash, debt, id } = accountBasics(o, p, i);
    if (o.perps !== undefined)
      throw new RiskInputError(
        joinPath(p, 'perps'),
        'absent in a single-asset cascade (use perp, or params.assets for several assets)',
        o.perps,
      );
    let s = ZERO;
    let e = ZERO;
    if (o.perp !== undefined) {
      const pp = checkStrictObject(o.perp, joinPath(p, 'perp'), PERP_FIELDS);
      s = toMoney(pp.size, joinPath(p, 'perp.size'));
      e = toMoney(pp.entryPrice, joinPath(p, 'perp.entryPrice'), { min: 'positive' });
    }
    return engineAccount(id, i, [c], [s], [e], cash, debt);
  });
}

/** Multi-asset accounts, and for each the asset indices of its collateral keys and of its perps (input order). */
export function validateMultiAccounts(
  value: unknown,
  names: string[],
): { accs: EngineAccount[]; colKeys: number[][]; perpKeys: number[][] } {
  const index = new Map(names.map((n, k) => [n, k]));
  const known = `an asset of params.assets (${names.join(', ')})`;
  const colKeys: number[][] = [];
  const perpKeys: number[][] = [];
  const accs = checkAccountList(value, names.length).map((a, i) => {
    const p = `accounts[${i}]`;
    const o = checkStrictObject(a, p, ACCOUNT_FIELDS);
    const c = names.map(() => ZERO);
    const s = names.map(() => ZERO);
    const e = names.map(() => ZERO);
    const ck: number[] = [];
    if (o.collateral !== undefined) {
      const co = checkObject(o.collateral, joinPath(p, 'collateral'));
      for (const key of Object.keys(co)) {
        const k = index.get(key);
        if (k === undefined) throw new RiskInputError(joinPath(joinPath(p, 'collateral'), key), known, key);
        c[k] = toMoney(co[key], joinPath(joinPath(p, 'collateral'), key), { min: 'nonnegative' });
        ck.push(k);
      }
    }
    const { cash, debt, id } = accountBasics(o, p, i);
    if (o.perp !== undefined)
      throw new RiskInputError(
        joinPath(p, 'perp'),
        'absent in a multi-asset cascade (use perps: [{ asset, size, entryPrice }])',
        o.perp,
      );
    const pk: number[] = [];
    if (o.perps !== undefined) {
      checkArray(o.perps, joinPath(p, 'perps')).forEach((x, j) => {
        const pp = `${p}.perps[${j}]`;
        const po = checkStrictObject(x, pp, MULTI_PERP_FIELDS);
        const name = checkString(po.asset, joinPath(pp, 'asset'));
        const k = index.get(name);
        if (k === undefined) throw new RiskInputError(joinPath(pp, 'asset'), known, name);
        if (pk.includes(k))
          throw new RiskInputError(
            joinPath(pp, 'asset'),
            `an asset with no other perp in ${p}.perps (one perp per asset)`,
            name,
          );
        s[k] = toMoney(po.size, joinPath(pp, 'size'));
        e[k] = toMoney(po.entryPrice, joinPath(pp, 'entryPrice'), { min: 'positive' });
        pk.push(k);
      });
    }
    colKeys.push(ck);
    perpKeys.push(pk);
    return engineAccount(id, i, c, s, e, cash, debt);
  });
  return { accs, colKeys, perpKeys };
}

/** A {@link CascadeOracle} validated (latency in rounds, stale window, jumps by round). */
export function validateOracle(value: unknown, at: string): Pick<EngineAsset, 'latency' | 'stale' | 'jumps'> {
  const oracle = value === undefined ? {} : checkStrictObject(value, at, ORACLE_FIELDS);
  let latency = optionalNumber(oracle.latency, `${at}.latency`, 0, { ge: 0 });
  if (oracle.latencySeconds !== undefined) {
    const ls = checkNumber(oracle.latencySeconds, `${at}.latencySeconds`, { ge: 0 });
    const rs = checkNumber(oracle.roundSeconds, `${at}.roundSeconds`, { gt: 0 });
    latency = ls / rs;
  }
  let stale: [number, number] | null = null;
  if (oracle.stale !== undefined) {
    const st = checkArray(oracle.stale, `${at}.stale`, 2);
    const a = checkNumber(st[0], `${at}.stale[0]`, { ge: 0, integer: true });
    const b = checkNumber(st[1], `${at}.stale[1]`, { ge: a, integer: true });
    stale = [a, b];
  }
  const jumps = new Map<number, number>();
  if (oracle.jumps !== undefined) {
    checkArray(oracle.jumps, `${at}.jumps`).forEach((j, i) => {
      const jo = checkStrictObject(j, `${at}.jumps[${i}]`, JUMP_FIELDS);
      jumps.set(
        checkNumber(jo.round, `${at}.jumps[${i}].round`, { ge: 0, integer: true }),
        checkNumber(jo.move, `${at}.jumps[${i}].move`, { gt: -1 }),
      );
    });
  }
  return { latency, stale, jumps };
}

/**
 * One asset's market from the object `o` at path `at` (`params` for a single asset, `params.assets.ETH` for one of
 * several); `scen` applies to it under the name `name`.
 */
export function validateAssetMarket(
  o: Record<string, unknown>,
  at: string,
  name: string,
  scen: Scenario | null,
  minFracDefault: number,
  maxMultDefault: number,
): EngineAsset {
  const p0 = toMoney(o.price, joinPath(at, 'price'), { min: 'positive' });
  const scenMove = scen ? assetValue(scen.moves, name, 0) : 0;
  const path =
    o.path === undefined
      ? [optionalNumber(o.shock, joinPath(at, 'shock'), scenMove, { gt: -1 })]
      : checkArray(o.path, joinPath(at, 'path'), 1).map((x, i) =>
          checkNumber(x, `${joinPath(at, 'path')}[${i}]`, { gt: -1 }),
        );
  const lt = optionalNumber(o.liquidationThreshold, joinPath(at, 'liquidationThreshold'), 0.8, { gt: 0, le: 1 });
  let depth =
    o.depth === undefined || o.depth === null ? null : toMoney(o.depth, joinPath(at, 'depth'), { min: 'positive' });
  if (depth && scen) depth = depth.mul(String(assetValue(scen.liquidityMultipliers, name, 1)));
  const minFrac = optionalNumber(o.minPriceFraction, joinPath(at, 'minPriceFraction'), minFracDefault, {
    gt: 0,
    lt: 1,
  });
  const { latency, stale, jumps } = validateOracle(o.oracle, joinPath(at, 'oracle'));
  if (scen?.oracleMoves && !jumps.has(0)) {
    const om = assetValue(scen.oracleMoves, name, scenMove);
    if (om !== scenMove) jumps.set(0, (1 + om) / (1 + scenMove) - 1);
  }
  const maxMult = optionalNumber(o.maxPriceMultiple, joinPath(at, 'maxPriceMultiple'), maxMultDefault, {
    gt: 1,
    le: MAX_PRICE_MULTIPLE,
  });
  const lt1 = new Money(1).minus(String(lt));
  const floor = p0.mul(String(minFrac)).toDecimalPlaces(PRICE_DP);
  const cap = p0.mul(String(maxMult)).toDecimalPlaces(PRICE_DP);
  return { name, p0, path, depth, floor, cap, lt1, lt1f: lt1.toNumber(), latency, stale, jumps };
}

/** The shared (global) parameters; `assets` are validated already. */
export function engineConfig(po: Record<string, unknown>, assets: EngineAsset[]): EngineConfig {
  const longest = Math.max(...assets.map((a) => a.path.length));
  const rounds = optionalNumber(po.rounds, 'params.rounds', Math.max(longest, 20), {
    ge: 1,
    le: MAX_ROUNDS,
    integer: true,
  });
  const mmf = optionalNumber(po.maintenanceMargin, 'params.maintenanceMargin', 0.05, { ge: 0, lt: 1 });
  const penalty = optionalNumber(po.penalty, 'params.penalty', 0.05, { ge: 0, lt: 1 });
  const fund =
    po.insuranceFund === undefined ? ZERO : toMoney(po.insuranceFund, 'params.insuranceFund', { min: 'nonnegative' });
  if (po.adl !== undefined && po.adl !== true && po.adl !== false)
    throw new RiskInputError('params.adl', 'a boolean', po.adl);
  return { assets, rounds, mmf, penalty, fund, adl: po.adl !== false };
}

/** The assets of a multi-asset cascade (`params.assets`), in their order; the single-asset fields are refused at the top. */
export function validateMultiAssets(po: Record<string, unknown>, scen: Scenario | null): EngineAsset[] {
  for (const f of MARKET_FIELDS) {
    if (po[f] !== undefined)
      throw new RiskInputError(
        `params.${f}`,
        'absent when params.assets is given (set it per asset in params.assets)',
        po[f],
      );
  }
  const ao = checkObject(po.assets, 'params.assets');
  const names = Object.keys(ao);
  if (names.length === 0) throw new RiskInputError('params.assets', 'an object with at least one asset', po.assets);
  const { minFrac, maxMult } = priceBounds(po);
  return names.map((name) => {
    const at = joinPath('params.assets', name);
    const o = checkObject(ao[name], at);
    checkKeys(o, at, ASSET_FIELDS);
    return validateAssetMarket(o, at, name, scen, minFrac, maxMult);
  });
}

/** The top-level defaults of every asset's price floor and ceiling. */
export function priceBounds(po: Record<string, unknown>): { minFrac: number; maxMult: number } {
  const minFrac = optionalNumber(po.minPriceFraction, 'params.minPriceFraction', 1e-6, { gt: 0, lt: 1 });
  const maxMult = optionalNumber(po.maxPriceMultiple, 'params.maxPriceMultiple', DEFAULT_MAX_PRICE_MULTIPLE, {
    gt: 1,
    le: MAX_PRICE_MULTIPLE,
  });
  return { minFrac, maxMult };
}
