/**
 * Workload 'distributed': riskcore/distributed on a local redis-server with real `riskcore-worker` processes.
 * - margin sweep throughput (accounts/s, 'cross' method, small accounts of 3–4 positions, batches of 500) with 1 and
 *   2 worker processes, answers consumed in order by this process;
 * - Monte Carlo paths/s over 1 and 2 worker processes (10⁷ paths, quick 2·10⁶, mixed BTC/ETH book with delta-gamma
 *   options, shards of 2²⁰ paths);
 * - the same work in this process without the queue (accountMargin loop; one runShard over all paths), as baselines;
 * - queue overhead per shard: a run of 64 one-substream shards (4096 paths of one spot position, ~0.1 ms of
 *   compute each) on 1 worker, wall time per shard minus the shard's own compute.
 * Starts its own redis-server; skips with a message if there is none.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { medianSeconds, type BenchRecord, type Workload } from '../harness.js';
import { marginSweep, runDistributedMonteCarlo, startRedisServer } from '../../packages/distributed/src/index.js';
import { combineShards, planShards, runShard } from '../../src/montecarlo/index.js';
import { accountMargin, prepareMargin } from '../../src/netting/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function startWorker(url: string, queue: string): Promise<ChildProcess> {
  const p = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'packages/distributed/src/workerMain.ts'), '--redis', url, '--queue', queue],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((res, rej) => {
    let out = '';
    p.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) res(p);
    });
    p.once('exit', (code) => rej(new Error(`riskcore-worker exited with ${code} before ready`)));
  });
}

async function stop(ps: ChildProcess[]): Promise<void> {
  await Promise.all(
    ps.map(
      (p) =>
        new Promise<void>((res) => {
          if (p.exitCode !== null) return res();
          p.once('exit', () => res());
          p.kill('SIGTERM');
        }),
    ),
  );
}

const MARKET = { assets: { BTC: { price: 60000, vol: 0.55 }, ETH: { price: 3000, vol: 0.7 } }, rate: 0.04 };
function account(i: number) {
  const positions: Record<string, unknown>[] = [
    { kind: 'perp', underlying: 'BTC', quantity: ((i % 13) - 6) / 10 },
    { kind: 'spot', underlying: 'ETH', quantity: (i % 7) + 1 },
    {
      kind: 'option',
      underlying: 'ETH',
      type: i % 2 ? 'call' : 'put',
      strike: 2500 + 100 * (i % 10),
      expiry: 0.02 + (i % 4) * 0.05,
      quantity: -((i % 5) + 1),
    },
  ];
  if (i % 3 === 0)
    positions.push({ kind: 'perp', underlying: 'BTC', quantity: 5000 * ((i % 5) - 2), settlement: 'inverse' });
  return { id: `acct-${i}`, collateral: [{ asset: 'USDC', amount: String(2000 + (i % 97) * 1000) }], positions };
}
const BOOK = {
  positions: [
    { kind: 'spot' as const, underlying: 'BTC', quantity: 2 },
    { kind: 'perp' as const, underlying: 'ETH', quantity: 25 },
    { kind: 'option' as const, underlying: 'BTC', quantity: -3, type: 'call' as const, strike: 65000, expiry: 0.25 },
    { kind: 'option' as const, underlying: 'ETH', quantity: 40, type: 'put' as const, strike: 2800, expiry: 0.1 },
  ],
  market: {
    assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.8 } },
    correlation: {
      assets: ['BTC', 'ETH'],
      matrix: [
        [1, 0.7],
        [0.7, 1],
      ],
    },
  },
  options: { horizon: 1 / 365, seed: 5, mode: 'delta-gamma' as const },
};

const workload: Workload = {
  name: 'distributed',
  loader: 'tsx', // its workers load the TypeScript sources
  throughputKey: 'accounts_per_s',
  async run(ctx) {
    if (spawnSync('redis-server', ['--version']).status !== 0) {
      console.warn('bench distributed: redis-server not found, skipped');
      return [];
    }
    const redis = await startRedisServer();
    const recs: BenchRecord[] = [];
    let runNo = 0;
    try {
      const n = ctx.quick ? 20_000 : 100_000;
      const accounts = Array.from({ length: n }, (_, i) => account(i));
      const paths = ctx.quick ? 2_000_000 : 10_000_000;
      // baselines in this process, no queue: accountMargin over the same accounts, one runShard over all paths
      const shared = prepareMargin(MARKET);
      const local = await medianSeconds(
        () => {
          for (const a of accounts) accountMargin(a as never, shared, undefined, { method: 'cross' });
        },
        { iterations: ctx.quick ? 1 : 3, warmup: 1 },
      );
      recs.push({
        workload: 'distributed',
        threads: 1,
        mode: 'margin-in-process',
        accounts: n,
        seconds: local,
        accounts_per_s: n / local,
      });
      const one = planShards({ ...BOOK, totalPaths: paths, confidence: 0.99, shards: 1 })[0];
      let v1 = 0;
      const localMc = await medianSeconds(
        () => {
          v1 = combineShards([runShard(one)], 0.99).var;
        },
        { iterations: ctx.quick ? 1 : 3, warmup: 1 },
      );
      recs.push({
        workload: 'distributed',
        threads: 1,
        mode: 'monte-carlo-in-process',
        throughput_key: 'paths_per_s',
        paths,
        seconds: localMc,
        paths_per_s: paths / localMc,
        var: v1,
      });
      for (const w of [1, 2]) {
        const queue = `bench-${w}`;
        const procs = await Promise.all(Array.from({ length: w }, () => startWorker(redis.url, queue)));
        try {
          let answered = 0;
          const seconds = await medianSeconds(
            async () => {
              answered = 0;
              for await (const a of marginSweep({
                connection: redis.url,
                queue,
                sweepId: `sweep-${w}`,
                accounts,
                market: MARKET,
                method: 'cross',
              }))
                if (a.ok) answered++;
            },
            { iterations: ctx.quick ? 1 : 3, warmup: 1 },
          );
          recs.push({
            workload: 'distributed',
            threads: w,
            mode: 'margin-sweep',
            accounts: n,
            batch: 500,
            seconds,
            accounts_per_s: n / seconds,
            answered,
          });
          let v = 0;
          const mcSeconds = await medianSeconds(
            async () => {
              const r = await runDistributedMonteCarlo({
                ...BOOK,
                connection: redis.url,
                queue,
                runId: `mc-${runNo++}`,
                totalPaths: paths,
                confidence: 0.99,
              });
              v = r.var;
            },
            { iterations: ctx.quick ? 1 : 3, warmup: 1 },
          );
          recs.push({
            workload: 'distributed',
            threads: w,
            mode: 'monte-carlo',
            throughput_key: 'paths_per_s',
            paths,
            seconds: mcSeconds,
            paths_per_s: paths / mcSeconds,
            var: v,
          });
        } finally {
          await stop(procs);
        }
      }
      // queue overhead per shard: 64 one-substream shards of a one-position book on one worker
      const tiny = {
        positions: [{ kind: 'spot' as const, underlying: 'BTC', quantity: 1 }],
        market: { assets: { BTC: { price: 60000, vol: 0.6 } } },
        options: { horizon: 1 / 365, seed: 1 },
      };
      const S = 64;
      const job = planShards({ ...tiny, totalPaths: 4096 * S, confidence: 0.99, shards: S })[0];
      const compute = await medianSeconds(() => runShard(job), { quick: ctx.quick });
      const procs = [await startWorker(redis.url, 'bench-tiny')];
      try {
        const seconds = await medianSeconds(
          () =>
            runDistributedMonteCarlo({
              ...tiny,
              connection: redis.url,
              queue: 'bench-tiny',
              runId: `tiny-${runNo++}`,
              totalPaths: 4096 * S,
              confidence: 0.99,
              shards: S,
            }),
          { iterations: ctx.quick ? 3 : 7, warmup: 1 },
        );
        recs.push({
          workload: 'distributed',
          threads: 1,
          mode: 'shard-overhead',
          throughput_key: 'shards_per_s',
          shards_per_s: S / seconds,
          shards: S,
          seconds,
          shard_compute_ms: compute * 1e3,
          overhead_ms_per_shard: (seconds / S - compute) * 1e3,
        });
      } finally {
        await stop(procs);
      }
    } finally {
      await redis.stop();
    }
    return recs;
  },
};

export default workload;
