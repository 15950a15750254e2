/**
 * Hedging: trades in given instruments that neutralise chosen portfolio Greeks, and the hedge's effect on stress
 * losses and margin.
 */
import { Matrix, SingularValueDecomposition, pseudoInverse, solve } from 'ml-matrix';
import { RiskInputError } from '../core/errors.js';
import type { Market, Position } from '../core/model.js';
import { validateBook, validatePositions } from '../core/model.js';
import type { Money } from '../core/money.js';
import { checkArray, checkEnum, checkObject, checkStrictObject, knownKeys } from '../core/validate.js';
import { fillEntryPrices, positionGreeks } from '../greeks/internal.js';
import type { PositionGreeks } from '../greeks/internal.js';
import type { Account } from '../netting/index.js';
import type { Scenario } from './scenario.js';
import type { StressOptions } from './stressTest.js';
import { STRESS_OPTION_KEYS, stressTest } from './stressTest.js';
import { setOwn } from './scenario.js';

const HEDGE_KEYS = knownKeys('target');

/** A Greek a hedge can target (per underlying; quote currency per unit move of spot, per 1.00 vol, …). */
export type HedgeGreek = 'delta' | 'gamma' | 'vega' | 'theta' | 'rho' | 'vanna' | 'volga' | 'charm';
const GREEKS: readonly HedgeGreek[] = ['delta', 'gamma', 'vega', 'theta', 'rho', 'vanna', 'volga', 'charm'];

/** Options of {@link hedge}. */
export interface HedgeOptions {
  /** Greeks to neutralise, each per underlying; default `['delta']`. */
  target?: HedgeGreek[];
}

/** Result of {@link hedge}. */
export interface HedgeResult {
  /** Quantity to trade in each instrument (same order as `instruments`), signed. */
  trades: Array<{ instrument: Position; quantity: number }>;
  /** The instruments as positions of the traded size (entries fixed at the market), ready to add to the book. */
  hedgePositions: Position[];
  /**
   * How the system was solved: `'exact'` (square, full rank: LU), `'least-squares'` (more targets than
   * instruments, or rank-deficient: SVD pseudo-inverse, rows normalised), `'minimum-norm'` (fewer targets than
   * instruments: the smallest trade vector in the Euclidean norm, SVD pseudo-inverse).
   */
  method: 'exact' | 'least-squares' | 'minimum-norm';
  /** Targeted Greeks per underlying before and after the hedge: `before.BTC.delta`. */
  before: Record<string, Partial<Record<HedgeGreek, number>>>;
  after: Record<string, Partial<Record<HedgeGreek, number>>>;
  /** True when every targeted Greek after the hedge is 0 to 1e-9 of its scale (the instruments allow it). */
  neutral: boolean;
}

/** positionGreeks with an overflow reported at the position's own path (`positions[2]`, `instruments[0]`). */
function greeksAt(p: Position, m: Market, path: string): PositionGreeks {
  try {
    return positionGreeks(p, m);
  } catch (e) {
    if (e instanceof RiskInputError && e.path === 'position')
      throw new RiskInputError(path, 'a position whose value and Greeks are finite doubles', undefined, e.message);
    throw e;
  }
}

/**
 * Trades in `instruments` (each taken per unit: its `quantity` is ignored) that neutralise the targeted Greeks of
 * `positions`, per underlying: A·x = −g, where g stacks the book's Greeks (target × underlying) and A the
 * instruments' per-unit Greeks. Square and full rank: exact (LU). Otherwise ml-matrix's SVD pseudo-inverse, which
 * gives the least-squares solution when over-determined and the minimum-norm one when under-determined; rows are
 * scaled by their largest entry first so that delta, gamma and vega are on one footing.
 *
 * @example
 * ```ts
 * import { hedge } from 'riskcore/stress';
 * const market = { assets: { BTC: { price: 60000, vol: 0.6 } } };
 * const book = [{ kind: 'option', underlying: 'BTC', quantity: -10, type: 'call', strike: 65000, expiry: 0.25 }];
 * const h = hedge(book, market, [{ kind: 'perp', underlying: 'BTC', quantity: 1 }]);
 * console.log(h.method); // 'exact'
 * console.log(Math.abs(h.after.BTC.delta) < 1e-9); // true
 * ```
 */
