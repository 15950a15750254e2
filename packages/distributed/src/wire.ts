/// <reference types="node" />
/**
 * Shard results on the wire. A shard's tail can hold 10⁵ losses; as decimal JSON that is ~1.8 MB per shard, stored
 * in Redis and copied into its event stream. The losses travel instead as base64 of little-endian IEEE-754 doubles
 * (10.7 bytes a loss, exact to the bit, and decoded without parsing text). Internal.
 */
import { deflateRawSync } from 'node:zlib';
import { RiskInputError } from 'riskcore';
import type { ShardResult } from 'riskcore/montecarlo';
import { checkNumber, checkObject, joinPath } from 'riskcore';

/** {@link ShardResult} with the tail's losses packed as base64 little-endian float64. */
export interface WireShardResult {
  pathOffset: number;
  paths: number;
  sum: number;
  sumSq: number;
  tail: { capacity: number; total: number; losses64: string };
  /** The shard's per-block Σ pnl, Σ pnl² (see `ShardResult.blockSums`), packed like the losses. */
  blockSums64?: string;
}

/** Pack doubles as base64 of their little-endian bytes. */
export function packDoubles(values: ArrayLike<number>): string {
  const buf = Buffer.allocUnsafe(values.length * 8);
  for (let i = 0; i < values.length; i++) buf.writeDoubleLE(values[i], i * 8);
  return buf.toString('base64');
}

/** Unpack {@link packDoubles} output; every value must be finite. */
export function unpackDoubles(text: unknown, path: string): number[] {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
    throw new RiskInputError(path, 'base64 text', text);
  const s = text;
  const buf = Buffer.from(s, 'base64');
  if (buf.length % 8 !== 0) throw new RiskInputError(path, 'base64 of a whole number of float64 values', text);
  const out = new Array<number>(buf.length / 8);
  for (let i = 0; i < out.length; i++) {
    const v = buf.readDoubleLE(i * 8);
    if (!Number.isFinite(v)) throw new RiskInputError(`${path}[${i}]`, 'a finite number', v);
    out[i] = v;
  }
  return out;
}

/** Pack a shard result for the queue. */
export function encodeShardResult(r: ShardResult): WireShardResult {
  return {
    pathOffset: r.pathOffset,
    paths: r.paths,
    sum: r.sum,
    sumSq: r.sumSq,
    tail: { capacity: r.tail.capacity, total: r.tail.total, losses64: packDoubles(r.tail.losses) },
    ...(r.blockSums === undefined ? {} : { blockSums64: packDoubles(r.blockSums) }),
  };
}

/** Unpack (and check the shape of) a shard result read back from the queue; `combineShards` validates the rest. */
export function decodeShardResult(value: unknown, path: string): ShardResult {
  const o = checkObject(value, path);
  const t = checkObject(o.tail, joinPath(path, 'tail'));
  return {
    pathOffset: checkNumber(o.pathOffset, joinPath(path, 'pathOffset'), { ge: 0, integer: true }),
    paths: checkNumber(o.paths, joinPath(path, 'paths'), { ge: 1, integer: true }),
    sum: checkNumber(o.sum, joinPath(path, 'sum')),
    sumSq: checkNumber(o.sumSq, joinPath(path, 'sumSq'), { ge: 0 }),
    tail: {
      capacity: checkNumber(t.capacity, joinPath(path, 'tail.capacity'), { ge: 1, integer: true }),
      total: checkNumber(t.total, joinPath(path, 'tail.total'), { ge: 0, integer: true }),
      losses: unpackDoubles(t.losses64, joinPath(path, 'tail.losses64')),
    },
    ...(o.blockSums64 === undefined ? {} : { blockSums: unpackDoubles(o.blockSums64, joinPath(path, 'blockSums64')) }),
  };
}

/** Pack a batch's answers for the queue: deflate-raw (level 1) of their JSON, base64. ~9× smaller for margin results. */
export function encodeAnswers(answers: unknown[]): { count: number; z: string } {
  return { count: answers.length, z: deflateRawSync(JSON.stringify(answers), { level: 1 }).toString('base64') };
}
