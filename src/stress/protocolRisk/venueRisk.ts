/**
 * Protocol risk on a venue's own rules: {@link simulateProtocolRisk} with a protocol of kind `'dydx'`, `'drift'` or
 * `'hyperliquid'` runs each simulated price path through that venue's cascade ({@link simulateDydxCascade},
 * {@link simulateDriftCascade}, {@link simulateHyperliquidCascade}) instead of the generic one, and summarises the
 * paths as the generic protocol risk does (bad debt in quote currency as a float: quantums and Drift's 10⁻⁶ quote
 * divided by 10⁶).
 */
import { RiskInputError } from '../../core/errors.js';
import { Money } from '../../core/money.js';
import { checkArray, checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import { PATH_FIELDS } from '../venueCascade/marketTrack.js';
import { simulateDriftCascade } from '../venueCascade/drift.js';
import { simulateDydxCascade } from '../venueCascade/dydx.js';
import { simulateHyperliquidCascade } from '../venueCascade/hyperliquid.js';
import type { DriftCascadeAccount, DriftCascadeContext } from '../venueCascade/driftTypes.js';
import type { DydxCascadeAccount, DydxCascadeContext } from '../venueCascade/dydxTypes.js';
import type { HyperliquidCascadeAccount, HyperliquidCascadeContext } from '../venueCascade/hyperliquidTypes.js';
import { newPathFigures, type PathFigures } from './pathFigures.js';
import { PathCursor } from './pathStream.js';
import { type PathModel, type ProtocolModel, type RunOptions, validateMarket, validateOptions } from './inputs.js';
import type { ProtocolMarket, ProtocolRiskOptions, ProtocolRiskResult } from './types.js';

/**
 * A protocol on a venue's rules: the venue cascade's accounts and context, its books without `path` or `shock`
 * (the simulation draws them). The market's assets are the books: dYdX perpetual ids (as strings), Drift perp
 * market names, Hyperliquid asset names.
 */
export type VenueProtocol =
  | { kind: 'dydx'; accounts: DydxCascadeAccount[]; context: DydxCascadeContext }
  | { kind: 'drift'; accounts: DriftCascadeAccount[]; context: DriftCascadeContext }
  | { kind: 'hyperliquid'; accounts: HyperliquidCascadeAccount[]; context: HyperliquidCascadeContext };

const KEYS = knownKeys('kind', 'accounts', 'context');
const KINDS = ['dydx', 'drift', 'hyperliquid'] as const;

const CONTEXT_KEYS = {
  dydx: knownKeys('market', 'books', 'liquidations', 'insuranceFundQuantums'),
  drift: knownKeys('market', 'books', 'insuranceFund'),
  hyperliquid: knownKeys('market', 'books', 'vault'),
};
const BOOK_KEYS = {
  dydx: knownKeys('perpetualId', 'quantumConversionExponent', 'subticksPerTick', ...PATH_FIELDS),
  drift: knownKeys('market', ...PATH_FIELDS),
  hyperliquid: knownKeys('asset', ...PATH_FIELDS),
};

/** True for an object with its own `kind` or `context` (a venue protocol; the generic protocols have neither). */
export const isVenueProtocol = (p: unknown): boolean =>
  p !== null && typeof p === 'object' && (Object.hasOwn(p, 'kind') || Object.hasOwn(p, 'context'));

/** One path's figures, in quote currency. */
interface VenuePath {
  loss: number;
  notional: number;
  liquidated: string[];
  covered: number;
  fundLeft: number;
  exhausted: boolean;
  /** Per round: bad debt and liquidated notional per book name. */
  rounds: Array<{ badDebt: number; notional: Map<string, number> }>;
  money: { badDebt: Money; notional: Money; fund: Money; deficit: Money };
}

const USD = (q: bigint): number => Number(q) / 1e6;
const moneyOf = (q: bigint): Money => new Money(q.toString()).div(1_000_000);
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

function runOne(
  kind: (typeof KINDS)[number],
  accounts: unknown,
  context: Record<string, unknown>,
  steps: number,
): VenuePath {
  if (kind === 'dydx') {
    const r = simulateDydxCascade(accounts as DydxCascadeAccount[], context as unknown as DydxCascadeContext, {
      rounds: steps,
    });
    const rounds = r.rounds.map((x) => {
      const notional = new Map<string, number>();
      for (const f of x.fills) add(notional, String(f.perpetualId), Math.abs(USD(f.quoteQuantums)));
      return { badDebt: USD(x.badDebt), notional };
    });
    const notional = r.rounds.reduce(
      (s, x) => s + x.fills.reduce((t, f) => t + (f.quoteQuantums < 0n ? -f.quoteQuantums : f.quoteQuantums), 0n),
      0n,
    );
    const ids = new Set(r.rounds.flatMap((x) => [...x.fills.map((f) => f.id), ...x.deleveragings.map((d) => d.id)]));
    return {
      loss: USD(r.totals.badDebt),
      notional: USD(notional),
      liquidated: [...ids],
      covered: USD(r.totals.covered),
      fundLeft: USD(r.insuranceFundQuantums),
      exhausted: r.totals.adl + r.totals.deficit > 0n,
      rounds,
      money: {
        badDebt: moneyOf(r.totals.badDebt),
        notional: moneyOf(notional),
        fund: moneyOf(r.insuranceFundQuantums),
        deficit: moneyOf(r.totals.deficit),
      },
    };
  }
  if (kind === 'drift') {
    const r = simulateDriftCascade(accounts as DriftCascadeAccount[], context as unknown as DriftCascadeContext, {
      rounds: steps,
    });
    const rounds = r.rounds.map((x) => {
      const notional = new Map<string, number>();
      for (const l of x.liquidations) add(notional, l.market, USD(l.baseAssetValue));
      return { badDebt: USD(x.badDebt), notional };
    });
    const notional = r.rounds.reduce((s, x) => s + x.liquidations.reduce((t, l) => t + l.baseAssetValue, 0n), 0n);
    const ids = new Set(r.rounds.flatMap((x) => x.liquidations.map((l) => l.id)));
    return {
      loss: USD(r.totals.badDebt),
      notional: USD(notional),
      liquidated: [...ids],
      covered: USD(r.totals.covered),
      fundLeft: USD(r.insuranceFund),
      exhausted: r.totals.adl + r.totals.deficit > 0n,
      rounds,
      money: {
        badDebt: moneyOf(r.totals.badDebt),
        notional: moneyOf(notional),
        fund: moneyOf(r.insuranceFund),
        deficit: moneyOf(r.totals.deficit),
      },
    };
  }
  const r = simulateHyperliquidCascade(
    accounts as HyperliquidCascadeAccount[],
    context as unknown as HyperliquidCascadeContext,
    { rounds: steps },
  );
  let notional = new Money(0);
  const rounds = r.rounds.map((x) => {
    const m = new Map<string, number>();
    for (const o of x.orders) {
      const v = o.size.abs().times(o.price);
      notional = notional.plus(v);
      add(m, o.asset, v.toNumber());
    }
    return { badDebt: x.badDebt.toNumber(), notional: m };
  });
  return {
    loss: r.totals.badDebt.toNumber(),
    notional: notional.toNumber(),
    liquidated: [...new Set(r.rounds.flatMap((x) => x.liquidations.map((l) => l.id)))],
    covered: r.totals.covered.toNumber(),
    fundLeft: r.vault.toNumber(),
    exhausted: r.totals.adl.plus(r.totals.deficit).gt(0),
    rounds,
    money: { badDebt: r.totals.badDebt, notional, fund: r.vault, deficit: r.totals.deficit },
  };
}

/** The validated venue form: its kind, accounts and context (as given), the books, the path model and options. */
export interface VenueModel {
  kind: (typeof KINDS)[number];
  accounts: unknown[];
  context: Record<string, unknown>;
  books: Array<Record<string, unknown>>;
  names: string[];
  pm: PathModel;
  o: RunOptions;
}

/** Validate a venue form, its market and options (each path's cascade validates the accounts and context). */
export function readVenueModel(protocol: unknown, market: unknown, options: unknown): VenueModel {
  const p = checkStrictObject(protocol, 'protocol', KEYS);
  const kind = p.kind as (typeof KINDS)[number];
  if (!KINDS.includes(kind)) throw new RiskInputError('protocol.kind', "'dydx', 'drift' or 'hyperliquid'", p.kind);
  const accounts = checkArray(p.accounts, 'protocol.accounts');
  const context = checkStrictObject(p.context, 'protocol.context', CONTEXT_KEYS[kind]);
  const books = checkArray(context.books, 'protocol.context.books', 1).map((b, i) => {
    const bo = checkStrictObject(b, joinPath('protocol.context.books', i), BOOK_KEYS[kind]);
    for (const f of ['path', 'shock'])
      if (bo[f] !== undefined)
        throw new RiskInputError(
          joinPath(joinPath('protocol.context.books', i), f),
          'absent (the simulation draws the path)',
          bo[f],
        );
    return bo;
  });
  const names = books.map((b) => bookName(kind, b));
  const pm = validateMarket(market, {
    single: false,
    names,
    accounts: [],
    cfg: { assets: [] },
  } as unknown as ProtocolModel);
  const o = validateOptions(options, accounts.length, books.length, pm);
  return { kind, accounts, context, books, names, pm, o };
}

/** The market asset of a book: dYdX perpetual id (as a string), Drift perp market, Hyperliquid asset. */
const bookName = (kind: (typeof KINDS)[number], b: Record<string, unknown>): string =>
  String(kind === 'dydx' ? b.perpetualId : kind === 'drift' ? b.market : b.asset);

/**
 * Run every path of a validated venue form with `context` (that of the model, or a variant of it: another margin
 * parameter) and return the per-path figures.
 */
export function runVenueModel(
  v: VenueModel,
  context: Record<string, unknown> = v.context,
  o: RunOptions = v.o,
): PathFigures {
  const { kind, accounts, books, names, pm } = v;
  const { paths, steps } = o;
  const fig = newPathFigures(paths, names, o.tilt);
  const cursor = new PathCursor(o.seed, pm, o.dt, o.tilt);
  const every = Math.max(1, Math.ceil(paths / 100));
  for (let k = 0; k < paths; k++) {
    if (o.onProgress && k % every === 0) o.onProgress(k, paths);
    const moves = pm.names.map(() => new Array<number>(steps).fill(0));
    const w = cursor.draw(k, moves);
    if (fig.weight) fig.weight[k] = w;
    const ctx = { ...context, books: books.map((b) => ({ ...b, path: moves[pm.names.indexOf(bookName(kind, b))] })) };
    const r = runOne(kind, accounts, ctx, steps);
    fig.loss[k] = r.loss;
    fig.notional[k] = r.notional;
    fig.count[k] = r.liquidated.length;
    fig.drawn[k] = r.covered;
    fig.fundLeft[k] = r.fundLeft;
    fig.exhausted[k] = r.exhausted ? 1 : 0;
    for (const x of r.rounds) {
      if (!(x.badDebt > 0)) continue;
      let rn = 0;
      for (const val of x.notional.values()) rn += val;
      if (!(rn > 0)) fig.unattributed[k] += x.badDebt;
      else names.forEach((n, j) => (fig.byAsset[j][k] += x.badDebt * ((x.notional.get(n) ?? 0) / rn)));
    }
    if (k < o.detail) {
      fig.detail.push({
        moves: Object.fromEntries(pm.names.map((n, i) => [n, moves[i]])),
        badDebt: r.money.badDebt,
        liquidatedNotional: r.money.notional,
        insuranceFund: r.money.fund,
        deficit: r.money.deficit,
        liquidated: r.liquidated,
      });
    }
  }
  o.onProgress?.(paths, paths);
  return fig;
}

/**
 * {@link simulateProtocolRisk} of a venue protocol (validated here; each path's cascade validates its inputs);
 * `summarise` is the generic protocol risk's summary of the per-path figures.
 */
export function simulateVenueProtocolRisk(
  protocol: VenueProtocol,
  market: ProtocolMarket,
  options: ProtocolRiskOptions,
  summarise: (fig: PathFigures, names: string[], batches: number) => ProtocolRiskResult,
): ProtocolRiskResult {
  const v = readVenueModel(protocol, market, options);
  return summarise(runVenueModel(v), v.names, v.o.batches);
}
