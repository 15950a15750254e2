/**
 * Liquidation cascades: many accounts on one asset or on several (cross-collateral), a price path per asset,
 * liquidations in rounds, each liquidation sale moving its asset's price through a linear depth model, penalties to
 * an insurance fund, bad debt drawn from it, and auto-deleveraging (ADL) once it is empty. Liquidators act on an
 * oracle per asset that lags the market, may be stale, or may jump. Every amount is an exact decimal
 * ({@link Money}); prices are kept to 12 decimal places.
 *
 * The model, per round r = 0, 1, … (one asset is the case A = {the asset}; with `params.assets` each asset a has
 * its own path, depth, floor, oracle and liquidation threshold LTₐ; the penalty, maintenance margin, fund and ADL
 * are shared):
 * 1. Exogenous move: each market price pₐ is multiplied by (1 + pathₐ[r]) (0 beyond the path).
 * 2. Oracle oₐ: the market price at the start of round r − latencyₐ (linear between rounds for a fractional
 *    latency), frozen over a stale window, multiplied by (1 + jump) in a jump round.
 * 3. Every live account is checked at the oracle prices: equity = Σₐ collateralₐ·oₐ + cash − debt +
 *    Σₐ sizeₐ·(oₐ − entryₐ); requirement = Σₐ (1 − LTₐ)·collateralₐ·oₐ + mmf·Σₐ |sizeₐ|·oₐ. Equity < requirement
 *    ⇒ liquidated, worst first: in increasing order of equity − requirement (quote; the most negative first),
 *    ties in input order.
 * 4. A liquidation closes the whole account: for each asset it holds, in the order of `params.assets`, it sells
 *    collateralₐ + sizeₐ units (a short buys) in that asset's book, price impact linear in notional,
 *    p' = p·(1 − Q·p/depthₐ) (floored), executed at the average (p + p')/2; the next sale in that book (this account's
 *    or the next one's) starts at p'. Proceeds (Σₐ collateralₐ·pexecₐ + sizeₐ·(pexecₐ − entryₐ)) settle the debt;
 *    a penalty of `penalty` × notional (Σₐ (collateralₐ + |sizeₐ|)·pexecₐ), capped at what is left, goes to the
 *    insurance fund; any rest returns to the account as cash. A negative net is bad debt: the fund covers it at
 *    once; what the fund cannot cover is, at the end of the round, charged by ADL pro rata to the unrealised
 *    profit of live perp positions (one per account and asset) at each asset's closing price, closing each in
 *    proportion to what it gave up (no impact); any remainder is a protocol deficit.
 *
 * Conservation (exact, every round; `totals` carries the terms, per asset in `totals.byAsset` with several):
 * for each asset a, Σ collateralₐ + collateral soldₐ = Σ collateralₐ₀ and Σ sizeₐ + size closedₐ = Σ sizeₐ₀;
 * Σ balance + fund − deficit = Σ balance₀ + fund₀ + proceeds (balance = cash − debt; proceeds, over all assets,
 * include the P&L realised by ADL closes);
 * fund = fund₀ + fees − covered; bad debt = covered + ADL + deficit. Per round, the liquidated notional is the sum
 * of the assets' liquidated notionals.
 */
import { RiskInputError } from '../core/errors.js';
import { Money, toMoney } from '../core/money.js';
import type { MoneyInput } from '../core/money.js';
import { checkArray, checkNumber, checkObject, checkString, joinPath, optionalNumber } from '../core/validate.js';
import type { Scenario } from './scenario.js';
import { assetValue, validateScenario } from './scenario.js';
import { runCascade } from './cascadeEngine.js';
import type { EngineAccount, EngineAsset, EngineConfig, EngineResult } from './cascadeEngine.js';

/** One account in a single-asset cascade. Lending-style: collateral (asset units) + debt (quote). Perp: cash margin + a perp. */
export interface CascadeAccount {
  /** Identifier carried into the results; default its index. */
  id?: string;
  /** Collateral held in units of the cascade's asset (≥ 0). */
  collateral?: MoneyInput;
  /** Quote-currency cash (margin) balance (≥ 0). */
  cash?: MoneyInput;
  /** Quote-currency debt (≥ 0). */
  debt?: MoneyInput;
  /** A linear perp on the asset: signed size in units (long > 0) and entry price (> 0). */
  perp?: { size: MoneyInput; entryPrice: MoneyInput };
  /** Not accepted in a single-asset cascade (use `perp`, or `params.assets` with {@link MultiAssetCascadeAccount}). */
  perps?: never;
}

