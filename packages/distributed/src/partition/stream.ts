/// <reference types="node" />
/**
 * Engine partitions on other processes or machines, fed by a Redis Stream: the producer appends every engine event
 * to one stream (one global order); each partition reads the whole stream through its own consumer group, applies
 * the events of its accounts and every tick and funding, logs the accepted ones to its folder, and only then
 * acknowledges the entries (XACK). Internal file of `@riskcore/distributed`.
 */
import { Redis } from 'ioredis';
import { RiskInputError, checkArray, checkNumber, checkStrictObject, checkString, knownKeys } from 'riskcore';
import type { Market } from 'riskcore';
import type { MarginEngine, MarginEngineOptions } from 'riskcore/engine';
import { createMarginEngine } from 'riskcore/engine';
import type { RedisConnection } from '../connection.js';
import { checkKey, redisOptions } from '../connection.js';
import type { PartitionItem } from './apply.js';
import { applyItems } from './apply.js';
import { compareAt, routeOf } from './route.js';
import { PartitionLog, loadPartition } from './store.js';

/** Default stream key of the engine events. */
export const DEFAULT_ENGINE_STREAM = 'riskcore-engine-events';

/** Options of {@link startStreamPartition}. */
export interface StreamPartitionOptions extends MarginEngineOptions {
  connection: RedisConnection;
  /** This partition (0 … partitions − 1). */
  partition: number;
  /** Number of partitions (every partition of a stream must be started with the same count). */
  partitions: number;
  /** Folder of this partition's log and snapshot; recovered on start. */
  dir: string;
  /** Stream key (default {@link DEFAULT_ENGINE_STREAM}). */
  stream?: string;
  /** Write a snapshot after this many accepted events (default 10,000). */
  snapshotEvery?: number;
  /** Entries read per call (default 1,000). */
  batch?: number;
  /** Called after each batch is logged and acknowledged: the last stream id read and the events accepted so far. */
  onBatch?: (lastId: string, accepted: number) => void;
}

/** A running stream partition. */
export interface StreamPartition {
  /** The partition's engine (read it; events come only from the stream). */
  readonly engine: MarginEngine;
  /** Stream id of the last entry applied or skipped (`'0-0'` before any). */
  lastId(): string;
  /**
   * Stop reading, write a snapshot and release the connection and the log. Rejects with the error that stopped
   * the partition earlier, if one did (a lost connection, a log that could not be written).
   */
  stop(): Promise<void>;
}

const OPTIONS = knownKeys(
  'method',
  'params',
  'collateralAssets',
  'decimals',
  'connection',
  'partition',
  'partitions',
  'dir',
  'stream',
  'snapshotEvery',
  'batch',
  'onBatch',
);

type Entries = [string, string[]][];

/**
 * Start a partition consuming engine events from a Redis Stream (consumer group `p<partition>` of `options.stream`;
 * events added with {@link publishEngineEvents}). It first recovers its engine from `options.dir` (snapshot and log),
 * then re-reads the entries it had received but not acknowledged (those at or before its last logged entry were
 * applied already and are only acknowledged), then follows new entries. An entry is acknowledged only after the
 * events it accepted are in its log, so a partition killed at any point comes back to the state of a run that was
 * never interrupted, with no event of the stream lost or applied twice.
 *
 * @example
 * ```ts
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { publishEngineEvents, startRedisServer, startStreamPartition } from '@riskcore/distributed';
 * const redis = await startRedisServer();
 * const market = { assets: { BTC: { price: 60000 } } };
 * let seen = '';
 * const part = await startStreamPartition(market, {
 *   connection: redis.url, partition: 0, partitions: 1, dir: mkdtempSync(join(tmpdir(), 'p0-')),
 *   onBatch: (id) => { seen = id; },
 * });
 * const ids = await publishEngineEvents([{ type: 'deposit', account: 'a', asset: 'USD', amount: '100' }], { connection: redis.url });
 * while (seen !== ids[0]) await new Promise((r) => setTimeout(r, 20));
 * console.log(part.engine.account('a').collateral); // [{ asset: 'USD', amount: '100' }]
 * await part.stop();
 * await redis.stop();
 * ```
 */
