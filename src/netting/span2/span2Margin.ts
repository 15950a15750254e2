/**
 * SPAN 2-style account margin, after CME's published framework: total = x·historical risk + (1 − x)·stress risk +
 * liquidity + concentration, with the historical risk a filtered-historical expected shortfall of the account's
 * full-revaluation P&L over the margin period of risk.
 */
import { RiskInputError } from '../../core/errors.js';
import type { Position } from '../../core/model.js';
import { validateMarket, validatePositions } from '../../core/model.js';
import { Money } from '../../core/money.js';
import {
  checkArray,
  checkConfidence,
  checkNumber,
  checkObject,
  checkStrictObject,
  knownKeys,
  optionalEnum,
  ownValue,
} from '../../core/validate.js';
import { fillEntryPrices, positionGreeksInto } from '../../greeks/internal.js';
import { historicalTailRisk } from '../../var/index.js';
import { FloatSum } from '../exactSum.js';
import { filterReturns, historicalPnl, valueUnder, windowSums } from './scenarioPnl.js';
import type { Span2Context, Span2MarginResult, Span2Options, Span2Underlying } from './types.js';

const CONTEXT = knownKeys('market', 'returns');
const OPTIONS = knownKeys(
  'mpor',
  'confidence',
  'filter',
  'lambda',
  'stressScenarios',
  'historicalWeight',
  'liquidity',
  'concentration',
);
const money = (x: number): Money => new Money(x === 0 ? 0 : x);

function returnColumn(value: unknown, path: string, n: number | undefined): Float64Array {
  const ok = Array.isArray(value) || value instanceof Float64Array;
  if (!ok) throw new RiskInputError(path, 'an array of daily log returns', value);
  const a = value as ArrayLike<unknown>;
  if (n !== undefined && a.length !== n)
    throw new RiskInputError(path, `an array of ${n} returns (as the other underlyings)`, value);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = checkNumber(a[i], `${path}[${i}]`, { ge: -5, le: 5 });
  return out;
}

/** A record keyed by underlying of numbers (or objects read by `read`), each underlying held by a position. */
function byUnderlying<T>(value: unknown, path: string, held: ReadonlySet<string>, read: (v: unknown, p: string) => T) {
  const o = checkObject(value, path);
  const out = new Map<string, T>();
  for (const u of Object.keys(o)) {
    if (!held.has(u)) throw new RiskInputError(`${path}.${u}`, 'an underlying the positions hold', u);
    out.set(u, read(o[u], `${path}.${u}`));
  }
  return out;
}

/**
 * SPAN 2-style margin of a set of positions: the expected shortfall at `confidence` of their full-revaluation P&L
 * over the historical MPOR windows (daily log returns summed over `mpor` days, filtered to today's EWMA volatility
 * by default), blended with the worst stress-scenario loss, plus a liquidity charge (the close-out cost of each
 * underlying's net delta at half the bid/ask spread) and a concentration charge (a rate on the net delta notional
 * beyond a threshold). Options are revalued at today's vol and expiry (no time decay over the MPOR); perps and
 * futures without an entry price are entered at today's mark/forward.
 *
 * @param positions the account's positions.
 * @param context today's market and the daily log-return history of the underlyings.
 * @param options see {@link Span2Options}.
 * @throws RiskInputError naming the field (a history too short for the MPOR and confidence is `context.returns`).
 * @example
 * ```ts
 * import { span2Margin } from 'riskcore/netting';
 * const returns = { BTC: Array.from({ length: 300 }, (_, i) => 0.03 * Math.sin(i * 1.7)) };
 * const r = span2Margin(
 *   [{ kind: 'perp', underlying: 'BTC', quantity: 2 }],
 *   { market: { assets: { BTC: { price: 60000 } } }, returns },
 *   { mpor: 2, filter: 'none', liquidity: { BTC: 0.0005 } },
 * );
 * console.log(r.liquidity.toNumber()); // 60
 * console.log(r.margin.gt(r.historicalRisk)); // true
 * ```
 */