/** A linear perp on one asset of a multi-asset cascade: signed size in units (long > 0), entry price (> 0). */
export interface CascadePerp {
  asset: string;
  size: MoneyInput;
  entryPrice: MoneyInput;
}

/** One cross-collateral account in a multi-asset cascade (`params.assets` given). */
export interface MultiAssetCascadeAccount {
  /** Identifier carried into the results; default its index. */
  id?: string;
  /** Collateral per asset, in units of that asset (each ≥ 0); every key must be an asset of `params.assets`. */
  collateral?: Record<string, MoneyInput>;
  /** Quote-currency cash (margin) balance (≥ 0). */
  cash?: MoneyInput;
  /** Quote-currency debt (≥ 0). */
  debt?: MoneyInput;
  /** Linear perps, at most one per asset of `params.assets`. */
  perps?: CascadePerp[];
  /** Not accepted in a multi-asset cascade (a perp must name its asset: use `perps`). */
  perp?: never;
}

/** Oracle behaviour. */
export interface CascadeOracle {
  /** Lag behind the market in rounds (may be fractional: linear between rounds); default 0. */
  latency?: number;
  /** Lag in seconds; with `roundSeconds` it is converted to rounds (latency = latencySeconds / roundSeconds). */
  latencySeconds?: number;
  /** Length of a round in seconds (needed with `latencySeconds`). */
  roundSeconds?: number;
  /** Rounds [from, to] (inclusive) during which the oracle is frozen at its value of round from − 1. */
  stale?: [number, number];
  /** Oracle jumps: in `round`, the oracle reads (1 + move) × its value. */
  jumps?: Array<{ round: number; move: number }>;
}

/** Parameters of a single-asset {@link simulateLiquidationCascade}. */
export interface CascadeParams {
  /** Price of the asset before any move (quote per unit, > 0). */
  price: MoneyInput;
  /** Exogenous relative move per round (round r uses path[r]; each > −1). Default `[shock]`. */
  path?: number[];
  /** A single exogenous move in round 0 (used when `path` is absent); default 0. */
  shock?: number;
  /** Rounds simulated; default max(path length, 20). */
  rounds?: number;
  /** Liquidation threshold of the collateral, in (0, 1]: healthy while collateral·price·LT ≥ debt − cash. Default 0.8. */
  liquidationThreshold?: number;
  /** Maintenance margin fraction of perp notional, in [0, 1); default 0.05. */
  maintenanceMargin?: number;
  /** Liquidation penalty as a fraction of the liquidated notional, paid to the insurance fund; default 0.05. */
  penalty?: number;
  /**
   * Order-book depth: the quote notional that would move the price 100% (linear impact). Absent or null: no
   * price impact.
   */
  depth?: MoneyInput | null;
  /** Lowest price impact can reach, as a fraction of `price`; default 1e-6. */
  minPriceFraction?: number;
  /** Insurance fund at the start (quote, ≥ 0); default 0. */
  insuranceFund?: MoneyInput;
  /** Oracle lag, staleness and jumps. */
  oracle?: CascadeOracle;
  /** Auto-deleverage live profitable positions when the fund is exhausted; default true. */
  adl?: boolean;
  /**
   * A stress {@link Scenario} to run the cascade under, for the asset named `asset`: its move is the round-0 shock
   * (when neither `path` nor `shock` is given), its liquidity multiplier scales `depth`, and an oracle move that
   * differs from the market move becomes an oracle jump in round 0.
   */
  scenario?: Scenario;
  /** The asset's name in `scenario` (required with it). */
  asset?: string;
  /** Absent in a single-asset cascade (see {@link MultiAssetCascadeParams}). */
  assets?: undefined;
}

