/**
 * Protocol risk on a lending protocol's own rules: {@link simulateProtocolRisk} with `{ positions, lending }` runs
 * every GBM path through {@link simulateLendingCascade} (Aave v3.3, Compound III, Morpho Blue or Euler v2) instead
 * of the generic cascade. Step t of a path is round t: its relative moves are the cascade's `moves[asset][t]`,
 * everything else (oracle, depth, liquidators, the protocol's market) is `lending`. Per path: the protocol's bad
 * debt (value units), the collateral seized (as liquidated notional), the liquidation calls, the reserves used and
 * left, whether bad debt reached the suppliers (as fund exhaustion), and bad debt by asset (each round's bad debt
 * split over the collateral assets in proportion to the value seized of each that round).
 */
import { RiskInputError } from '../../core/errors.js';
import { Money } from '../../core/money.js';
import { checkObject, checkStrictObject, knownKeys } from '../../core/validate.js';
import { readLendingRun } from '../lendingCascade/inputs.js';
import type { LendingRun } from '../lendingCascade/inputs.js';
import { under, valueAt } from '../lendingCascade/protocolState.js';
import { runLendingCascade } from '../lendingCascade/rounds.js';
import type { LendingCascadeContext, LendingCascadePosition, LendingCascadeResult } from '../lendingCascade/types.js';
import { newPathFigures, type PathFigures } from './pathFigures.js';
import { PathCursor } from './pathStream.js';
import { validateMarket, validateOptions } from './inputs.js';
import type { PathModel, ProtocolModel, RunOptions } from './inputs.js';
import type { ProtocolMarket, ProtocolRiskOptions } from './types.js';

/** A lending protocol's market and cascade environment without `rounds` and `moves`, which the simulation sets. */
export type LendingRiskContext = LendingCascadeContext extends infer T
  ? T extends unknown
    ? Omit<T, 'rounds' | 'moves'> & { rounds?: never; moves?: never }
    : never
  : never;

/** A lending protocol for {@link simulateProtocolRisk}: its positions and its {@link LendingRiskContext}. */
export interface LendingProtocol {
  positions: LendingCascadePosition[];
  lending: LendingRiskContext;
}

const PROTOCOL_FIELDS = knownKeys('positions', 'lending');
/** Work bound of a lending run: paths × steps × positions (each a protocol call with its validation). */
export const MAX_LENDING_WORK = 1e6;

/** The input is the lending form (it has a `lending` or a `positions` key; the generic form has `accounts`). */
export function isLendingProtocol(protocol: unknown): protocol is LendingProtocol {
  return (
    typeof protocol === 'object' &&
    protocol !== null &&
    (Object.hasOwn(protocol, 'lending') || Object.hasOwn(protocol, 'positions'))
  );
}

/** One path's run of the lending cascade on `moves` (market asset order). */
function runPath(positions: unknown, ctx: Record<string, unknown>, names: string[], moves: number[][]): LendingRun {
  const withMoves = { ...ctx, rounds: moves[0].length, moves: Object.fromEntries(names.map((n, i) => [n, moves[i]])) };
  return under('positions', 'protocol.positions', () =>
    under('context', 'protocol.lending', () => readLendingRun(positions, withMoves)),
  );
}

/** Bad debt of each round split over the collateral assets by value seized (oracle prices of the round). */
function attribute(res: LendingCascadeResult, run: LendingRun, names: string[], fig: PathFigures, p: number) {
  const scale = new Map(run.tracks.map((t) => [t.asset.name, t.asset.scale]));
  for (const r of res.rounds) {
    if (r.badDebt === 0n) continue;
    const seized = new Map<string, bigint>();
    for (const e of res.events) {
      if (e.round !== r.round || e.kind === 'buyCollateral') continue;
      for (const c of e.collateral) {
        const v = valueAt(
          c.amount + (e.protocolFee === 0n ? 0n : e.protocolFee),
          r.oraclePrices[c.asset],
          scale.get(c.asset) as bigint,
        );
        seized.set(c.asset, (seized.get(c.asset) ?? 0n) + v);
      }
    }
    let total = 0n;
    for (const v of seized.values()) total += v;
    const bd = Number(r.badDebt);
    if (total === 0n) fig.unattributed[p] += bd;
    else
      names.forEach((n, k) => {
        fig.byAsset[k][p] += (bd * Number(seized.get(n) ?? 0n)) / Number(total);
      });
  }
}

