/**
 * Reverse stress tests: the smallest shock along a direction that liquidates the book or leaves it insolvent,
 * found by bracketing on a grid and Brent's method on the full revaluation.
 */
import { RiskInputError } from '../core/errors.js';
import type { Market, Position } from '../core/model.js';
import { validateMarket } from '../core/model.js';
import type { Account } from '../netting/index.js';
import {
  checkArray,
  checkEnum,
  checkNumber,
  checkObject,
  checkString,
  knownKeys,
  optionalNumber,
} from '../core/validate.js';
import type { AssetMap, Scenario } from './scenario.js';
import type { ScenarioOutcome, StressOptions } from './stressTest.js';
import { STRESS_OPTION_KEYS, checkStressOptions, prepareSubject } from './stressTest.js';
import { setOwn } from './scenario.js';

const REVERSE_KEYS = knownKeys(...STRESS_OPTION_KEYS, 'direction', 'volPerShock', 'target', 'maxShock', 'gridPoints');
const PER_ASSET_KEYS = knownKeys(...STRESS_OPTION_KEYS, 'volPerShock', 'target', 'gridPoints', 'side', 'assets');
import { brentBracket } from '../core/roots.js';

/** Options of {@link reverseStressTest}. */
export interface ReverseStressOptions extends StressOptions {
  /**
   * Relative price move per unit of shock, per asset (`'*'` for the rest): `{ BTC: -1, ETH: -1.2 }` moves BTC by
   * −t and ETH by −1.2·t for a shock t.
   */
  direction: AssetMap;
  /** Absolute vol shift per unit of shock, per asset (vol + volPerShock·t, floored at 0); default none. */
  volPerShock?: AssetMap;
  /** What must break: any pool under maintenance / HF < 1 (`'liquidation'`), or negative equity (`'insolvency'`). */
  target: 'liquidation' | 'insolvency';
  /** Largest shock searched; default the shock at which the steepest falling asset is down 99% (10 if none falls). */
  maxShock?: number;
  /** Grid points used to bracket the first break; default 200. */
  gridPoints?: number;
}

/** Result of {@link reverseStressTest}. */
export interface ReverseStressResult {
  /** A shock in range breaks the target. */
  found: boolean;
  /** The smallest breaking shock t (null when none): t breaks the target, t·(1 − 1e-9·…) does not. */
  shock: number | null;
  /** Relative price moves per asset at `shock` (null when none). */
  moves: AssetMap | null;
  /** The book is already broken before any shock (then `shock` is 0). */
  brokenAtBase: boolean;
  /** The largest shock searched. */
  maxShock: number;
  /** The outcome at `shock` (or at `maxShock` when nothing breaks). */
  outcome: ScenarioOutcome;
  /** Why nothing was found, when `found` is false. */
  reason?: string;
  /** Function evaluations used. */
  evaluations: number;
}

/**
 * Reverse stress test: the smallest shock t ≥ 0 along `direction` (prices × (1 + d·t), vols + v·t) at which the
 * book breaks the target — liquidation (any margin pool below maintenance, or the lending HF < 1) or insolvency
 * (negative equity) — with full revaluation at every step (greeks, netting, haircuts as in {@link stressTest}).
 *
 * Method: the margin to the target (equity − maintenance, or equity; for lending the liquidation capacity − debt,
 * or collateral − debt) is scanned on a grid of `gridPoints` shocks to bracket the first break, then Brent's
 * method narrows the bracket to 1e-12 of the range; the breaking end of the bracket is returned, so the result
 * breaks the target and any shock more than ~1e-12·maxShock smaller does not (within the first bracket). A break
 * narrower than the grid spacing can be missed: raise `gridPoints` for books with such features.
 *
 * @example
 * ```ts
 * import { reverseStressTest } from 'riskcore/stress';
 * const market = { assets: { BTC: { price: 60000 } } };
 * const account = { collateral: [{ asset: 'USDC', amount: '12000' }], positions: [{ kind: 'perp', underlying: 'BTC', quantity: 1 }] };
 * const r = reverseStressTest(account, market, { direction: { BTC: -1 }, target: 'insolvency' });
 * console.log(r.shock); // 0.2
 * ```
 */