export function hedge(
  positions: Position[],
  market: Market,
  instruments: Position[],
  options: HedgeOptions = {},
): HedgeResult {
  const { positions: ps, market: m } = validateBook(positions, market);
  checkArray(instruments, 'instruments', 1);
  const { positions: ins } = validateBook(instruments, m, { positions: 'instruments' });
  const o = checkStrictObject(options, 'options', HEDGE_KEYS);
  const target =
    o.target === undefined
      ? (['delta'] as HedgeGreek[])
      : checkArray(o.target, 'options.target', 1).map((g, i) => checkEnum(g, `options.target[${i}]`, GREEKS));
  const fixedBook = fillEntryPrices(ps, m);
  const fixedIns = fillEntryPrices(
    ins.map((p) => ({ ...p, quantity: 1 })),
    m,
  );
  const unders = [...new Set([...fixedBook.map((p) => p.underlying), ...fixedIns.map((p) => p.underlying)])];
  const rows: Array<{ u: string; g: HedgeGreek }> = [];
  for (const u of unders) for (const g of target) rows.push({ u, g });
  const k = rows.length;
  const n = fixedIns.length;
  const book = new Map<string, PositionGreeks>(); // keyed by asset name: a Map, never Object.prototype
  for (const [i, p] of fixedBook.entries()) {
    const g = greeksAt(p, m, `positions[${i}]`);
    const acc = book.get(p.underlying);
    if (!acc) book.set(p.underlying, { ...g });
    else for (const key of GREEKS) acc[key] += g[key];
  }
  const insG = fixedIns.map((p, i) => greeksAt(p, m, `instruments[${i}]`));
  const A = new Matrix(k, n);
  const b = new Matrix(k, 1);
  const scale = new Float64Array(k);
  rows.forEach((r, i) => {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const v = fixedIns[j].underlying === r.u ? insG[j][r.g] : 0;
      A.set(i, j, v);
      s = Math.max(s, Math.abs(v));
    }
    const gb = book.get(r.u)?.[r.g] ?? 0;
    b.set(i, 0, -gb);
    scale[i] = s > 0 ? s : Math.max(1, Math.abs(gb));
  });
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < n; j++) A.set(i, j, A.get(i, j) / scale[i]);
    b.set(i, 0, b.get(i, 0) / scale[i]);
  }
  let x: Matrix;
  let method: HedgeResult['method'];
  const rank = rankOf(A);
  if (k === n && rank === n) {
    x = solve(A, b);
    method = 'exact';
  } else {
    x = pseudoInverse(A).mmul(b);
    method = k > n || rank < Math.min(k, n) ? 'least-squares' : 'minimum-norm';
  }
  const qty = Array.from({ length: n }, (_, j) => x.get(j, 0));
  const before: HedgeResult['before'] = {};
  const after: HedgeResult['after'] = {};
  let neutral = true;
  const sideOf = (rec: HedgeResult['before'], u: string): Partial<Record<HedgeGreek, number>> => {
    if (!Object.hasOwn(rec, u)) setOwn(rec, u, {});
    return rec[u];
  };
  rows.forEach((r) => {
    const gb = book.get(r.u)?.[r.g] ?? 0;
    let ga = gb;
    let mag = Math.abs(gb);
    for (let j = 0; j < n; j++) {
      if (fixedIns[j].underlying !== r.u) continue;
      ga += qty[j] * insG[j][r.g];
      mag += Math.abs(qty[j] * insG[j][r.g]);
    }
    sideOf(before, r.u)[r.g] = gb;
    sideOf(after, r.u)[r.g] = ga;
    if (Math.abs(ga) > 1e-9 * mag) neutral = false;
  });
  const hedgePositions = fixedIns.map((p, j) => ({ ...p, quantity: qty[j] }));
  if (!qty.every(Number.isFinite))
    throw new RiskInputError('instruments', 'instruments whose Greeks give a finite hedge', instruments);
  return {
    trades: ins.map((p, j) => ({ instrument: p, quantity: qty[j] })),
    hedgePositions,
    method,
    before,
    after,
    neutral,
  };
}

/** Numerical rank: singular values above max(rows, columns)·σ_max·16ε. */
function rankOf(A: Matrix): number {
  const d = new SingularValueDecomposition(A, { autoTranspose: true }).diagonal;
  const smax = Math.max(0, ...d);
  const tol = Math.max(A.rows, A.columns) * smax * Number.EPSILON * 16;
  return d.filter((x) => x > tol).length;
}

