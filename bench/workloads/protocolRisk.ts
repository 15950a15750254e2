/**
 * Workload 'protocol-risk': simulateProtocolRisk on a lending and perp book of one asset (ETH, GBM with Merton
 * jumps, hourly steps, price impact from a finite book, a one-round oracle lag and an insurance fund), 10,000 paths
 * × 2,000 accounts × 24 hourly steps (with --quick 500 paths):
 * - 'single-thread': simulateProtocolRisk in a fresh child process: wall time, CPU time, peak RSS (whole process,
 *   resourceUsage().maxRSS) and the V8 heap the run left committed (total_heap_size, the heap's high-water mark
 *   in practice: V8 gives committed pages back slowly);
 * - 'worker-threads': simulateProtocolRiskParallel on 2 threads, in a fresh child (RSS counts the workers too);
 * - 'bullmq': runDistributedProtocolRisk over 2 `riskcore-worker` processes on a local redis-server (skipped without
 *   one), 200 shards (50 paths each at full size), workers with a 120 s lock; its figures must equal the
 *   single-thread run's (checked);
 * - cost growth, modes 'scale: paths' (1k, 2.5k, 5k, 10k paths at 2,000 accounts; quick: 100–1,000) and
 *   'scale: accounts' (500, 1,000, 2,000 accounts at 1,000 paths; quick: 200): CPU microseconds per path-account
 *   of a single-thread child, rendered by bench/report.ts with the cost relative to the smallest size (1.00 = linear).
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { getHeapStatistics } from 'node:v8';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRecord, Workload } from '../harness.js';
import { runDistributedProtocolRisk, startRedisServer } from '../../packages/distributed/src/index.js';
import { simulateProtocolRiskParallel } from '../../src/montecarlo/node/index.js';
import { simulateProtocolRisk } from '../../src/stress/index.js';
import type { CascadeAccount, Protocol, ProtocolMarket, ProtocolRiskResult } from '../../src/stress/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHILD = 'RISKCORE_BENCH_PROTOCOL_RISK';
const STEPS = 24;

/**
 * `n` accounts: four in five borrow USDC against 1–23 ETH at a loan-to-value spread over [0.30, 0.78) (liquidation
 * threshold 0.8), one in five holds a long or short ETH perp on 12% cash margin (maintenance 5%).
 */
export function protocolBook(n: number): Protocol {
  const accounts: CascadeAccount[] = Array.from({ length: n }, (_, i) => {
    const id = `a${String(i).padStart(5, '0')}`;
    const eth = 1 + (i % 23);
    const ltv = 0.3 + 0.48 * (((i * 7919) % 1000) / 1000);
    return i % 5 === 4
      ? {
          id,
          cash: String(Math.round(eth * 2500 * 0.12)),
          perp: { size: String((i % 2 ? 1 : -1) * eth), entryPrice: '2500' },
        }
      : { id, collateral: String(eth), debt: String(Math.round(eth * 2500 * ltv)) };
  });
  return { accounts, params: { price: '2500', depth: '200000000', insuranceFund: '50000', oracle: { latency: 1 } } };
}
export const protocolMarket: ProtocolMarket = {
  assets: { ETH: { vol: 0.8, jumpIntensity: 20, jumpMean: -0.05, jumpVol: 0.05 } },
};
const runOptions = (paths: number) => ({ paths, steps: STEPS, dt: 1 / 8760, seed: 2026 });

/** Risk figures of a result, carried in each record. */
const figures = (r: ProtocolRiskResult) => ({
  mean_bad_debt: r.badDebt.mean.value,
  es99_bad_debt: r.badDebt.tail[0].es.value,
  p_any_liquidation: r.liquidations.probabilityAny.value,
});

/** In the child: one measured run, printed as one JSON line. */
async function child(spec: { mode: string; paths: number; accounts: number }): Promise<void> {
  const protocol = protocolBook(spec.accounts);
  const o = runOptions(spec.paths);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const threads = spec.mode === 'worker-threads' ? 2 : 1;
  const r =
    threads === 2
      ? await simulateProtocolRiskParallel(protocol, protocolMarket, { ...o, threads })
      : simulateProtocolRisk(protocol, protocolMarket, o);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rec: BenchRecord = {
    workload: 'protocol-risk',
    threads,
    mode: spec.mode,
    paths: spec.paths,
    accounts: spec.accounts,
    steps: STEPS,
    seconds,
    wall_seconds: Number(seconds.toFixed(2)),
    paths_per_s: spec.paths / seconds,
    cpu_seconds: Number(cpuSeconds.toFixed(2)),
    us_per_path_account: (cpuSeconds / (spec.paths * spec.accounts)) * 1e6,
    max_rss_mb: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
    heap_mb: Number((getHeapStatistics().total_heap_size / 2 ** 20).toFixed(1)),
    ...figures(r),
  };
  if (spec.mode.startsWith('scale: ')) rec.throughput_key = 'us_per_path_account';
  console.log(JSON.stringify(rec));
  if (threads === 2) process.exit(0); // the warm pool's idle workers are unref'd; exit without waiting on them
}

