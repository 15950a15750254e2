/// <reference types="node" />
/**
 * Fault injection for riskcore/distributed on a real redis-server: an unreachable server, a wrong password, TLS
 * asked of a plain server (URL and object form), Redis paused with SIGSTOP mid-run (resumed in time, and past the
 * deadline), Redis killed mid-run, and a malformed job pushed straight into the queue. Every case ends within its
 * deadline with a DistributedRunError that names the fault, or with the single-thread figures exactly (nothing
 * lost, nothing counted twice). The time each fault took to surface is printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { createServer } from 'node:net';
import {
  DistributedRunError,
  marginSweep,
  RiskInputError,
  runDistributedMonteCarlo,
  startRedisServer,
  startRiskWorker,
} from '../../packages/distributed/src/index.js';
import type { LocalRedis, RiskWorker } from '../../packages/distributed/src/index.js';
import { redisOptions } from '../../packages/distributed/src/connection.js';
import { closeClients } from '../../packages/distributed/src/deadline.js';
import { combineShards, planShards, runShard } from '../../src/montecarlo/index.js';
import { redisAvailable } from './cluster.js';

const hasRedis = redisAvailable();
const book = {
  positions: [
    { kind: 'spot' as const, underlying: 'BTC', quantity: 2 },
    { kind: 'option' as const, underlying: 'ETH', quantity: -30, type: 'call' as const, strike: 3300, expiry: 0.1 },
  ],
  market: { assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.8 } } },
  options: { horizon: 1 / 365, seed: 11 },
  totalPaths: 200_000,
  confidence: 0.99,
};
const single = combineShards([runShard(planShards({ ...book, shards: 1 })[0])], book.confidence);
/** A run long enough (16 shards of ~190,000 paths) that a pause lands inside it on a quiet machine too. */
const longBook = { ...book, totalPaths: 3_000_000 };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function timed<T>(p: Promise<T>): Promise<{ error?: unknown; value?: T; ms: number }> {
  const t0 = performance.now();
  try {
    const value = await p;
    return { value, ms: performance.now() - t0 };
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
}

function report(fault: string, ms: number, error?: unknown): void {
  console.log(
    `${fault}: surfaced in ${ms.toFixed(0)} ms${error ? ` — ${(error as Error).message.slice(0, 140)}` : ''}`,
  );
}

describe.skipIf(!hasRedis)('riskcore/distributed faults on a real Redis', () => {
  let redis: LocalRedis;
  let worker: RiskWorker;
  let runs = 0;
  const runId = () => `fault-${++runs}`;

  beforeAll(async () => {
    redis = await startRedisServer();
    worker = await startRiskWorker({
      connection: redis.url,
      queue: 'faults',
      lockDuration: 2000,
      stalledInterval: 1000,
    });
  });
  afterAll(async () => {
    await worker?.close();
    await redis?.stop();
  });

  it('unreachable Redis: the connection deadline rejects (connect), naming the refused connection', async () => {
    const port = await freePort();
    const r = await timed(
      runDistributedMonteCarlo({
        ...book,
        connection: `redis://127.0.0.1:${port}`,
        runId: runId(),
        connectTimeoutMs: 1500,
      }),
    );
    report('unreachable Redis (connectTimeoutMs 1500)', r.ms, r.error);
    expect(r.error).toBeInstanceOf(DistributedRunError);
    expect((r.error as DistributedRunError).code).toBe('connect');
    expect((r.error as Error).message).toMatch(/ECONNREFUSED/);
    expect(r.ms).toBeLessThan(1500 + 2500);
    // the run's own deadline, when shorter, bounds the connection too
    const t = await timed(
      runDistributedMonteCarlo({ ...book, connection: `redis://127.0.0.1:${port}`, runId: runId(), timeoutMs: 1000 }),
    );
    report('unreachable Redis (timeoutMs 1000)', t.ms, t.error);
    expect((t.error as DistributedRunError).code).toBe('deadline');
    expect(t.ms).toBeLessThan(1000 + 2500);
    // and a worker that cannot connect does not start
    const w = await timed(startRiskWorker({ connection: `redis://127.0.0.1:${port}`, connectTimeoutMs: 1000 }));
    report('unreachable Redis (worker start)', w.ms, w.error);
    expect((w.error as DistributedRunError).code).toBe('connect');
  }, 30_000);

  it("a wrong password rejects (connect) with the server's refusal", async () => {
    const locked = await startRedisServer({ password: 's3cret' });
    try {
      const url = `redis://:wrong@127.0.0.1:${locked.port}`;
      const r = await timed(
        runDistributedMonteCarlo({ ...book, connection: url, runId: runId(), connectTimeoutMs: 1500 }),
      );
      report('wrong password', r.ms, r.error);
      expect((r.error as DistributedRunError).code).toBe('connect');
      expect((r.error as Error).message).toMatch(/WRONGPASS|invalid username-password|NOAUTH/i);
      expect(r.ms).toBeLessThan(1500 + 2500);
      // the right password works on the same server
      const w = await startRiskWorker({ connection: locked.url, queue: 'locked' });
      try {
        const ok = await runDistributedMonteCarlo({
          ...book,
          connection: locked.url,
          queue: 'locked',
          runId: runId(),
          shards: 2,
        });
        expect(ok.var).toBe(single.var);
      } finally {
        await w.close();
      }
    } finally {
      await locked.stop();
    }
  }, 60_000);

  it('TLS asked of a plain server fails (connect) in both the URL and the object form, never falls back to plaintext', async () => {
    const url = redis.url.replace('redis://', 'rediss://');
    const r = await timed(
      runDistributedMonteCarlo({ ...book, connection: url, runId: runId(), connectTimeoutMs: 1500 }),
    );
    report('rediss:// to a plain server', r.ms, r.error);
    expect((r.error as DistributedRunError).code).toBe('connect');
    const o = await timed(
      runDistributedMonteCarlo({
        ...book,
        connection: { host: '127.0.0.1', port: redis.port, tls: true },
        runId: runId(),
        connectTimeoutMs: 1500,
      }),
    );
    report('{ tls: true } to a plain server', o.ms, o.error);
    expect((o.error as DistributedRunError).code).toBe('connect');
    expect(redisOptions({ host: 'h', port: 1, tls: { servername: 'redis.internal' } }).tls).toEqual({
      servername: 'redis.internal',
    });
    expect(() => redisOptions({ host: 'h', port: 1, tsl: true } as never)).toThrow(
      /connection\.tsl is not a field; did you mean tls\?/,
    );
    expect(() => redisOptions({ host: 'h', port: 1, tls: false } as never)).toThrow(RiskInputError);
  }, 30_000);

  it('Redis paused (SIGSTOP) mid-run and resumed in time: the run completes with the single-thread figures', async () => {
    const run = timed(
      runDistributedMonteCarlo({
        ...longBook,
        connection: redis.url,
        queue: 'faults',
        runId: runId(),
        shards: 16,
        timeoutMs: 30_000,
      }),
    );
    await new Promise((r) => setTimeout(r, 150));
    process.kill(redis.pid, 'SIGSTOP');
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(redis.pid, 'SIGCONT');
    const r = await run;
    report('Redis paused 1.5 s mid-run', r.ms, r.error);
    expect(r.error).toBeUndefined();
    expect(r.ms).toBeGreaterThan(1500); // the pause did land inside the run
    const want = combineShards([runShard(planShards({ ...longBook, shards: 1 })[0])], longBook.confidence);
    expect(r.value?.var).toBe(want.var);
    expect(r.value?.es).toBe(want.es);
    expect(r.value?.mean).toBe(want.mean);
    expect(r.value?.paths).toBe(longBook.totalPaths);
  }, 60_000);

  it('Redis paused past the run deadline: the run rejects (deadline) on time; the queue works after resuming', async () => {
    const run = timed(
      runDistributedMonteCarlo({
        ...longBook,
        connection: redis.url,
        queue: 'faults',
        runId: runId(),
        shards: 16,
        timeoutMs: 2000,
      }),
    );
    await new Promise((r) => setTimeout(r, 100));
    process.kill(redis.pid, 'SIGSTOP');
    const r = await run;
    process.kill(redis.pid, 'SIGCONT');
    report('Redis paused past a 2000 ms deadline', r.ms, r.error);
    expect((r.error as DistributedRunError).code).toBe('deadline');
    expect(r.ms).toBeLessThan(2000 + 2500);
    const again = await runDistributedMonteCarlo({
      ...book,
      connection: redis.url,
      queue: 'faults',
      runId: runId(),
      shards: 4,
      timeoutMs: 20_000,
    });
    expect(again.var).toBe(single.var);
  }, 60_000);

  it('a malformed job pushed straight into the queue fails for good instead of staying active; the queue goes on', async () => {
    const q = new Queue('faults', { connection: redisOptions(redis.url) });
    try {
      await worker.worker.pause();
      const job = await q.add('mc-shard', { placeholder: true }, { jobId: 'raw-1' });
      const client = await q.client;
      await client.hset(`bull:faults:${job.id}`, { data: '{not json' });
      const t0 = performance.now();
      worker.worker.resume();
      let state = await q.getJobState('raw-1');
      while (state !== 'failed' && performance.now() - t0 < 10_000) {
        await new Promise((r) => setTimeout(r, 50));
        state = await q.getJobState('raw-1');
      }
      const failedReason = await client.hget(`bull:faults:${job.id}`, 'failedReason');
      report('malformed job', performance.now() - t0, new Error(failedReason ?? state));
      expect(state).toBe('failed');
      expect(failedReason).toMatch(/not JSON/);
      const r = await runDistributedMonteCarlo({
        ...book,
        connection: redis.url,
        queue: 'faults',
        runId: runId(),
        shards: 3,
        timeoutMs: 20_000,
      });
      expect(r.var).toBe(single.var);
    } finally {
      await q.close();
    }
  }, 60_000);

  it('a margin sweep against an unreachable server ends within its connection deadline', async () => {
    const port = await freePort();
    const t0 = performance.now();
    let error: unknown;
    try {
      for await (const _ of marginSweep({
        connection: `redis://127.0.0.1:${port}`,
        sweepId: 'nowhere',
        accounts: [],
        market: book.market,
        connectTimeoutMs: 1000,
      })) {
        /* nothing arrives */
      }
    } catch (e) {
      error = e;
    }
    report('margin sweep, unreachable Redis', performance.now() - t0, error);
    expect((error as DistributedRunError).code).toBe('connect');
  }, 30_000);

  it('Redis killed mid-run: the run rejects within its deadline with the connection error', async () => {
    const victim = await startRedisServer();
    const w = await startRiskWorker({ connection: victim.url, queue: 'victim' });
    // the worker takes no job, so the kill always lands after the shards are queued and before they are all done
    await w.worker.pause();
    try {
      const run = timed(
        runDistributedMonteCarlo({
          ...book,
          totalPaths: 2_000_000,
          connection: victim.url,
          queue: 'victim',
          runId: runId(),
          shards: 16,
          timeoutMs: 3000,
        }),
      );
      await new Promise((r) => setTimeout(r, 300));
      process.kill(victim.pid, 'SIGKILL');
      const r = await run;
      report('Redis killed mid-run (timeoutMs 3000)', r.ms, r.error);
      expect(r.error, `${String(r.error)} after ${r.ms} ms`).toBeInstanceOf(DistributedRunError);
      expect((r.error as DistributedRunError).code).toBe('deadline');
      expect((r.error as Error).message).toMatch(/ECONNREFUSED|Connection is closed|ECONNRESET/);
      expect(r.ms).toBeLessThan(3000 + 2500);
    } finally {
      // the worker's server is gone: close it within a bounded time (graceful, then cut off)
      await closeClients([w.worker]);
      await victim.stop();
    }
  }, 60_000);

  it('refuses unknown fields and unrepresentable deadlines up front', async () => {
    await expect(
      runDistributedMonteCarlo({ ...book, connection: redis.url, runId: 'x', timeoutMs: 1e308 }),
    ).rejects.toMatchObject({ path: 'input.timeoutMs' });
    await expect(
      runDistributedMonteCarlo({ ...book, connection: redis.url, runId: 'x', timeoutMS: 10 } as never),
    ).rejects.toThrow(/input\.timeoutMS is not a field; did you mean timeoutMs\?/);
    await expect(startRiskWorker({ connection: redis.url, concurency: 2 } as never)).rejects.toThrow(
      /did you mean concurrency\?/,
    );
  });
});