/** The validated lending form: its positions and context (as given), the first run's state, the path model. */
export interface LendingModel {
  positions: unknown[];
  ctx: Record<string, unknown>;
  /** A run on no moves (the protocol's state and price tracks at the start). */
  probe: LendingRun;
  pm: PathModel;
  o: RunOptions;
}

/** Validate the lending form, its market and options (errors name `protocol.positions…`, `protocol.lending…`, …). */
export function readLendingModel(protocol: unknown, market: unknown, options: unknown): LendingModel {
  const pr = checkStrictObject(protocol, 'protocol', PROTOCOL_FIELDS);
  const ctx = checkObject(pr.lending, 'protocol.lending');
  for (const f of ['rounds', 'moves'] as const)
    if (ctx[f] !== undefined)
      throw new RiskInputError(`protocol.lending.${f}`, 'absent (the simulation sets the paths and rounds)', ctx[f]);
  const probe = runPath(pr.positions, ctx, [], [[0]]);
  const movable = probe.tracks.filter((t) => !t.asset.fixed).map((t) => t.asset.name);
  const model: ProtocolModel = {
    accounts: [],
    cfg: { assets: [], rounds: 0, mmf: 0, penalty: 0, fund: new Money(0), adl: false },
    names: movable,
    single: false,
  };
  const pm = validateMarket(market, model);
  const positions = pr.positions as unknown[];
  const o = validateOptions(options, positions.length, movable.length, pm);
  const work = o.paths * o.steps * Math.max(1, positions.length);
  if (work > MAX_LENDING_WORK)
    throw new RiskInputError(
      'options.paths',
      `at most ${Math.floor(MAX_LENDING_WORK / (o.steps * Math.max(1, positions.length)))} paths`,
      o.paths,
      `paths × steps × positions is bounded by ${MAX_LENDING_WORK} on a protocol's own rules`,
    );
  return { positions, ctx, probe, pm, o };
}

/**
 * Run every path of a validated lending form on `positions` and `ctx` (those of the model, or a variant of them: a
 * scaled book, another parameter; validated again by the protocol's readers). Returns the per-path figures.
 */
export function runLendingModel(
  m: LendingModel,
  positions: unknown[] = m.positions,
  ctx: Record<string, unknown> = m.ctx,
  o: RunOptions = m.o,
): PathFigures {
  const names = m.pm.names;
  const fig = newPathFigures(o.paths, names, o.tilt);
  const cursor = new PathCursor(o.seed, m.pm, o.dt, o.tilt);
  const every = Math.max(1, Math.ceil(o.paths / 100));
  for (let p = 0; p < o.paths; p++) {
    if (o.onProgress && p % every === 0) o.onProgress(p, o.paths);
    const moves = names.map(() => new Array<number>(o.steps).fill(0));
    const w = cursor.draw(p, moves);
    if (fig.weight) fig.weight[p] = w;
    const run = runPath(positions, ctx, names, moves);
    const res = runLendingCascade(run);
    const t = res.totals;
    const last = res.rounds[res.rounds.length - 1];
    fig.loss[p] = Number(t.badDebt);
    fig.notional[p] = Number(t.collateralSeized);
    fig.count[p] = t.liquidations;
    fig.drawn[p] = Number(t.reservesUsed);
    fig.fundLeft[p] = Number(last.reserves);
    fig.exhausted[p] = t.supplierLoss > 0n ? 1 : 0;
    attribute(res, run, names, fig, p);
    if (p < o.detail) {
      fig.detail.push({
        moves: Object.fromEntries(names.map((n, i) => [n, moves[i]])),
        badDebt: new Money(t.badDebt.toString()),
        liquidatedNotional: new Money(t.collateralSeized.toString()),
        insuranceFund: new Money(last.reserves.toString()),
        deficit: new Money(t.supplierLoss.toString()),
        liquidated: res.events.filter((e) => e.kind !== 'buyCollateral').map((e) => e.id),
      });
    }
  }
  o.onProgress?.(o.paths, o.paths);
  return fig;
}

/**
 * Run every path of the lending form (validated here; errors name `protocol.positions…`, `protocol.lending…`,
 * `market…`, `options…`). Returns the per-path figures, the market's asset names and the batches.
 */
export function runLendingPaths(
  protocol: unknown,
  market: ProtocolMarket,
  options: ProtocolRiskOptions,
): { fig: PathFigures; names: string[]; batches: number } {
  const m = readLendingModel(protocol, market, options);
  return { fig: runLendingModel(m), names: m.pm.names, batches: m.o.batches };
}