/** Before/after figures of {@link hedgeEffect}. */
export interface HedgeEffectSide {
  /** Lowest weighted scenario P&L and its scenario. */
  worstPnl: number;
  worstScenario: string;
  /** Account margin at the base market (absent for a bare position list). */
  initialMargin?: Money;
  maintenanceMargin?: Money;
  /** Scenarios that liquidate / bankrupt the book. */
  liquidating: number;
  insolvent: number;
}

/** Options of {@link hedgeEffect}: the hedge, the scenarios, and the {@link StressOptions} of the stress test. */
export interface HedgeEffectOptions extends StressOptions {
  /** Positions added to the book (e.g. `hedge(…).hedgePositions`). */
  hedgePositions: Position[];
  /** Scenarios the book is stressed under, before and after. */
  scenarios: Scenario[];
}

/** Result of {@link hedgeEffect}: the stress figures before and after the hedge. */
export interface HedgeEffectResult {
  before: HedgeEffectSide;
  after: HedgeEffectSide;
}

const EFFECT_KEYS = knownKeys(...STRESS_OPTION_KEYS, 'hedgePositions', 'scenarios');

/**
 * The effect of adding hedge positions to a book (a position list or a netting `Account`, the hedge going into
 * the account's own cross positions): worst stress loss, margin, and how many scenarios liquidate or bankrupt it,
 * before and after, through {@link stressTest}.
 *
 * @example
 * ```ts
 * import { hedge, hedgeEffect, spanScenarios } from 'riskcore/stress';
 * const market = { assets: { BTC: { price: 60000, vol: 0.6 } } };
 * const book = [{ kind: 'spot', underlying: 'BTC', quantity: 2 }];
 * const h = hedge(book, market, [{ kind: 'perp', underlying: 'BTC', quantity: 1 }]);
 * const e = hedgeEffect(book, market, { hedgePositions: h.hedgePositions, scenarios: spanScenarios({ priceScanRange: 0.2, volScanRange: 0.1 }) });
 * console.log(e.before.worstPnl < -20000, Math.abs(e.after.worstPnl) < 1e-6); // true true
 * ```
 */
export function hedgeEffect(
  subject: Position[] | Account,
  market: Market,
  options: HedgeEffectOptions,
): HedgeEffectResult;
/** @deprecated use `hedgeEffect(subject, market, { hedgePositions, scenarios, ...options })` */
export function hedgeEffect(
  subject: Position[] | Account,
  hedgePositions: Position[],
  market: Market,
  scenarios: Scenario[],
  options?: StressOptions,
): HedgeEffectResult;
export function hedgeEffect(
  subject: Position[] | Account,
  second: Market | Position[],
  third: HedgeEffectOptions | Market,
  scenarios?: Scenario[],
  options: StressOptions = {},
): HedgeEffectResult {
  // the deprecated positional form has 4 or 5 arguments (hedge positions second)
  if (arguments.length >= 4)
    return effectOf(subject, second as Position[], 'hedgePositions', third as Market, scenarios as Scenario[], options);
  const o = checkStrictObject(third, 'options', EFFECT_KEYS);
  const { hedgePositions, scenarios: sc, ...rest } = o as unknown as HedgeEffectOptions;
  return effectOf(subject, hedgePositions, 'options.hedgePositions', second as Market, sc, rest);
}

function effectOf(
  subject: Position[] | Account,
  hedgePositions: Position[],
  hpPath: string,
  market: Market,
  scenarios: Scenario[],
  options: StressOptions,
): HedgeEffectResult {
  const hp = validatePositions(hedgePositions, hpPath);
  const hedged: Position[] | Account = Array.isArray(subject)
    ? [...subject, ...hp]
    : ({
        ...checkObject(subject, 'account'),
        positions: [
          ...(subject.positions === undefined ? [] : checkArray(subject.positions, 'account.positions')),
          ...hp,
        ],
      } as Account);
  const side = (s: Position[] | Account): HedgeEffectSide => {
    const r = stressTest(s, market, scenarios, options);
    const w = r.scenarios[r.worst];
    return {
      worstPnl: w.weightedPnl,
      worstScenario: w.scenario,
      ...(r.base.initialMargin
        ? { initialMargin: r.base.initialMargin, maintenanceMargin: r.base.maintenanceMargin }
        : {}),
      liquidating: r.liquidating.length,
      insolvent: r.insolvent.length,
    };
  };
  return { before: side(subject), after: side(hedged) };
}
