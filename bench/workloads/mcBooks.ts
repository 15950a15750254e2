/**
 * Shared by the Monte Carlo workloads ('linear', 'options', 'memory'; 'variance' uses the books): the two books of
 * numpy_reference.py, replicated exactly, and the exact-revaluation runner — one thread in process, more on a warm
 * tinypool pool of the BUILT package's workers (dist/montecarlo/node, rebuilt with tsdown when older than the
 * sources), so worker start-up and JIT warm-up are paid once per workload, not per measured run.
 * Not a workload itself (no default export).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchContext, BenchRecord } from '../harness.js';
import { medianSeconds } from '../harness.js';
import type { Market, Position } from '../../src/core/model.js';
import { simulatePnL, TailBuffer, tailCapacity, tailVaRES } from '../../src/montecarlo/index.js';
import type { ModelOptions, SimulationOptions } from '../../src/montecarlo/index.js';

export const linspace = (a: number, b: number, n: number) =>
  Array.from({ length: n }, (_, i) => (n === 1 ? a : a + ((b - a) * i) / (n - 1)));
export const corr = (n: number, rho: number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 1 : rho)));

export const H = 1 / 365;
export type McBook = { positions: Position[]; market: Market; model: ModelOptions };

/**
 * 'linear': 20 assets, vols linspace(0.4, 0.9) annual, ρ = 0.5, exposures linspace(−1e6, 2e6) USD,
 * P&L = Σ expo·expm1(σ√h·(Lz)) — spot holdings of expo units at price 1 with drift σ²/2 (so the log-return is
 * exactly σ√h·(Lz), as numpy's).
 */
export function linearBook(): {
  positions: Position[];
  market: Market;
  model: Pick<SimulationOptions, 'horizon' | 'drift'>;
} {
  const n = 20;
  const vol = linspace(0.4, 0.9, n);
  const expo = linspace(-1e6, 2e6, n);
  const names = vol.map((_, i) => `A${i}`);
  const assets: Market['assets'] = {};
  const drift: Record<string, number> = {};
  names.forEach((u, i) => {
    assets[u] = { price: 1, vol: vol[i] };
    drift[u] = 0.5 * vol[i] * vol[i];
  });
  const positions: Position[] = names.map((u, i) => ({ kind: 'spot', underlying: u, quantity: expo[i] }));
  return {
    positions,
    market: { assets, correlation: { assets: names, matrix: corr(n, 0.5) } },
    model: { horizon: H, drift },
  };
}

/**
 * 'options': 5 underlyings S0 = linspace(100, 3000), vols linspace(0.5, 0.9), ρ = 0.6; 200 European calls, option m on
 * underlying m % 5, strike S0·linspace(0.7, 1.3, 200)[m], expiry linspace(7, 180, 200)[m]/365 days, quantity −10
 * when m % 3 = 0 else 5, implied vol = the underlying's vol, r = 0; lognormal 1-day move with −σ²h/2 drift.
 */
export function optionsBook(): { positions: Position[]; market: Market; model: Pick<SimulationOptions, 'horizon'> } {
  const k = 5;
  const m = 200;
  const S0 = linspace(100, 3000, k);
  const vol = linspace(0.5, 0.9, k);
  const mult = linspace(0.7, 1.3, m);
  const T = linspace(7, 180, m).map((d) => d / 365);
  const names = S0.map((_, i) => `U${i}`);
  const assets: Market['assets'] = {};
  names.forEach((u, i) => (assets[u] = { price: S0[i], vol: vol[i] }));
  const positions: Position[] = [];
  for (let i = 0; i < m; i++) {
    const a = i % k;
    positions.push({
      kind: 'option',
      type: 'call',
      underlying: names[a],
      quantity: i % 3 === 0 ? -10 : 5,
      strike: S0[a] * mult[i],
      expiry: T[i],
    });
  }
  return {
    positions,
    market: { assets, rate: 0, correlation: { assets: names, matrix: corr(k, 0.6) } },
    model: { horizon: H },
  };
}

type NodeEntry = typeof import('../../src/montecarlo/node/index.js');
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function newestMtime(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return t;
}