/** One asset's market in a multi-asset cascade; each field means what it means at the top of {@link CascadeParams}. */
export interface CascadeAssetMarket {
  /** Price before any move (quote per unit, > 0). */
  price: MoneyInput;
  /** Exogenous relative move per round (each > −1); default `[shock]`. */
  path?: number[];
  /** A single exogenous move in round 0 (used when `path` is absent); default 0, or the scenario's move. */
  shock?: number;
  /** Quote notional that moves this asset's price 100% (linear impact); absent or null: no impact. */
  depth?: MoneyInput | null;
  /** Lowest price impact can reach, as a fraction of `price`; default `params.minPriceFraction` (1e-6). */
  minPriceFraction?: number;
  /** This asset's oracle lag, staleness and jumps. */
  oracle?: CascadeOracle;
  /** Liquidation threshold of this asset as collateral, in (0, 1]; default 0.8. */
  liquidationThreshold?: number;
}

/**
 * Parameters of a multi-asset (cross-collateral) {@link simulateLiquidationCascade}: a market per asset in
 * `assets`; penalty, maintenance margin, insurance fund, ADL and rounds are shared. The single-asset market fields
 * are refused at the top level (set them per asset).
 */
export interface MultiAssetCascadeParams {
  /** The assets, by name (at least one); their order is the order an account's assets are sold in. */
  assets: Record<string, CascadeAssetMarket>;
  /** Rounds simulated; default max(longest path, 20). */
  rounds?: number;
  /** Maintenance margin fraction of perp notional (every asset), in [0, 1); default 0.05. */
  maintenanceMargin?: number;
  /** Liquidation penalty as a fraction of the liquidated notional (all assets); default 0.05. */
  penalty?: number;
  /** Default of each asset's `minPriceFraction`; default 1e-6. */
  minPriceFraction?: number;
  /** Insurance fund at the start (quote, ≥ 0); default 0. */
  insuranceFund?: MoneyInput;
  /** Auto-deleverage live profitable positions (every asset) when the fund is exhausted; default true. */
  adl?: boolean;
  /**
   * A stress {@link Scenario} applied to every asset by name (`'*'` entries apply to assets not named): its move
   * is an asset's round-0 shock when the asset gives neither `path` nor `shock`, its liquidity multiplier scales
   * the asset's depth, and an oracle move that differs from the market move becomes an oracle jump in round 0
   * (unless the asset's oracle already jumps in round 0).
   */
  scenario?: Scenario;
  price?: never;
  path?: never;
  shock?: never;
  depth?: never;
  oracle?: never;
  liquidationThreshold?: never;
  asset?: never;
}

/** Running unit totals of one asset (live units, units sold / closed). */
export interface CascadeAssetTotals {
  collateral: Money;
  collateralSold: Money;
  size: Money;
  sizeClosed: Money;
}

/** Running money totals (quote) after a round; see the module's conservation identities. */
export interface CascadeMoneyTotals {
  balance: Money;
  proceeds: Money;
  fees: Money;
  badDebt: Money;
  covered: Money;
  adl: Money;
  deficit: Money;
  fund: Money;
}

/** Running totals after a round of a single-asset cascade: the asset's units and the money. */
export interface CascadeTotals extends CascadeAssetTotals, CascadeMoneyTotals {}

/** Running totals of a multi-asset cascade: units per asset, money as with one asset. */
export interface MultiAssetCascadeTotals extends CascadeMoneyTotals {
  byAsset: Record<string, CascadeAssetTotals>;
}

/** The money side of one round, the same with one asset or several. */
export interface CascadeRoundMoney {
  round: number;
  /** Ids of the accounts liquidated this round. */
  accountsLiquidated: string[];
  /** Quote notional liquidated this round (Σ |units| × execution price, over all assets). */
  liquidatedNotional: Money;
  /** Bad debt created this round. */
  badDebt: Money;
  /** Penalties paid to the fund this round. */
  fees: Money;
  /** Of this round's bad debt: covered by the fund, charged by ADL, left as deficit. */
  covered: Money;
  adl: Money;
  deficit: Money;
  /** Insurance fund at the end of the round. */
  insuranceFund: Money;
}

/** What happened in one round of a single-asset cascade. */
export interface CascadeRound extends CascadeRoundMoney {
  /** Market price at the start of the round, after the exogenous move. */
  marketPrice: Money;
  /** Oracle price liquidators acted on. */
  oraclePrice: Money;
  /** Market price at the end of the round, after the liquidation sales' impact. */
  priceAfter: Money;
  /** Running totals (conservation terms) at the end of the round. */
  totals: CascadeTotals;
}

