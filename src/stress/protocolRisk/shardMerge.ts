/**
 * Internal: shard results of a protocol-risk run checked and joined, in path order, into the per-path figures of the
 * whole run ({@link combineProtocolRiskShards} summarises them as {@link simulateProtocolRisk} does).
 */
import { RiskInputError } from '../../core/errors.js';
import { MONEY_MAX, toMoney } from '../../core/money.js';
import {
  checkArray,
  checkNumber,
  checkObject,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  type NumberBounds,
} from '../../core/validate.js';
import type { ProtocolRiskShardResult } from './shardTypes.js';
import { newPathFigures, type PathFigures } from './pathFigures.js';
import type { ProtocolPathDetail } from './types.js';

const RESULT_KEYS = knownKeys(
  'pathOffset',
  'paths',
  'totalPaths',
  'seed',
  'batches',
  'assets',
  'badDebt',
  'liquidatedNotional',
  'liquidations',
  'fundDrawn',
  'fundLeft',
  'fundExhausted',
  'byAsset',
  'unattributed',
  'weight',
  'detail',
);
const DETAIL_KEYS = knownKeys('moves', 'badDebt', 'liquidatedNotional', 'insuranceFund', 'deficit', 'liquidated');
/**
 * Range of a path's likelihood ratio under importance sampling: ≥ 0 and at most 1e50 (≈ e¹¹⁵; the tilt bound
 * steps·|θ|² ≤ 400 puts a path's log weight near −200 ± 20 at worst, and keeps weight × amount squared finite).
 */
const WEIGHT: NumberBounds = { ge: 0, le: 1e50 };
/** Range of an amount of a path (quote currency): ≥ 0 and at most {@link MONEY_MAX}. */
const AMOUNT: NumberBounds = { ge: 0, le: MONEY_MAX };
/** The per-path series of a result, the figures' field each fills, and its range. */
const SERIES = [
  ['badDebt', 'loss', AMOUNT],
  ['liquidatedNotional', 'notional', AMOUNT],
  ['liquidations', 'count', { ge: 0, le: 1e9, integer: true }],
  ['fundDrawn', 'drawn', AMOUNT],
  ['fundLeft', 'fundLeft', AMOUNT],
  ['fundExhausted', 'exhausted', { ge: 0, le: 1, integer: true }],
  ['unattributed', 'unattributed', AMOUNT],
] as const;

/** Copy the `n` numbers of `value` (each within `bounds`) into `out` from `at`. */
function copySeries(
  value: unknown,
  path: string,
  n: number,
  out: Float64Array,
  at: number,
  bounds: NumberBounds,
): void {
  if (!Array.isArray(value)) throw new RiskInputError(path, `an array of ${n} finite numbers`, value);
  if (value.length !== n) throw new RiskInputError(path, `${n} numbers (one per path of the shard)`, value.length);
  for (let i = 0; i < n; i++) {
    const x: unknown = value[i];
    // fast path: a number within the range; anything else is reported by checkNumber
    if (
      typeof x !== 'number' ||
      !(x >= (bounds.ge as number) && x <= (bounds.le as number)) ||
      (bounds.integer === true && !Number.isInteger(x))
    )
      checkNumber(x, `${path}[${i}]`, bounds);
    out[at + i] = x as number;
  }
}

/** One path in full, from its JSON form. */
function readDetail(value: unknown, path: string, names: string[]): ProtocolPathDetail {
  const d = checkStrictObject(value, path, DETAIL_KEYS);
  const mo = checkObject(d.moves, joinPath(path, 'moves'));
  const keys = Object.keys(mo);
  for (const k of keys)
    if (!names.includes(k))
      throw new RiskInputError(joinPath(joinPath(path, 'moves'), k), 'an asset of the run', mo[k]);
  for (const n of names)
    if (!keys.includes(n))
      throw new RiskInputError(joinPath(joinPath(path, 'moves'), n), 'the moves of this asset of the run', undefined);
  const moves: Record<string, number[]> = {};
  for (const k of keys) {
    const arr = checkArray(mo[k], joinPath(joinPath(path, 'moves'), k));
    const out = new Float64Array(arr.length);
    copySeries(arr, joinPath(joinPath(path, 'moves'), k), arr.length, out, 0, { gt: -1, le: MONEY_MAX });
    moves[k] = Array.from(out);
  }
  const liquidated = checkArray(d.liquidated, joinPath(path, 'liquidated')).map((x, i) =>
    checkString(x, `${joinPath(path, 'liquidated')}[${i}]`),
  );
  const money = (k: string) => toMoney(d[k], joinPath(path, k));
  return {
    moves,
    badDebt: money('badDebt'),
    liquidatedNotional: money('liquidatedNotional'),
    insuranceFund: money('insuranceFund'),
    deficit: money('deficit'),
    liquidated,
  };
}