export function reverseStressTest(
  subject: Position[] | Account,
  market: Market,
  options: ReverseStressOptions,
): ReverseStressResult {
  const o = checkStressOptions(options, 'options', REVERSE_KEYS);
  const target = checkEnum(o.target, 'options.target', ['liquidation', 'insolvency'] as const);
  const dir = checkObject(o.direction, 'options.direction');
  const direction: AssetMap = {};
  for (const k of Object.keys(dir))
    setOwn(direction, k, checkNumber(dir[k], `options.direction.${k}`, { ge: -1e6, le: 1e6 }));
  if (Object.values(direction).every((x) => x === 0))
    throw new RiskInputError('options.direction', 'a direction with a non-zero move', dir);
  let volPer: AssetMap | undefined;
  if (o.volPerShock !== undefined) {
    const vp = checkObject(o.volPerShock, 'options.volPerShock');
    volPer = {};
    for (const k of Object.keys(vp))
      setOwn(volPer, k, checkNumber(vp[k], `options.volPerShock.${k}`, { ge: -1e6, le: 1e6 }));
  }
  const steepest = Math.min(0, ...Object.values(direction));
  const defMax = steepest < 0 ? 0.99 / -steepest : 10;
  const maxShock = optionalNumber(o.maxShock, 'options.maxShock', defMax, { gt: 0 });
  if (steepest < 0 && maxShock * -steepest >= 1)
    throw new RiskInputError(
      'options.maxShock',
      `a shock < ${1 / -steepest} (a larger one takes a price to zero or below)`,
      maxShock,
    );
  const N = optionalNumber(o.gridPoints, 'options.gridPoints', 200, { ge: 2, le: 100000, integer: true });
  const prep = prepareSubject(subject, market, options, REVERSE_KEYS);
  if (target === 'liquidation' && Array.isArray(subject) && options.lending === undefined) {
    throw new RiskInputError(
      'subject',
      "an account or a lending book for target 'liquidation' (a bare position list has no margin)",
      'positions',
    );
  }

  const scenarioAt = (t: number): Scenario => {
    const moves: AssetMap = {};
    for (const k of Object.keys(direction)) setOwn(moves, k, direction[k] * t);
    const s: Scenario = { name: `reverse stress t=${t}`, moves };
    if (volPer) {
      const vs: AssetMap = {};
      for (const k of Object.keys(volPer)) setOwn(vs, k, volPer[k] * t);
      s.volShift = vs;
    }
    return s;
  };
  let evaluations = 0;
  const outcomeAt = (t: number) => {
    evaluations++;
    return prep.evaluate(scenarioAt(t));
  };
  const broken = (x: ScenarioOutcome) => (target === 'liquidation' ? x.liquidatable || x.insolvent : x.insolvent);
  // signed distance to the target (≥ 0 healthy), a float for the root finder; the decision itself is `broken`
  const distance = (x: ScenarioOutcome) => {
    let d = Infinity;
    if (x.equity !== undefined) {
      const eq = x.equity.toNumber();
      d = Math.min(d, target === 'liquidation' ? eq - (x.maintenanceMargin as { toNumber(): number }).toNumber() : eq);
    }
    if (x.healthFactor !== undefined && x.healthFactor !== null && target === 'liquidation')
      d = Math.min(d, x.healthFactor.toNumber() - 1);
    if (d === Infinity) d = x.insolvent ? -1 : 1; // no continuous measure: fall back to the decision
    if (broken(x)) return Math.min(d, -Number.MIN_VALUE);
    return Math.max(d, 0);
  };

  const o0 = outcomeAt(0);
  if (broken(o0)) {
    return {
      found: true,
      shock: 0,
      moves: scenarioAt(0).moves as AssetMap,
      brokenAtBase: true,
      maxShock,
      outcome: o0,
      evaluations,
    };
  }
  let prevT = 0;
  let prevD = distance(o0);
  for (let k = 1; k <= N; k++) {
    const t = (maxShock * k) / N;
    const ok = outcomeAt(t);
    if (broken(ok)) {
      const f = (x: number) => distance(outcomeAt(x));
      const { hi } = brentBracket(f, prevT, t, prevD, distance(ok), 1e-12 * maxShock);
      const out = outcomeAt(hi);
      return {
        found: true,
        shock: hi,
        moves: scenarioAt(hi).moves as AssetMap,
        brokenAtBase: false,
        maxShock,
        outcome: out,
        evaluations,
      };
    }
    prevT = t;
    prevD = distance(ok);
  }
  const last = outcomeAt(maxShock);
  return {
    found: false,
    shock: null,
    moves: null,
    brokenAtBase: false,
    maxShock,
    outcome: last,
    evaluations,
    reason: `no shock in [0, ${maxShock}] along the direction breaks the ${target} target (checked on ${N} grid points)`,
  };
}

/**
 * {@link reverseStressTest} one asset at a time: for each asset (default every asset of the market), the smallest
 * fall (`side: 'down'`, default) or rise (`'up'`) of that asset alone that breaks the target, the others fixed.
 *
 * @example
 * ```ts
 * import { reverseStressPerAsset } from 'riskcore/stress';
 * const market = { assets: { BTC: { price: 60000 }, ETH: { price: 3000 } } };
 * const account = { collateral: [{ asset: 'USDC', amount: '12000' }], positions: [{ kind: 'perp', underlying: 'BTC', quantity: 1 }, { kind: 'perp', underlying: 'ETH', quantity: -1 }] };
 * const r = reverseStressPerAsset(account, market, { target: 'insolvency' });
 * console.log(r.BTC.shock); // 0.2
 * console.log(r.ETH.found); // false
 * ```
 */
export function reverseStressPerAsset(
  subject: Position[] | Account,
  market: Market,
  options: Omit<ReverseStressOptions, 'direction' | 'maxShock'> & { side?: 'down' | 'up'; assets?: string[] },
): Record<string, ReverseStressResult> {
  const o = checkStressOptions(options, 'options', PER_ASSET_KEYS);
  const side = o.side === undefined ? 'down' : checkEnum(o.side, 'options.side', ['down', 'up'] as const);
  const assets = validateMarket(market, 'market').assets;
  const names =
    o.assets === undefined
      ? Object.keys(assets)
      : checkArray(o.assets, 'options.assets', 1).map((a, i) => checkString(a, `options.assets[${i}]`));
  const out: Record<string, ReverseStressResult> = {};
  for (const a of names) {
    if (!Object.hasOwn(assets, a))
      throw new RiskInputError('options.assets', `names of market.assets (${Object.keys(assets).join(', ')})`, a);
    const { side: _s, assets: _a, ...rest } = options;
    setOwn(out, a, reverseStressTest(subject, market, { ...rest, direction: { [a]: side === 'down' ? -1 : 1 } }));
  }
  return out;
}