/** One asset in one round of a multi-asset cascade. */
export interface CascadeAssetRound {
  /** Market price at the start of the round, after the exogenous move. */
  marketPrice: Money;
  /** Oracle price liquidators acted on. */
  oraclePrice: Money;
  /** Market price at the end of the round, after the liquidation sales' impact in this asset's book. */
  priceAfter: Money;
  /** Quote notional liquidated in this asset's book this round (Σ |units| × execution price). */
  liquidatedNotional: Money;
}

/**
 * What happened in one round of a multi-asset cascade: prices per asset in `byAsset` (there is no single market,
 * oracle or closing price), money as in {@link CascadeRound}.
 */
export interface MultiAssetCascadeRound extends CascadeRoundMoney {
  /** Prices and notional per asset (`liquidatedNotional` = Σ byAsset[a].liquidatedNotional). */
  byAsset: Record<string, CascadeAssetRound>;
  /** Running totals (conservation terms) at the end of the round. */
  totals: MultiAssetCascadeTotals;
}

/** Result of a single-asset {@link simulateLiquidationCascade}. */
export interface CascadeResult {
  rounds: CascadeRound[];
  /** Ids of every account liquidated, in order. */
  liquidated: string[];
  totalBadDebt: Money;
  totalLiquidatedNotional: Money;
  finalPrice: Money;
  insuranceFund: Money;
  deficit: Money;
  /** The accounts after the cascade (liquidated ones closed: no collateral, no perp, no debt). */
  accounts: Array<{ id: string; collateral: Money; cash: Money; debt: Money; size: Money; entryPrice: Money; liquidatedInRound: number | null }>;
}

/** Result of a multi-asset {@link simulateLiquidationCascade}. */
export interface MultiAssetCascadeResult {
  rounds: MultiAssetCascadeRound[];
  /** Ids of every account liquidated, in order. */
  liquidated: string[];
  totalBadDebt: Money;
  totalLiquidatedNotional: Money;
  /** Each asset's market price at the end. */
  finalPrices: Record<string, Money>;
  insuranceFund: Money;
  deficit: Money;
  /**
   * The accounts after the cascade, with the assets they were given (liquidated ones closed: collateral and perp
   * sizes 0, no debt; ADL may have reduced perps of live ones).
   */
  accounts: Array<{
    id: string;
    collateral: Record<string, Money>;
    cash: Money;
    debt: Money;
    perps: Array<{ asset: string; size: Money; entryPrice: Money }>;
    liquidatedInRound: number | null;
  }>;
}

const ZERO = new Money(0);
const PRICE_DP = 12;
/** Most rounds a cascade simulates (each round is O(accounts × assets)). */
const MAX_ROUNDS = 100_000;
/** Fields of params that describe one market: per asset (in `params.assets`) with several. */
const MARKET_FIELDS = ['price', 'path', 'shock', 'depth', 'oracle', 'liquidationThreshold', 'asset'] as const;
const ASSET_FIELDS = new Set(['price', 'path', 'shock', 'depth', 'minPriceFraction', 'oracle', 'liquidationThreshold']);

function engineAccount(id: string, idx: number, c: Money[], s: Money[], e: Money[], cash: Money, debt: Money): EngineAccount {
  return {
    id, idx, c, s, e, cash, debt,
    cf: c.map((x) => x.toNumber()), sf: s.map((x) => x.toNumber()), ef: e.map((x) => x.toNumber()), bf: cash.minus(debt).toNumber(), liq: null,
  };
}

function accountBasics(o: Record<string, unknown>, p: string, i: number) {
  const cash = o.cash === undefined ? ZERO : toMoney(o.cash, joinPath(p, 'cash'), { min: 'nonnegative' });
  const debt = o.debt === undefined ? ZERO : toMoney(o.debt, joinPath(p, 'debt'), { min: 'nonnegative' });
  const id = o.id === undefined ? String(i) : checkString(o.id, joinPath(p, 'id'));
  return { cash, debt, id };
}