if (process.env[CHILD]) await child(JSON.parse(process.env[CHILD]));

/** Run one measurement in a fresh child process (so earlier runs and pools do not count in its memory). */
function measure(mode: string, paths: number, accounts: number): BenchRecord {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    encoding: 'utf8',
    env: { ...process.env, [CHILD]: JSON.stringify({ mode, paths, accounts }) },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  const rec = JSON.parse(out.trim().split('\n').pop() as string) as BenchRecord;
  console.error(
    `bench protocol-risk: ${mode}, ${paths} paths × ${accounts} accounts: ${rec.seconds.toFixed(1)} s, ${rec.max_rss_mb} MB RSS`,
  );
  return rec;
}

function startWorker(url: string, queue: string): Promise<ChildProcess> {
  const p = spawn(
    process.execPath,
    // a generous lock: a shard of 50 paths of this book takes 5–10 s of a loaded core
    [
      '--import',
      'tsx',
      join(root, 'packages/distributed/src/workerMain.ts'),
      '--redis',
      url,
      '--queue',
      queue,
      '--lock-duration',
      '120000',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((res, rej) => {
    let out = '';
    p.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) res(p);
    });
    p.once('exit', (code) => rej(new Error(`riskcore-worker exited with ${code} before ready`)));
  });
}

/** The same run over BullMQ with two worker processes; null without redis-server. */
async function overBullMQ(paths: number, accounts: number, single: BenchRecord): Promise<BenchRecord | null> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    console.warn('bench protocol-risk: redis-server not found, the BullMQ mode is skipped');
    return null;
  }
  const redis = await startRedisServer();
  const procs: ChildProcess[] = [];
  try {
    procs.push(...(await Promise.all([0, 1].map(() => startWorker(redis.url, 'bench-pr')))));
    const t0 = performance.now();
    const { shards, ...r } = await runDistributedProtocolRisk({
      connection: redis.url,
      queue: 'bench-pr',
      runId: `pr-${paths}-${accounts}`,
      protocol: protocolBook(accounts),
      market: protocolMarket,
      options: runOptions(paths),
      shardPaths: Math.max(1, Math.round(paths / 200)),
      timeoutMs: 4 * 3600 * 1000,
    });
    const seconds = (performance.now() - t0) / 1000;
    const f = figures(r);
    if (f.mean_bad_debt !== single.mean_bad_debt || f.es99_bad_debt !== single.es99_bad_debt)
      throw new Error('bench protocol-risk: the BullMQ run differs from the single-thread run');
    console.error(`bench protocol-risk: bullmq, 2 workers, ${paths} paths: ${seconds.toFixed(1)} s`);
    return {
      workload: 'protocol-risk',
      threads: 2,
      mode: 'bullmq',
      paths,
      accounts,
      steps: STEPS,
      shards,
      seconds,
      wall_seconds: Number(seconds.toFixed(2)),
      paths_per_s: paths / seconds,
      same_as_single_thread: true,
      ...f,
    };
  } finally {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((res) => {
            if (p.exitCode !== null) return res();
            p.once('exit', () => res());
            p.kill('SIGTERM');
          }),
      ),
    );
    await redis.stop();
  }
}

const workload: Workload = {
  name: 'protocol-risk',
  loader: 'tsx', // its workers load the TypeScript sources
  throughputKey: 'paths_per_s',
  async run(ctx) {
    const paths = ctx.quick ? 500 : 10_000;
    const accounts = 2000;
    const recs: BenchRecord[] = [];
    const single = measure('single-thread', paths, accounts);
    recs.push(single);
    const threads = measure('worker-threads', paths, accounts);
    if (threads.mean_bad_debt !== single.mean_bad_debt || threads.es99_bad_debt !== single.es99_bad_debt)
      throw new Error('bench protocol-risk: the worker-thread run differs from the single-thread run');
    recs.push({ ...threads, same_as_single_thread: true, speedup_vs_1thread: single.seconds / threads.seconds });
    const bull = await overBullMQ(paths, accounts, single);
    if (bull) recs.push({ ...bull, speedup_vs_1thread: single.seconds / bull.seconds });
    const scalePaths = ctx.quick ? [100, 250, 500, 1000] : [1000, 2500, 5000, 10_000];
    for (const p of scalePaths)
      recs.push(
        p === paths
          ? { ...single, mode: 'scale: paths', throughput_key: 'us_per_path_account' }
          : measure('scale: paths', p, accounts),
      );
    const atPaths = ctx.quick ? 200 : 1000;
    for (const a of [500, 1000, 2000]) recs.push(measure('scale: accounts', atPaths, a));
    return recs;
  },
};
export default workload;