export async function startStreamPartition(market: Market, options: StreamPartitionOptions): Promise<StreamPartition> {
  const o = checkStrictObject(options, 'options', OPTIONS) as unknown as StreamPartitionOptions;
  const {
    connection,
    partition: p0,
    partitions: n0,
    dir: d0,
    stream: s0,
    snapshotEvery: e0,
    batch: b0,
    onBatch,
    ...eng
  } = o;
  const partitions = checkNumber(n0, 'options.partitions', { ge: 1, le: 1024, integer: true });
  const partition = checkNumber(p0, 'options.partition', { ge: 0, le: partitions - 1, integer: true });
  const dir = checkString(d0, 'options.dir');
  const stream = s0 === undefined ? DEFAULT_ENGINE_STREAM : checkKey(s0, 'options.stream');
  const every = e0 === undefined ? 10_000 : checkNumber(e0, 'options.snapshotEvery', { ge: 1, integer: true });
  const batch = b0 === undefined ? 1_000 : checkNumber(b0, 'options.batch', { ge: 1, le: 100_000, integer: true });
  if (onBatch !== undefined && typeof onBatch !== 'function')
    throw new RiskInputError('options.onBatch', 'a function', onBatch);
  createMarginEngine(market, eng); // the engine's own validation of market and options
  const redis = new Redis(redisOptions(connection, 'options.connection'));
  const loaded = loadPartition(dir, market, eng);
  const engine = loaded.engine;
  const log = new PartitionLog(dir);
  let last = loaded.entries.length > 0 ? loaded.entries[loaded.entries.length - 1].at : loaded.snapAt;
  if (compareAt(loaded.snapAt, last) > 0) last = loaded.snapAt;
  const group = `p${partition}`;
  try {
    await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
  } catch (e) {
    if (!String((e as Error).message).includes('BUSYGROUP')) throw e;
  }
  let running = true;
  let accepted = 0;
  let sinceSnapshot = 0;
  const loop = (async () => {
    let cursor = '0'; // first the entries delivered to this partition before and never acknowledged
    while (running) {
      const res = (await redis.xreadgroup(
        'GROUP',
        group,
        group,
        'COUNT',
        batch,
        'BLOCK',
        100,
        'STREAMS',
        stream,
        cursor,
      )) as [string, Entries][] | null;
      const entries = res?.[0]?.[1] ?? [];
      if (entries.length === 0) {
        if (cursor === '0') cursor = '>';
        continue;
      }
      const items: PartitionItem[] = [];
      for (const [id, fields] of entries) {
        if (compareAt(id, last) <= 0) continue; // applied and logged before a crash
        const event = JSON.parse(fields[1]) as unknown;
        const r = routeOf(event, partitions);
        if (r === 'all' || r === partition) items.push({ at: id, event });
      }
      const answers = applyItems(engine, items, log);
      for (const a of answers) if (a.accepted) accepted++, sinceSnapshot++;
      last = entries[entries.length - 1][0];
      await redis.xack(stream, group, ...entries.map((e) => e[0]));
      if (sinceSnapshot >= every) {
        log.snapshot(engine, last, 0);
        sinceSnapshot = 0;
      }
      onBatch?.(last, accepted);
    }
  })().catch((e: unknown) => {
    running = false;
    return e;
  });
  return {
    engine,
    lastId: () => last,
    async stop() {
      running = false;
      const failed = await loop;
      // after a failure the engine may hold a batch that is not in the log: no snapshot then
      if (failed === undefined) log.snapshot(engine, last, 0);
      log.close();
      redis.disconnect();
      if (failed !== undefined) throw failed;
    },
  };
}

/**
 * Append engine events to the stream, in order (one field `e`, the event as JSON); resolves with their stream ids
 * once Redis holds them. Events are validated by the partitions, not here.
 */
export async function publishEngineEvents(
  events: readonly unknown[],
  options: { connection: RedisConnection; stream?: string },
): Promise<string[]> {
  const list = checkArray(events, 'events');
  const o = checkStrictObject(options, 'options', knownKeys('connection', 'stream'));
  const stream = o.stream === undefined ? DEFAULT_ENGINE_STREAM : checkKey(o.stream, 'options.stream');
  const body = list.map((e, i) => {
    let text: string | undefined;
    try {
      text = JSON.stringify(e);
    } catch {
      text = undefined; // a bigint or a cycle
    }
    if (typeof text !== 'string' || text[0] !== '{')
      throw new RiskInputError(`events[${i}]`, 'an event (a JSON object)', e);
    return text;
  });
  const redis = new Redis(redisOptions(o.connection, 'options.connection'));
  try {
    const pipe = redis.pipeline();
    for (const text of body) pipe.xadd(stream, '*', 'e', text);
    const out = (await pipe.exec()) ?? [];
    return out.map(([err, id]) => {
      if (err) throw err;
      return id as string;
    });
  } finally {
    redis.disconnect();
  }
}