function validateSingleAccounts(value: unknown): EngineAccount[] {
  return checkArray(value, 'accounts', 1).map((a, i) => {
    const p = `accounts[${i}]`;
    const o = checkObject(a, p);
    if (o.collateral !== null && typeof o.collateral === 'object' && !Money.isDecimal(o.collateral)) {
      throw new RiskInputError(joinPath(p, 'collateral'), 'an amount (collateral per asset needs params.assets)', o.collateral);
    }
    const c = o.collateral === undefined ? ZERO : toMoney(o.collateral, joinPath(p, 'collateral'), { min: 'nonnegative' });
    const { cash, debt, id } = accountBasics(o, p, i);
    if (o.perps !== undefined) throw new RiskInputError(joinPath(p, 'perps'), 'absent in a single-asset cascade (use perp, or params.assets for several assets)', o.perps);
    let s = ZERO;
    let e = ZERO;
    if (o.perp !== undefined) {
      const pp = checkObject(o.perp, joinPath(p, 'perp'));
      s = toMoney(pp.size, joinPath(p, 'perp.size'));
      e = toMoney(pp.entryPrice, joinPath(p, 'perp.entryPrice'), { min: 'positive' });
    }
    return engineAccount(id, i, [c], [s], [e], cash, debt);
  });
}

