/** 'linear' exactly as numpy_reference.py: 20 assets, ρ 0.5, 1,000,000 paths, 1-day, 99% VaR/ES. Also the shared runner. */
import type { BenchContext, BenchRecord, Workload } from '../harness.js';
import { medianSeconds } from '../harness.js';
import type { Market, Position } from '../../src/core/model.js';
import { simulatePnL, TailBuffer, tailCapacity, tailVaRES } from '../../src/montecarlo/index.js';
import type { ModelOptions, SimulationOptions } from '../../src/montecarlo/index.js';
import { simulateParallel } from '../../src/montecarlo/node/index.js';

export const linspace = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => (n === 1 ? a : a + ((b - a) * i) / (n - 1)));
export const corr = (n: number, rho: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 1 : rho)));

export const H = 1 / 365;

/**
 * 'linear': 20 assets, vols linspace(0.4, 0.9) annual, ρ = 0.5, exposures linspace(−1e6, 2e6) USD,
 * P&L = Σ expo·expm1(σ√h·(Lz)) — spot holdings of expo units at price 1 with drift σ²/2 (so the log-return is
 * exactly σ√h·(Lz), as numpy's).
 */
export function linearBook(): { positions: Position[]; market: Market; model: Pick<SimulationOptions, 'horizon' | 'drift'> } {
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
  return { positions, market: { assets, correlation: { assets: names, matrix: corr(n, 0.5) } }, model: { horizon: H, drift } };
}

/** Exact-revaluation runs (1 thread in process, more through the worker pool), 99% VaR/ES. */
export async function runExact(name: string, book: { positions: Position[]; market: Market; model: ModelOptions }, paths: number, ctx: BenchContext): Promise<BenchRecord[]> {
  const out: BenchRecord[] = [];
  for (const threads of ctx.threads) {
    let res = { var: NaN, es: NaN };
    let seconds: number;
    if (threads === 1) {
      seconds = await medianSeconds(() => {
        const pnl = simulatePnL(book.positions, book.market, { ...book.model, paths, seed: 7 });
        const tb = new TailBuffer(tailCapacity(paths, 0.99));
        tb.pushPnL(pnl);
        res = tailVaRES(tb, paths, 0.99);
      }, { quick: ctx.quick, iterations: ctx.quick ? 2 : 5, warmup: 1 });
    } else {
      seconds = await medianSeconds(async () => {
        res = await simulateParallel({ positions: book.positions, market: book.market, options: { ...book.model, seed: 7 }, totalPaths: paths, confidence: 0.99, threads });
      }, { quick: ctx.quick, iterations: ctx.quick ? 2 : 5, warmup: 1 });
    }
    out.push({ workload: name, threads, mode: 'exact', paths, seconds, paths_per_s: paths / seconds, var: res.var, es: res.es });
  }
  return out;
}

const w: Workload = {
  name: 'linear',
  numpy: 'linear',
  throughputKey: 'paths_per_s',
  run: (ctx) => runExact('linear', linearBook(), 1_000_000, ctx),
};
export default w;