/**
 * The per-path figures of a run from its shards (any order): the shards must be of one run (same total paths,
 * seed, batches and assets) and cover its paths 0 … n − 1 once each; detail paths come first in path order.
 */
export function mergeShardFigures(results: unknown): { fig: PathFigures; names: string[]; batches: number } {
  const rs = checkArray(results, 'results', 1).map((r, i) => checkStrictObject(r, `results[${i}]`, RESULT_KEYS));
  const at = (i: number, k: string) => `results[${i}].${k}`;
  const total = checkNumber(rs[0].totalPaths, at(0, 'totalPaths'), { ge: 1, le: 1e9, integer: true });
  const seed = checkNumber(rs[0].seed, at(0, 'seed'), { ge: 0, lt: 2 ** 32, integer: true });
  const batches = checkNumber(rs[0].batches, at(0, 'batches'), { ge: 2, le: 1000, integer: true });
  const names = checkArray(rs[0].assets, at(0, 'assets'), 1).map((x, j) => checkString(x, `${at(0, 'assets')}[${j}]`));
  const ranges = rs.map((r, i) => {
    for (const [k, v] of [
      ['totalPaths', total],
      ['seed', seed],
      ['batches', batches],
    ] as const) {
      if (r[k] !== v) throw new RiskInputError(at(i, k), `${v}, as results[0] (one run's shards)`, r[k]);
    }
    const an = checkArray(r.assets, at(i, 'assets'));
    if (an.length !== names.length || an.some((x, j) => x !== names[j]))
      throw new RiskInputError(at(i, 'assets'), `[${names.join(', ')}], as results[0] (one run's shards)`, r.assets);
    const from = checkNumber(r.pathOffset, at(i, 'pathOffset'), { ge: 0, lt: total, integer: true });
    const n = checkNumber(r.paths, at(i, 'paths'), { ge: 1, le: total - from, integer: true });
    return { i, from, n };
  });
  ranges.sort((a, b) => a.from - b.from);
  let next = 0;
  for (const { i, from, n } of ranges) {
    if (from !== next)
      throw new RiskInputError(
        at(i, 'pathOffset'),
        `${next} (the shards must cover paths 0 … ${total - 1} once each)`,
        from,
        from < next ? 'it overlaps another shard' : `paths ${next} … ${from - 1} are missing`,
      );
    next = from + n;
  }
  if (next !== total) {
    const last = ranges[ranges.length - 1];
    throw new RiskInputError(
      at(last.i, 'paths'),
      `${total - last.from} (the shards must cover paths 0 … ${total - 1})`,
      last.n,
      `paths ${next} … are missing`,
    );
  }
  // an importance-sampled run's shards all carry weights, a plain run's none
  const weighted = rs[0].weight !== undefined;
  const fig = newPathFigures(total, names);
  if (weighted) fig.weight = new Float64Array(total);
  let detailOpen = true;
  for (const { i, from, n } of ranges) {
    const r = rs[i];
    for (const [k, field, bounds] of SERIES) copySeries(r[k], at(i, k), n, fig[field], from, bounds);
    if ((r.weight !== undefined) !== weighted)
      throw new RiskInputError(
        at(i, 'weight'),
        weighted
          ? "the weight of each path, as results[0] (one run's shards)"
          : "absent, as in results[0] (one run's shards)",
        r.weight,
      );
    if (fig.weight) copySeries(r.weight, at(i, 'weight'), n, fig.weight, from, WEIGHT);
    const ba = checkArray(r.byAsset, at(i, 'byAsset'));
    if (ba.length !== names.length)
      throw new RiskInputError(at(i, 'byAsset'), `${names.length} series (one per asset)`, ba.length);
    ba.forEach((s, k) => copySeries(s, `${at(i, 'byAsset')}[${k}]`, n, fig.byAsset[k], from, AMOUNT));
    const det = checkArray(r.detail, at(i, 'detail'));
    if (det.length > n || (det.length > 0 && !detailOpen))
      throw new RiskInputError(at(i, 'detail'), 'the first paths of the run in full (a prefix of the run)', det.length);
    det.forEach((d, j) => fig.detail.push(readDetail(d, `${at(i, 'detail')}[${j}]`, names)));
    detailOpen = det.length === n;
  }
  return { fig, names, batches };
}