/** The built `riskcore/montecarlo/node` (rebuilt first when missing or older than src/montecarlo and src/core). */
export async function builtNodeEntry(): Promise<NodeEntry> {
  const entry = join(root, 'dist', 'montecarlo', 'node', 'index.js');
  const worker = join(root, 'dist', 'montecarlo', 'node', 'worker.js');
  const srcTime = Math.max(newestMtime(join(root, 'src', 'montecarlo')), newestMtime(join(root, 'src', 'core')));
  if (!existsSync(entry) || !existsSync(worker) || statSync(worker).mtimeMs < srcTime) {
    console.error('bench: building the package (dist/montecarlo/node is missing or older than the sources)');
    execFileSync('npx', ['tsdown', '--log-level', 'error'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return (await import(pathToFileURL(entry).href)) as NodeEntry;
}

/** Median of a non-empty list. */
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Exact-revaluation runs at 99% VaR/ES: threads 1 is `simulatePnL` + a tail buffer in this thread; more threads run
 * on one warm pool of built workers (default scheduling: the workers claim 4096-path blocks). Every record carries the 1-minute load average
 * (the machine is shared: 2 threads cannot scale on a loaded box).
 *
 * Each thread count first gets its own tinybench median (`seconds`, `paths_per_s`). When 1 thread and more are both
 * asked for, the speedup is then measured in ROUNDS: a block of 1-thread runs, then a block of N-thread runs
 * (each block a tinybench median of perBlock runs after one warm-up run that switches over), and `speedup_vs_1thread` is the median over
 * the rounds of (1-thread block median)/(N-thread block median); `speedup_rounds` lists them and
 * `speedup_of_medians` is the ratio of the two tinybench medians. Why: this VM's cores lose ~30–50% of their
 * throughput for stretches of 0.1–1 s at a time (a compiled C loop shows it too), so two medians taken several
 * seconds apart can sit in different stretches (their ratio moved between 1.1 and 2.1 on unchanged code), while a
 * round's two blocks are ~2 s apart. Runs are not alternated one by one: a pool run right after a 1-thread run was
 * 10–25% slower than in a series (129–208 ms against a 122 ms series median, options book), which is not what a
 * service calling a warm pool sees.
 */
export async function runExact(name: string, book: McBook, paths: number, ctx: BenchContext): Promise<BenchRecord[]> {
  const out: BenchRecord[] = [];
  let res = { var: NaN, es: NaN };
  const oneThread = () => {
    const pnl = simulatePnL(book.positions, book.market, { ...book.model, paths, seed: 7 });
    const tb = new TailBuffer(tailCapacity(paths, 0.99));
    tb.pushPnL(pnl);
    res = tailVaRES(tb, paths, 0.99);
  };
  const input = {
    positions: book.positions,
    market: book.market,
    options: { ...book.model, seed: 7 },
    totalPaths: paths,
    confidence: 0.99,
  };
  const pools = new Map<number, Awaited<ReturnType<typeof createPool>>>();
  async function createPool(threads: number) {
    const { createMonteCarloPool } = await builtNodeEntry();
    return createMonteCarloPool({ threads });
  }
  try {
    for (const threads of ctx.threads) if (threads > 1) pools.set(threads, await createPool(threads));
    // V8 needs ~4–5 runs of the options book to settle its tiers (single-thread runs measured 350, 328, 323, 287,
    // then 233–235 ms), so 2 warm-up runs left unsettled runs in the median; 5 warm-ups, 11 measured runs.
    const iterations = ctx.quick ? 3 : 11;
    const warmup = ctx.quick ? 2 : 5;
    const medians = new Map<number, number>();
    for (const threads of ctx.threads) {
      const pool = pools.get(threads);
      const seconds = await medianSeconds(
        pool
          ? async () => {
              res = await pool.run(input);
            }
          : oneThread,
        { quick: ctx.quick, iterations, warmup },
      );
      medians.set(threads, seconds);
      out.push({
        workload: name,
        threads,
        mode: 'exact',
        paths,
        seconds,
        paths_per_s: paths / seconds,
        var: res.var,
        es: res.es,
        ...(pool ? { workers: 'dist' } : {}),
        loadavg_1m: loadavg()[0],
      });
    }
    if (!medians.has(1)) return out;
    const rounds = ctx.quick ? 2 : 7;
    const perBlock = ctx.quick ? 2 : 4;
    for (const rec of out) {
      const pool = pools.get(rec.threads);
      if (!pool) continue;
      const ratios: number[] = [];
      for (let r = 0; r < rounds; r++) {
        // each block: one untimed run to switch over (tinybench's warm-up), then perBlock timed runs
        const block = { iterations: perBlock, warmup: 1 };
        const one = await medianSeconds(oneThread, block);
        const many = await medianSeconds(async () => {
          res = await pool.run(input);
        }, block);
        ratios.push(one / many);
      }
      rec.speedup_vs_1thread = Number(median(ratios).toFixed(3));
      rec.speedup_rounds = ratios.map((x) => x.toFixed(2)).join(' ');
      rec.speedup_of_medians = Number(((medians.get(1) as number) / rec.seconds).toFixed(3));
      rec.loadavg_1m = loadavg()[0];
    }
  } finally {
    await Promise.all([...pools.values()].map((p) => p.destroy()));
  }
  return out;
}
