/// <reference types="node" />
/**
 * riskcore/distributed against a real redis-server and real worker processes: a 10⁷-path run over 4 workers equals
 * the single-thread run exactly, also when a worker is SIGKILLed holding a shard; resubmitting a run id adds no
 * job; a 100,000-account margin sweep over 2 workers answers every account once, in order, as accountMargin does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job, Queue, QueueEvents } from 'bullmq';
import { marginSweep, runDistributedMonteCarlo, startRedisServer } from '../../packages/distributed/src/index.js';
import type { LocalRedis, SweepAnswer } from '../../packages/distributed/src/index.js';
import { redisOptions } from '../../packages/distributed/src/connection.js';
import { combineShards, planShards, runShard } from '../../src/montecarlo/index.js';
import { accountMargin, prepareMargin } from '../../src/netting/index.js';
import { mixedBook, redisAvailable, spawnWorker, stopWorker, sweepAccount, sweepMarket } from './cluster.js';
import type { WorkerProc } from './cluster.js';

const hasRedis = redisAvailable();
const TOTAL = 10_000_000;
const CONF = 0.99;
// small lock and stall intervals so a dead worker's shard is picked up in seconds; shards run ~0.3 s here
const WORKER_ARGS = ['--lock-duration', '2000', '--stalled-interval', '1000'];

async function jobCount(url: string, queue: string): Promise<number> {
  const q = new Queue(queue, { connection: redisOptions(url) });
  try {
    const c = await q.getJobCounts(
      'completed',
      'failed',
      'active',
      'wait',
      'delayed',
      'paused',
      'prioritized',
      'waiting-children',
    );
    return Object.values(c).reduce((a, b) => a + b, 0);
  } finally {
    await q.close();
  }
}

describe.skipIf(!hasRedis)('riskcore/distributed on redis-server with worker processes', () => {
  let redis: LocalRedis;
  let workers: WorkerProc[] = [];
  let single: ReturnType<typeof combineShards>;

  beforeAll(async () => {
    redis = await startRedisServer();
    const started = Promise.all(
      Array.from({ length: 4 }, () => spawnWorker(redis.url, ['--queue', 'mc', ...WORKER_ARGS])),
    );
    // the single-thread reference: one runShard over all 10⁷ paths
    single = combineShards(
      [runShard(planShards({ ...mixedBook, totalPaths: TOTAL, confidence: CONF, shards: 1 })[0])],
      CONF,
    );
    workers = await started;
  });

  afterAll(async () => {
    await Promise.all(
      workers.map((w) => {
        w.proc.kill('SIGKILL');
        return w.exited;
      }),
    );
    await redis?.stop();
  });

  it('a 10⁷-path run over 4 worker processes has the single-thread VaR and ES exactly', async () => {
    const progress: number[] = [];
    const r = await runDistributedMonteCarlo({
      ...mixedBook,
      connection: redis.url,
      queue: 'mc',
      runId: 'big',
      totalPaths: TOTAL,
      confidence: CONF,
      shards: 16,
      onProgress: (done, total) => {
        expect(total).toBe(16);
        progress.push(done);
      },
    });
    expect(r.shards).toBe(16);
    expect(r.paths).toBe(TOTAL);
    expect(r.var).toBe(single.var);
    expect(r.es).toBe(single.es);
    expect(r.mean).toBeCloseTo(single.mean, 6);
    expect(r.std / single.std - 1).toBeLessThan(1e-12);
    expect(progress).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    // the work was spread: every worker ran at least one shard
    for (const w of workers) expect(w.lines.some((l) => /^end mc-shard big\.shard\.\d+ ok/.test(l))).toBe(true);
  });

  it('resubmitting the same run id adds no job and returns the same figures', async () => {
    const starts = () => workers.flatMap((w) => w.lines.filter((l) => l.startsWith('start mc-shard big.'))).length;
    const startsBefore = starts();
    const before = await jobCount(redis.url, 'mc');
    expect(before).toBe(16);
    const again = await runDistributedMonteCarlo({
      ...mixedBook,
      connection: redis.url,
      queue: 'mc',
      runId: 'big',
      totalPaths: TOTAL,
      confidence: CONF,
      shards: 16,
    });
    expect(await jobCount(redis.url, 'mc')).toBe(16);
    expect(again.var).toBe(single.var);
    expect(again.es).toBe(single.es);
    // no shard ran again (a shard can run twice in the first run, if a loaded machine delays a lock renewal)
    expect(starts()).toBe(startsBefore);
    // a different run under the same id is refused instead of mixed in
    await expect(
      runDistributedMonteCarlo({
        ...mixedBook,
        connection: redis.url,
        queue: 'mc',
        runId: 'big',
        totalPaths: TOTAL,
        confidence: CONF,
        shards: 8,
      }),
    ).rejects.toMatchObject({ name: 'RiskInputError', path: 'input.runId' });
  });

  it('a worker SIGKILLed while it holds a shard: the shard stalls, runs elsewhere, same VaR and ES', async () => {
    const events = new QueueEvents('mc', { connection: redisOptions(redis.url) });
    await events.waitUntilReady();
    const stalled: string[] = [];
    events.on('stalled', ({ jobId }) => stalled.push(jobId));
    let victim: WorkerProc | undefined;
    let victimJob = '';
    const killed = Promise.race(
      workers.map((w) => w.waitFor(/^start mc-shard kill\.shard\.\d+$/, 60_000).then((line) => ({ w, line }))),
    ).then(({ w, line }) => {
      victim = w;
      victimJob = line.split(' ')[2];
      w.proc.kill('SIGKILL');
    });
    const r = await runDistributedMonteCarlo({
      ...mixedBook,
      connection: redis.url,
      queue: 'mc',
      runId: 'kill',
      totalPaths: TOTAL,
      confidence: CONF,
      shards: 16,
      timeoutMs: 80_000,
    });
    await killed;
    expect(victim).toBeDefined();
    expect((await victim!.exited).signal).toBe('SIGKILL');
    expect(victim!.lines).not.toContain(`end mc-shard ${victimJob} ok`);
    expect(r.var).toBe(single.var);
    expect(r.es).toBe(single.es);
    expect(r.paths).toBe(TOTAL);
    expect(stalled).toContain(victimJob);
    // the shard was finished by another worker
    const finisher = workers
      .filter((w) => w !== victim)
      .find((w) => w.lines.some((l) => l.startsWith(`end mc-shard ${victimJob} ok`)));
    expect(finisher).toBeDefined();
    const q = new Queue('mc', { connection: redisOptions(redis.url) });
    const job = await Job.fromId(q, victimJob);
    expect(job?.stalledCounter).toBeGreaterThanOrEqual(1);
    await q.close();
    await events.close();
  });

  it('workers exit 0 on SIGTERM', async () => {
    const live = workers.filter((w) => w.proc.exitCode === null && w.proc.signalCode === null);
    expect(live.length).toBe(3);
    const exits = await Promise.all(live.map(stopWorker));
    for (const e of exits) expect(e).toEqual({ code: 0, signal: null });
    workers = [];
  });

  it('a 100,000-account sweep over 2 workers: each account answered once, in order, as accountMargin answers it', async () => {
    workers = await Promise.all([
      spawnWorker(redis.url, ['--queue', 'sweep', ...WORKER_ARGS]),
      spawnWorker(redis.url, ['--queue', 'sweep', ...WORKER_ARGS]),
    ]);
    const N = 100_000;
    const bad: Record<number, { patch: (a: Record<string, unknown>) => void; path: string }> = {
      17: {
        patch: (a) => {
          (a.positions as Record<string, unknown>[])[2].strike = -5;
        },
        path: 'accounts[17].positions[2].strike',
      },
      50000: {
        patch: (a) => {
          (a.positions as Record<string, unknown>[])[0].underlying = 'DOGE';
        },
        path: 'accounts[50000].positions[0].underlying',
      },
      99999: {
        patch: (a) => {
          (a.collateral as Record<string, unknown>[])[0].amount = '-1';
        },
        path: 'accounts[99999].collateral[0].amount',
      },
    };
    const account = (i: number) => {
      const a = sweepAccount(i);
      bad[i]?.patch(a);
      return a;
    };
    function* accounts() {
      for (let i = 0; i < N; i++) yield account(i);
    }
    const ctx = prepareMargin(sweepMarket);
    let next = 0;
    let same = 0;
    const errors: SweepAnswer[] = [];
    for await (const a of marginSweep({
      connection: redis.url,
      queue: 'sweep',
      sweepId: 's100k',
      accounts: accounts(),
      market: sweepMarket,
      method: 'cross',
      batchSize: 1000,
    })) {
      expect(a.index).toBe(next);
      expect(a.id).toBe(`acct-${next}`);
      if (a.ok) {
        if (
          JSON.stringify(a.result) ===
          JSON.stringify(accountMargin(account(next) as never, ctx, undefined, { method: 'cross' }))
        )
          same++;
      } else errors.push(a);
      next++;
    }
    expect(next).toBe(N);
    expect(same).toBe(N - 3);
    expect(errors.map((e) => (e.ok ? '' : e.error.path))).toEqual([bad[17].path, bad[50_000].path, bad[99_999].path]);
    for (const e of errors) if (!e.ok) expect(e.error.name).toBe('RiskInputError');
    // accountMargin with its own context (no shared risk arrays) agrees too
    const fresh = JSON.stringify(accountMargin(account(12_345) as never, sweepMarket, undefined, { method: 'cross' }));
    expect(fresh).toBe(JSON.stringify(accountMargin(account(12_345) as never, ctx, undefined, { method: 'cross' })));
    // both workers took batches, answered batches were removed from Redis
    for (const w of workers)
      expect(w.lines.filter((l) => /^end margin-batch s100k\.batch\.\d+ ok/.test(l)).length).toBeGreaterThan(0);
    expect(await jobCount(redis.url, 'sweep')).toBe(0);
  });

  it('a JSONL sweep (portfolio method): blank lines skipped, a line that is not JSON fails that account only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'riskcore-sweep-'));
    try {
      const file = join(dir, 'accounts.jsonl');
      const lines: string[] = [];
      for (let i = 0; i < 1200; i++)
        lines.push(i === 17 ? '{"id": "acct-17", "positions": [' : JSON.stringify(sweepAccount(i)));
      lines.splice(5, 0, '', '   ');
      writeFileSync(file, `${lines.join('\n')}\n`);
      const ctx = prepareMargin(sweepMarket);
      const got: SweepAnswer[] = [];
      for await (const a of marginSweep({
        connection: redis.url,
        queue: 'sweep',
        sweepId: 'jsonl',
        accounts: { jsonl: file },
        market: sweepMarket,
        batchSize: 100,
        maxInFlight: 3,
      }))
        got.push(a);
      expect(got.map((a) => a.index)).toEqual(Array.from({ length: 1200 }, (_, i) => i));
      const a17 = got[17];
      expect(a17.ok).toBe(false);
      if (!a17.ok) {
        expect(a17.error.path).toBe('accounts[17]');
        expect(a17.error.message).toMatch(/^accounts\[17\] must be a JSON value.*line 20/);
      }
      for (const i of [0, 16, 18, 1199]) {
        const a = got[i];
        expect(a.ok && JSON.stringify(a.result)).toBe(JSON.stringify(accountMargin(sweepAccount(i) as never, ctx)));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an async source with bigint amounts; breaking out of the loop early stops cleanly', async () => {
    async function* source() {
      for (let i = 0; i < 5000; i++) {
        const a = sweepAccount(i);
        a.collateral = [{ asset: 'USDC', amount: BigInt(1_000_000 + i) * 10n ** 6n, decimals: 6 }];
        yield a;
      }
    }
    const ctx = prepareMargin(sweepMarket);
    let n = 0;
    for await (const a of marginSweep({
      connection: redis.url,
      queue: 'sweep',
      sweepId: 'async',
      accounts: source(),
      market: sweepMarket,
      method: 'standard',
      batchSize: 200,
    })) {
      const acc = sweepAccount(a.index);
      acc.collateral = [{ asset: 'USDC', amount: BigInt(1_000_000 + a.index) * 10n ** 6n, decimals: 6 }];
      expect(a.ok && JSON.stringify(a.result)).toBe(
        JSON.stringify(accountMargin(acc as never, ctx, undefined, { method: 'standard' })),
      );
      if (++n === 450) break;
    }
    expect(n).toBe(450);
  });

  it('a shard that fails for good rejects the run with its failedReason', async () => {
    const job = planShards({ ...mixedBook, totalPaths: 3 * 4096, confidence: CONF, shards: 3 })[1];
    const q = new Queue('sweep', { connection: redisOptions(redis.url) });
    // a corrupt job already sits under this run's id for shard 1: the run adopts it and fails with its reason
    await q.add('mc-shard', { ...job, paths: -1 }, { jobId: 'broken.shard.1', attempts: 3 });
    await q.add('no-such-job', {}, { jobId: 'odd', attempts: 3 });
    await expect(
      runDistributedMonteCarlo({
        ...mixedBook,
        connection: redis.url,
        queue: 'sweep',
        runId: 'broken',
        totalPaths: 3 * 4096,
        confidence: CONF,
        shards: 3,
      }),
    ).rejects.toThrow(
      /^job broken\.shard\.1 failed after 1 attempt\(s\): RiskInputError: job\.paths must be a finite integer >= 1, got -1/,
    );
    for (let i = 0; i < 100 && (await q.getJobState('odd')) !== 'failed'; i++)
      await new Promise((r) => setTimeout(r, 100));
    const odd = await Job.fromId(q, 'odd');
    expect(await odd?.getState()).toBe('failed');
    expect(odd?.attemptsMade).toBe(1);
    expect(odd?.failedReason).toMatch(/unknown job name "no-such-job"/);
    await q.close();
  });

  it('a bad market is refused before anything is queued; a dead queue times out', async () => {
    expect(() =>
      marginSweep({
        connection: redis.url,
        queue: 'sweep',
        sweepId: 'x',
        accounts: [],
        market: { assets: { BTC: { price: -1 } } } as never,
      }),
    ).toThrow(expect.objectContaining({ name: 'RiskInputError', path: 'market.assets.BTC.price' }));
    await expect(
      runDistributedMonteCarlo({
        ...mixedBook,
        connection: redis.url,
        queue: 'nobody-listens',
        runId: 'lonely',
        totalPaths: 4096,
        confidence: CONF,
        timeoutMs: 300,
      }),
    ).rejects.toThrow(/not done within 300 ms/);
    const empty: SweepAnswer[] = [];
    for await (const a of marginSweep({
      connection: redis.url,
      queue: 'sweep',
      sweepId: 'empty',
      accounts: [],
      market: sweepMarket,
    }))
      empty.push(a);
    expect(empty).toEqual([]);
  });
});
