/// <reference types="node" />
/**
 * Protocol-risk shard results on the wire: the per-path series travel as one base64 block of little-endian IEEE-754
 * doubles (exact to the bit, decoded without parsing text), the rest as JSON. Internal.
 */
import { RiskInputError } from 'riskcore';
import { checkArray, checkNumber, checkObject, checkString, joinPath } from 'riskcore';
import type { ProtocolPathDetailJSON, ProtocolRiskShardResult } from 'riskcore/stress';
import { packDoubles, unpackDoubles } from './wire.js';

/** The series of a result in the order they are packed; then `byAsset[0]`, `byAsset[1]`, … */
const SERIES = [
  'badDebt',
  'liquidatedNotional',
  'liquidations',
  'fundDrawn',
  'fundLeft',
  'fundExhausted',
  'unattributed',
] as const;

/** {@link ProtocolRiskShardResult} with its per-path series packed as base64 little-endian float64. */
export interface WireProtocolRiskResult {
  pathOffset: number;
  paths: number;
  totalPaths: number;
  seed: number;
  batches: number;
  assets: string[];
  /** The series of SERIES, then byAsset per asset, each `paths` doubles, concatenated. */
  series64: string;
  /** The likelihood ratio of each path (`paths` doubles), in an importance-sampled run only. */
  weight64?: string;
  detail: ProtocolPathDetailJSON[];
}

/** Pack a protocol-risk shard result for the queue. */
export function encodeProtocolRiskResult(r: ProtocolRiskShardResult): WireProtocolRiskResult {
  const all: number[] = [];
  for (const k of SERIES) for (const x of r[k]) all.push(x);
  for (const s of r.byAsset) for (const x of s) all.push(x);
  return {
    pathOffset: r.pathOffset,
    paths: r.paths,
    totalPaths: r.totalPaths,
    seed: r.seed,
    batches: r.batches,
    assets: r.assets,
    series64: packDoubles(all),
    ...(r.weight ? { weight64: packDoubles(r.weight) } : {}),
    detail: r.detail,
  };
}

/** Unpack a result read back from the queue (its shape checked here; `combineProtocolRiskShards` checks the rest). */
export function decodeProtocolRiskResult(value: unknown, path: string): ProtocolRiskShardResult {
  const o = checkObject(value, path);
  const paths = checkNumber(o.paths, joinPath(path, 'paths'), { ge: 1, le: 1e9, integer: true });
  const assets = checkArray(o.assets, joinPath(path, 'assets'), 1).map((a, i) =>
    checkString(a, `${joinPath(path, 'assets')}[${i}]`),
  );
  const all = unpackDoubles(o.series64, joinPath(path, 'series64'));
  const want = paths * (SERIES.length + assets.length);
  if (all.length !== want)
    throw new RiskInputError(joinPath(path, 'series64'), `${want} doubles (each series of ${paths} paths)`, all.length);
  const part = (j: number) => all.slice(j * paths, (j + 1) * paths);
  const series = Object.fromEntries(SERIES.map((k, j) => [k, part(j)])) as Record<(typeof SERIES)[number], number[]>;
  let weight: number[] | undefined;
  if (o.weight64 !== undefined) {
    weight = unpackDoubles(o.weight64, joinPath(path, 'weight64'));
    if (weight.length !== paths)
      throw new RiskInputError(joinPath(path, 'weight64'), `${paths} doubles (one per path)`, weight.length);
  }
  return {
    pathOffset: o.pathOffset as number,
    paths,
    totalPaths: o.totalPaths as number,
    seed: o.seed as number,
    batches: o.batches as number,
    assets,
    ...series,
    byAsset: assets.map((_, k) => part(SERIES.length + k)),
    ...(weight ? { weight } : {}),
    detail: o.detail as ProtocolPathDetailJSON[],
  };
}