/** Multi-asset accounts, and for each the asset indices of its collateral keys and of its perps (input order). */
function validateMultiAccounts(value: unknown, names: string[]): { accs: EngineAccount[]; colKeys: number[][]; perpKeys: number[][] } {
  const index = new Map(names.map((n, k) => [n, k]));
  const known = `an asset of params.assets (${names.join(', ')})`;
  const colKeys: number[][] = [];
  const perpKeys: number[][] = [];
  const accs = checkArray(value, 'accounts', 1).map((a, i) => {
    const p = `accounts[${i}]`;
    const o = checkObject(a, p);
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
    if (o.perp !== undefined) throw new RiskInputError(joinPath(p, 'perp'), 'absent in a multi-asset cascade (use perps: [{ asset, size, entryPrice }])', o.perp);
    const pk: number[] = [];
    if (o.perps !== undefined) {
      checkArray(o.perps, joinPath(p, 'perps')).forEach((x, j) => {
        const pp = `${p}.perps[${j}]`;
        const po = checkObject(x, pp);
        const name = checkString(po.asset, joinPath(pp, 'asset'));
        const k = index.get(name);
        if (k === undefined) throw new RiskInputError(joinPath(pp, 'asset'), known, name);
        if (pk.includes(k)) throw new RiskInputError(joinPath(pp, 'asset'), `an asset with no other perp in ${p}.perps (one perp per asset)`, name);
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

function validateOracle(value: unknown, at: string): Pick<EngineAsset, 'latency' | 'stale' | 'jumps'> {
  const oracle = value === undefined ? {} : checkObject(value, at);
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
      const jo = checkObject(j, `${at}.jumps[${i}]`);
      jumps.set(checkNumber(jo.round, `${at}.jumps[${i}].round`, { ge: 0, integer: true }), checkNumber(jo.move, `${at}.jumps[${i}].move`, { gt: -1 }));
    });
  }
  return { latency, stale, jumps };
}

/**
 * One asset's market from the object `o` at path `at` (`params` for a single asset, `params.assets.ETH` for one of
 * several); `scen` applies to it under the name `name`.
 */
function validateAssetMarket(o: Record<string, unknown>, at: string, name: string, scen: Scenario | null, minFracDefault: number): EngineAsset {
  const p0 = toMoney(o.price, joinPath(at, 'price'), { min: 'positive' });
  const scenMove = scen ? assetValue(scen.moves, name, 0) : 0;
  const path = o.path === undefined
    ? [optionalNumber(o.shock, joinPath(at, 'shock'), scenMove, { gt: -1 })]
    : checkArray(o.path, joinPath(at, 'path'), 1).map((x, i) => checkNumber(x, `${joinPath(at, 'path')}[${i}]`, { gt: -1 }));
  const lt = optionalNumber(o.liquidationThreshold, joinPath(at, 'liquidationThreshold'), 0.8, { gt: 0, le: 1 });
  let depth = o.depth === undefined || o.depth === null ? null : toMoney(o.depth, joinPath(at, 'depth'), { min: 'positive' });
  if (depth && scen) depth = depth.mul(String(assetValue(scen.liquidityMultipliers, name, 1)));
  const minFrac = optionalNumber(o.minPriceFraction, joinPath(at, 'minPriceFraction'), minFracDefault, { gt: 0, lt: 1 });
  const { latency, stale, jumps } = validateOracle(o.oracle, joinPath(at, 'oracle'));
  if (scen && scen.oracleMoves && !jumps.has(0)) {
    const om = assetValue(scen.oracleMoves, name, scenMove);
    if (om !== scenMove) jumps.set(0, (1 + om) / (1 + scenMove) - 1);
  }
  const lt1 = new Money(1).minus(String(lt));
  return { name, p0, path, depth, floor: p0.mul(String(minFrac)).toDecimalPlaces(PRICE_DP), lt1, lt1f: lt1.toNumber(), latency, stale, jumps };
}

/** The shared (global) parameters; `assets` are validated already. */
function engineConfig(po: Record<string, unknown>, assets: EngineAsset[]): EngineConfig {
  const longest = Math.max(...assets.map((a) => a.path.length));
  const rounds = optionalNumber(po.rounds, 'params.rounds', Math.max(longest, 20), { ge: 1, le: MAX_ROUNDS, integer: true });
  const mmf = optionalNumber(po.maintenanceMargin, 'params.maintenanceMargin', 0.05, { ge: 0, lt: 1 });
  const penalty = optionalNumber(po.penalty, 'params.penalty', 0.05, { ge: 0, lt: 1 });
  const fund = po.insuranceFund === undefined ? ZERO : toMoney(po.insuranceFund, 'params.insuranceFund', { min: 'nonnegative' });
  if (po.adl !== undefined && po.adl !== true && po.adl !== false) throw new RiskInputError('params.adl', 'a boolean', po.adl);
  return { assets, rounds, mmf, penalty, fund, adl: po.adl !== false };
}

function roundsTotal(res: EngineResult): Money {
  return res.rounds.reduce((s, x) => s.plus(x.liquidatedNotional), ZERO);
}

function singleAsset(accounts: unknown, po: Record<string, unknown>): CascadeResult {
  const accs = validateSingleAccounts(accounts);
  const scen = po.scenario === undefined ? null : validateScenario(po.scenario, 'params.scenario');
  const name = scen ? checkString(po.asset, 'params.asset') : '';
  const minFrac = optionalNumber(po.minPriceFraction, 'params.minPriceFraction', 1e-6, { gt: 0, lt: 1 });
  const asset = validateAssetMarket(po, 'params', name, scen, minFrac);
  const res = runCascade(accs, engineConfig(po, [asset]));
  return {
    rounds: res.rounds.map((r) => ({
      round: r.round, marketPrice: r.assets[0].marketPrice, oraclePrice: r.assets[0].oraclePrice, priceAfter: r.assets[0].priceAfter,
      accountsLiquidated: r.accountsLiquidated, liquidatedNotional: r.liquidatedNotional, badDebt: r.badDebt, fees: r.fees,
      covered: r.covered, adl: r.adl, deficit: r.deficit, insuranceFund: r.insuranceFund,
      totals: { ...r.assetTotals[0], ...r.totals },
    })),
    liquidated: res.liquidated,
    totalBadDebt: res.totalBadDebt,
    totalLiquidatedNotional: roundsTotal(res),
    finalPrice: res.finalPrices[0],
    insuranceFund: res.insuranceFund,
    deficit: res.deficit,
    accounts: accs.map((a) => ({ id: a.id, collateral: a.c[0], cash: a.cash, debt: a.debt, size: a.s[0], entryPrice: a.e[0], liquidatedInRound: a.liq })),
  };
}

function multiAsset(accounts: unknown, po: Record<string, unknown>): MultiAssetCascadeResult {
  for (const f of MARKET_FIELDS) {
    if (po[f] !== undefined) throw new RiskInputError(`params.${f}`, 'absent when params.assets is given (set it per asset in params.assets)', po[f]);
  }
  const ao = checkObject(po.assets, 'params.assets');
  const names = Object.keys(ao);
  if (names.length === 0) throw new RiskInputError('params.assets', 'an object with at least one asset', po.assets);
  const scen = po.scenario === undefined ? null : validateScenario(po.scenario, 'params.scenario');
  const minFrac = optionalNumber(po.minPriceFraction, 'params.minPriceFraction', 1e-6, { gt: 0, lt: 1 });
  const assets = names.map((name) => {
    const at = joinPath('params.assets', name);
    const o = checkObject(ao[name], at);
    for (const k of Object.keys(o)) {
      if (!ASSET_FIELDS.has(k)) throw new RiskInputError(joinPath(at, k), `one of the asset fields (${[...ASSET_FIELDS].join(', ')})`, k);
    }
    return validateAssetMarket(o, at, name, scen, minFrac);
  });
  const { accs, colKeys, perpKeys } = validateMultiAccounts(accounts, names);
  const res = runCascade(accs, engineConfig(po, assets));
  const byName = <T>(f: (k: number) => T): Record<string, T> => Object.fromEntries(names.map((n, k) => [n, f(k)]));
  return {
    rounds: res.rounds.map((r) => ({
      round: r.round, byAsset: byName((k) => r.assets[k]),
      accountsLiquidated: r.accountsLiquidated, liquidatedNotional: r.liquidatedNotional, badDebt: r.badDebt, fees: r.fees,
      covered: r.covered, adl: r.adl, deficit: r.deficit, insuranceFund: r.insuranceFund,
      totals: { byAsset: byName((k) => r.assetTotals[k]), ...r.totals },
    })),
    liquidated: res.liquidated,
    totalBadDebt: res.totalBadDebt,
    totalLiquidatedNotional: roundsTotal(res),
    finalPrices: byName((k) => res.finalPrices[k]),
    insuranceFund: res.insuranceFund,
    deficit: res.deficit,
    accounts: accs.map((a, i) => ({
      id: a.id,
      collateral: Object.fromEntries(colKeys[i].map((k) => [names[k], a.c[k]])),
      cash: a.cash,
      debt: a.debt,
      perps: perpKeys[i].map((k) => ({ asset: names[k], size: a.s[k], entryPrice: a.e[k] })),
      liquidatedInRound: a.liq,
    })),
  };
}

/**
 * Simulate a liquidation cascade (see the module comment for the model and the conservation identities).
 *
 * One asset: `params.price` (and `path`, `depth`, `oracle`, …) with {@link CascadeAccount}s gives a
 * {@link CascadeResult}. Several (cross-collateral): `params.assets` with {@link MultiAssetCascadeAccount}s
 * (collateral per asset, `perps` naming their asset) gives a {@link MultiAssetCascadeResult}, prices per asset in
 * each round's `byAsset`. Inputs are never mutated.
 *
 * @example
 * ```ts
 * import { simulateLiquidationCascade } from 'riskcore/stress';
 * const res = simulateLiquidationCascade(
 *   [{ id: 'a', collateral: '10', debt: '700' }, { id: 'b', collateral: '10', debt: '760' }],
 *   { price: '100', shock: -0.1, liquidationThreshold: 0.8, penalty: 0.05, depth: '20000', rounds: 5 },
 * );
 * console.log(res.liquidated.join(',')); // 'b,a'
 * console.log(res.finalPrice.toNumber() < 90); // true
 *
 * // Cross-collateral: 1 ETH + 0.1 BTC against 6,300 of debt; BTC falls 20% to 48,000. At the oracle (no lag):
 * // equity 3000 + 4800 − 6300 = 1500 < requirement (1 − 0.8)·(3000 + 4800) = 1560 → liquidated, selling in both
 * // books; 0.1 BTC × 48,000 = 4,800 into a depth of 48,000,000 moves BTC by 0.01%: 48,000 → 47,995.2.
 * const multi = simulateLiquidationCascade(
 *   [{ id: 'x', collateral: { ETH: '1', BTC: '0.1' }, debt: '6300' }],
 *   { assets: { ETH: { price: '3000', depth: '3000000' }, BTC: { price: '60000', shock: -0.2, depth: '48000000' } }, rounds: 2 },
 * );
 * console.log(multi.liquidated.join(',')); // 'x'
 * console.log(multi.rounds[0].byAsset.BTC.priceAfter.toString()); // '47995.2'
 * ```
 */
export function simulateLiquidationCascade(accounts: CascadeAccount[], params: CascadeParams): CascadeResult;
export function simulateLiquidationCascade(accounts: MultiAssetCascadeAccount[], params: MultiAssetCascadeParams): MultiAssetCascadeResult;
export function simulateLiquidationCascade(
  accounts: CascadeAccount[] | MultiAssetCascadeAccount[],
  params: CascadeParams | MultiAssetCascadeParams,
): CascadeResult | MultiAssetCascadeResult {
  const po = checkObject(params, 'params');
  return po.assets === undefined ? singleAsset(accounts, po) : multiAsset(accounts, po);
}
