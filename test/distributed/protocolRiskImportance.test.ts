/// <reference types="node" />
/**
 * Importance-sampled protocol-risk runs over the queue: the weights travel on the wire exactly (base64 float64), and
 * a run over redis-server with a worker process equals simulateProtocolRisk bit for bit, weights included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtocolRiskResult, encodeProtocolRiskResult } from '../../packages/distributed/src/protocolRiskWire.js';
import { runDistributedProtocolRisk, startRedisServer } from '../../packages/distributed/src/index.js';
import type { LocalRedis } from '../../packages/distributed/src/index.js';
import { combineProtocolRiskShards, runProtocolRiskShard, simulateProtocolRisk } from '../../src/stress/index.js';
import type { Protocol, ProtocolMarket } from '../../src/stress/index.js';
import { redisAvailable, spawnWorker, stopWorker } from './cluster.js';
import type { WorkerProc } from './cluster.js';

const protocol: Protocol = {
  accounts: [{ id: 'a', collateral: '1', debt: '1500' }],
  params: { price: '2500', depth: '50000', insuranceFund: '10' },
};
const market: ProtocolMarket = { assets: { ETH: { vol: 0.8 } } };
const options = { paths: 600, steps: 10, dt: 1 / 365, seed: 5, importanceSampling: { shift: { ETH: -12 } } };

describe('importance-sampled shard results on the wire', () => {
  it('pack and unpack bit for bit, weights included; a plain result has none', () => {
    const r = runProtocolRiskShard({ protocol, market, options, pathOffset: 7, paths: 50 });
    const wire = JSON.parse(JSON.stringify(encodeProtocolRiskResult(r)));
    expect(typeof wire.weight64).toBe('string');
    const back = decodeProtocolRiskResult(wire, 'shard');
    expect(back).toEqual(r);
    expect(back.weight?.every((w, i) => Object.is(w, r.weight?.[i]))).toBe(true);
    expect(() => decodeProtocolRiskResult({ ...wire, weight64: wire.weight64.slice(0, 8) }, 'shard')).toThrow(
      /shard.weight64/,
    );
    const { importanceSampling: _, ...plainOptions } = options;
    const plain = encodeProtocolRiskResult(
      runProtocolRiskShard({ protocol, market, options: plainOptions, pathOffset: 0, paths: 5 }),
    );
    expect('weight64' in plain).toBe(false);
  });

  it('shards of a weighted run and of a plain run do not merge', () => {
    const { importanceSampling: _, ...plainOptions } = options;
    const a = runProtocolRiskShard({ protocol, market, options, pathOffset: 0, paths: 300 });
    const b = runProtocolRiskShard({ protocol, market, options: plainOptions, pathOffset: 300, paths: 300 });
    expect(() => combineProtocolRiskShards([a, b])).toThrowError(
      expect.objectContaining({ path: 'results[1].weight' }),
    );
  });
});

describe.skipIf(!redisAvailable())('runDistributedProtocolRisk with importance sampling', () => {
  let redis: LocalRedis;
  let workers: WorkerProc[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    workers = [await spawnWorker(redis.url, ['--queue', 'pris'])];
  });

  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await redis?.stop();
  });

  it('6 shards: the single-process weighted result bit for bit', async () => {
    const single = simulateProtocolRisk(protocol, market, options);
    const { shards, ...r } = await runDistributedProtocolRisk({
      connection: redis.url,
      queue: 'pris',
      runId: 'pris-1',
      protocol,
      market,
      options,
      shards: 6,
    });
    expect(shards).toBe(6);
    expect(JSON.stringify(r)).toBe(JSON.stringify(single));
    expect(r.importanceSampling?.weightByPath.some((w) => w !== 1)).toBe(true);
  });
});