export function span2Margin(positions: Position[], context: Span2Context, options?: Span2Options): Span2MarginResult {
  const market = validateMarket(checkStrictObject(context, 'context', CONTEXT).market, 'context.market');
  const ps = fillEntryPrices(validatePositions(positions, 'positions'), market);
  ps.forEach((p, i) => {
    if (ownValue(market.assets, p.underlying) === undefined)
      throw new RiskInputError(`positions[${i}].underlying`, 'an asset present in context.market.assets', p.underlying);
  });
  const held = new Set(ps.map((p) => p.underlying));
  const o = options === undefined ? {} : checkStrictObject(options, 'options', OPTIONS);
  const mpor = o.mpor === undefined ? 2 : checkNumber(o.mpor, 'options.mpor', { ge: 1, le: 250, integer: true });
  const confidence = o.confidence === undefined ? 0.99 : checkConfidence(o.confidence, 'options.confidence');
  const filter = optionalEnum(o.filter, 'options.filter', ['ewma', 'none'] as const, 'ewma');
  const lambda = o.lambda === undefined ? 0.97 : checkNumber(o.lambda, 'options.lambda', { gt: 0, lt: 1 });
  const stress = o.stressScenarios === undefined ? [] : checkArray(o.stressScenarios, 'options.stressScenarios');
  const scenarios = stress.map((s, i) => {
    const path = `options.stressScenarios[${i}]`;
    const so = checkStrictObject(s, path, knownKeys('label', 'moves'));
    if (typeof so.label !== 'string') throw new RiskInputError(`${path}.label`, 'a string', so.label);
    const moves = byUnderlying(so.moves, `${path}.moves`, held, (v, p) => checkNumber(v, p, { gt: -1, le: 100 }));
    return { label: so.label, moves };
  });
  if (scenarios.length > 0 && o.historicalWeight === undefined)
    throw new RiskInputError('options.historicalWeight', 'x in [0, 1], required with stress scenarios', undefined);
  const x =
    o.historicalWeight === undefined
      ? 1
      : checkNumber(o.historicalWeight, 'options.historicalWeight', { ge: 0, le: 1 });
  const liquidity =
    o.liquidity === undefined
      ? new Map<string, number>()
      : byUnderlying(o.liquidity, 'options.liquidity', held, (v, p) => checkNumber(v, p, { ge: 0, le: 1 }));
  const concentration =
    o.concentration === undefined
      ? new Map<string, { threshold: number; rate: number }>()
      : byUnderlying(o.concentration, 'options.concentration', held, (v, p) => {
          const c = checkStrictObject(v, p, knownKeys('threshold', 'rate'));
          return {
            threshold: checkNumber(c.threshold, `${p}.threshold`, { ge: 0, le: 1e30 }),
            rate: checkNumber(c.rate, `${p}.rate`, { ge: 0, le: 1 }),
          };
        });

  // history: one column per held underlying, equal lengths, long enough for the windows and the confidence
  const returns = checkObject((context as { returns?: unknown }).returns, 'context.returns');
  const moves = new Map<string, Float64Array>();
  let n: number | undefined;
  for (const u of [...held].sort()) {
    const col = ownValue(returns, u);
    if (col === undefined)
      throw new RiskInputError(`context.returns.${u}`, 'the daily log returns of a held underlying', col);
    const r = returnColumn(col, `context.returns.${u}`, n);
    n = r.length;
    moves.set(u, windowSums(filter === 'ewma' ? filterReturns(r, lambda) : r, Math.min(mpor, r.length)));
  }
  const windows = n === undefined ? 0 : n - mpor + 1;
  const needed = Math.ceil(1 / (1 - confidence) - 1e-9);
  if (held.size > 0 && windows < needed)
    throw new RiskInputError(
      'context.returns',
      `at least ${mpor + needed - 1} days of returns for MPOR ${mpor} at ${confidence}`,
      n,
    );

  const pnl = held.size === 0 ? new Float64Array(0) : historicalPnl(ps, market, moves, windows);
  const tail = held.size === 0 ? { var: 0, es: 0 } : historicalTailRisk(pnl, { confidence });
  const base = valueUnder(ps, market, () => 1);
  let stressRisk = 0;
  let worstStress: string | null = null;
  for (const s of scenarios) {
    const loss = base - valueUnder(ps, market, (u) => 1 + (s.moves.get(u) ?? 0));
    if (loss > stressRisk) {
      stressRisk = loss;
      worstStress = s.label;
    }
  }
  const rows = addOns(ps, market, held, liquidity, concentration);
  const liq = new FloatSum();
  const conc = new FloatSum();
  for (const r of rows) {
    liq.add(r.liquidity.toNumber());
    conc.add(r.concentration.toNumber());
  }
  const hist = Math.max(tail.es, 0);
  if (!Number.isFinite(total0(x, hist, stressRisk)))
    throw new RiskInputError('positions', 'positions whose margin is a finite double', undefined);
  const total = new FloatSum();
  total.add(x * hist);
  total.add((1 - x) * stressRisk);
  total.add(liq.value());
  total.add(conc.value());
  return {
    margin: money(total.value()),
    historicalRisk: money(hist),
    historicalVaR: money(Math.max(tail.var, 0)),
    stressRisk: money(stressRisk),
    worstStress,
    historicalWeight: x,
    liquidity: money(liq.value()),
    concentration: money(conc.value()),
    byUnderlying: rows,
    scenarios: windows,
    pnl,
  };
}

const total0 = (x: number, hist: number, stress: number): number => x * hist + (1 - x) * stress;

/** Liquidity and concentration charges per held underlying (sorted by name). */
function addOns(
  ps: readonly Position[],
  market: Span2Context['market'],
  held: ReadonlySet<string>,
  liquidity: ReadonlyMap<string, number>,
  concentration: ReadonlyMap<string, { threshold: number; rate: number }>,
): Span2Underlying[] {
  const g = new Float64Array(11);
  return [...held].sort().map((u) => {
    const d = new FloatSum();
    for (const p of ps) {
      if (p.underlying !== u) continue;
      positionGreeksInto(p, market, g);
      d.add(g[1]);
    }
    const netDelta = d.value();
    const notional = Math.abs(netDelta) * market.assets[u].price;
    if (!Number.isFinite(notional))
      throw new RiskInputError('positions', `positions whose net ${u} delta notional is a finite double`, notional);
    const c = concentration.get(u);
    return {
      underlying: u,
      netDelta,
      notional,
      liquidity: money(notional * (liquidity.get(u) ?? 0)),
      concentration: money(c === undefined ? 0 : Math.max(notional - c.threshold, 0) * c.rate),
    };
  });
}
