/// <reference types="node" />
/**
 * Protocol-risk shards over BullMQ on a real redis-server with two real `riskcore-worker` processes: the merged
 * result equals simulateProtocolRisk bit for bit; resubmitting a run id adds no job; a bad job fails the run for
 * good. Also the wire form of a shard result (no Redis).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtocolRiskResult, encodeProtocolRiskResult } from '../../packages/distributed/src/protocolRiskWire.js';
import { processProtocolRiskShard } from '../../packages/distributed/src/processor.js';
import { runDistributedProtocolRisk, startRedisServer } from '../../packages/distributed/src/index.js';
import type { LocalRedis } from '../../packages/distributed/src/index.js';
import { runProtocolRiskShard, simulateProtocolRisk } from '../../src/stress/index.js';
import { redisAvailable, spawnWorker, stopWorker } from './cluster.js';
import type { WorkerProc } from './cluster.js';
import { market, protocol } from '../stress/protocolRisk/thinBook.js';

const options = { paths: 9000, steps: 6, dt: 1 / 365, seed: 41, detail: 4, batches: 10 };

describe('protocol-risk shard results on the wire', () => {
  it('pack and unpack bit for bit, detail included', () => {
    const job = { protocol, market, options, pathOffset: 2, paths: 300 };
    const r = runProtocolRiskShard(job);
    const wire = JSON.parse(JSON.stringify(processProtocolRiskShard(job)));
    expect(decodeProtocolRiskResult(wire, 'shard')).toEqual(r);
    expect(encodeProtocolRiskResult(r).series64.length).toBeGreaterThan(0);
    expect(() => decodeProtocolRiskResult({ ...wire, paths: 299 }, 'shard')).toThrow(/shard.series64/);
  });
});

const hasRedis = redisAvailable();

describe.skipIf(!hasRedis)('runDistributedProtocolRisk on redis-server with two worker processes', () => {
  let redis: LocalRedis;
  let workers: WorkerProc[] = [];
  const single = simulateProtocolRisk(protocol, market, options);

  beforeAll(async () => {
    redis = await startRedisServer();
    workers = await Promise.all([0, 1].map(() => spawnWorker(redis.url, ['--queue', 'pr'])));
  });

  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await redis?.stop();
  });

  it('18 shards over 2 workers: the single-process result bit for bit', async () => {
    const progress: number[] = [];
    const { shards, ...r } = await runDistributedProtocolRisk({
      connection: redis.url,
      queue: 'pr',
      runId: 'pr-1',
      protocol,
      market,
      options,
      shardPaths: 500,
      onProgress: (done, total) => {
        expect(total).toBe(18);
        progress.push(done);
      },
    });
    expect(shards).toBe(18);
    expect(r).toEqual(single);
    expect(JSON.stringify(r)).toBe(JSON.stringify(single));
    expect(single.badDebt.tail[0].es.value).toBeGreaterThan(0);
    expect(progress).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    // both workers took part
    for (const w of workers)
      expect(w.lines.some((l) => /^end protocol-risk-shard pr-1\.shard\.\d+ ok/.test(l))).toBe(true);
  });

  it('resubmitting the run id runs nothing again; a different run under it is refused', async () => {
    const starts = () => workers.flatMap((w) => w.lines.filter((l) => l.startsWith('start protocol-risk-shard pr-1.')));
    const before = starts().length;
    const { shards: _s, ...again } = await runDistributedProtocolRisk({
      connection: redis.url,
      queue: 'pr',
      runId: 'pr-1',
      protocol,
      market,
      options,
      shardPaths: 500,
    });
    expect(JSON.stringify(again)).toBe(JSON.stringify(single));
    expect(starts().length).toBe(before);
    await expect(
      runDistributedProtocolRisk({
        connection: redis.url,
        queue: 'pr',
        runId: 'pr-1',
        protocol,
        market,
        options: { ...options, seed: 42 },
        shardPaths: 500,
      }),
    ).rejects.toMatchObject({ name: 'RiskInputError', path: 'input.runId' });
  });

  it('bad input is refused before queueing, naming the field', async () => {
    await expect(
      runDistributedProtocolRisk({
        connection: redis.url,
        queue: 'pr',
        runId: 'pr-bad',
        protocol,
        market,
        options: { ...options, dt: 0 },
      }),
    ).rejects.toMatchObject({ name: 'RiskInputError', path: 'options.dt' });
    await expect(
      runDistributedProtocolRisk({
        connection: redis.url,
        runId: 'pr-bad',
        protocol,
        market,
        options,
        shards: 2,
        shardPaths: 10,
      }),
    ).rejects.toMatchObject({ path: 'input.shardPaths' });
  });
});
