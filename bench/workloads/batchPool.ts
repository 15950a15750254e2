/**
 * Workload 'batch-pool': the greeks and implied-vol batches of 1,000,000 rows (inputs of the 'greeks' workload, on
 * SharedArrayBuffers) on a warm `riskcore/montecarlo/node` pool of the built package's workers
 * (`pool.optionGreeksBatch`, `pool.impliedVolBatch`, columns read and written in place), against the single-thread
 * call in this thread. Each thread count gets its tinybench median; with 1 and N threads both asked for,
 * `speedup_vs_1thread` is the median over rounds of (1-thread block median)/(pool block median), as in the Monte
 * Carlo workloads (runExact in mcBooks.ts), and `identical` records that the pool's figures equal the single call's.
 */
import { loadavg } from 'node:os';
import { medianSeconds, type BenchRecord, type Workload } from '../harness.js';
import { impliedVolBatch, optionGreeksBatch, type GreeksColumns } from '../../src/greeks/index.js';
import { greeksInputs } from './greeks.js';
import { builtNodeEntry } from './mcBooks.js';

const shared = (a: Float64Array) => {
  const s = new Float64Array(new SharedArrayBuffer(a.byteLength));
  s.set(a);
  return s;
};
const NAMES = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho', 'vanna', 'volga', 'charm'] as const;
const outputs = (n: number) =>
  Object.fromEntries(NAMES.map((k) => [k, new Float64Array(new SharedArrayBuffer(8 * n))])) as unknown as GreeksColumns;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const equal = (a: Float64Array, b: Float64Array) => a.every((x, i) => Object.is(x, b[i]));

const workload: Workload = {
  name: 'batch-pool',
  throughputKey: 'sets_per_s',
  async run(ctx) {
    const n = 1_000_000;
    const inp = greeksInputs(n);
    const isCall = new Uint8Array(new SharedArrayBuffer(n));
    isCall.set(inp.isCall);
    const base = { spot: shared(inp.spot), strike: shared(inp.strike), expiry: shared(inp.expiry) };
    const rest = { rate: shared(inp.rate), dividendYield: shared(inp.dividendYield), isCall };
    const gCols = { ...base, vol: shared(inp.vol), ...rest };
    const one = outputs(n);
    const par = outputs(n);
    optionGreeksBatch(gCols, one);
    const ivCols = { ...base, ...rest, price: one.price };
    const ivOne = new Float64Array(new SharedArrayBuffer(8 * n));
    const ivPar = new Float64Array(new SharedArrayBuffer(8 * n));
    const { createMonteCarloPool } = await builtNodeEntry();
    const recs: BenchRecord[] = [];
    const kinds = [
      { mode: 'greeks, pool (shared columns)', key: 'sets_per_s', single: () => optionGreeksBatch(gCols, one) },
      { mode: 'implied vol, pool (shared columns)', key: 'ivs_per_s', single: () => impliedVolBatch(ivCols, ivOne) },
    ] as const;
    for (const threads of ctx.threads) {
      const pool = threads > 1 ? createMonteCarloPool({ threads }) : undefined;
      try {
        for (const [i, k] of kinds.entries()) {
          const onPool = pool
            ? i === 0
              ? () => pool.optionGreeksBatch(gCols, par)
              : () => pool.impliedVolBatch(ivCols, ivPar)
            : k.single;
          const opts = { quick: ctx.quick, warmup: ctx.quick ? 2 : 4, iterations: ctx.quick ? 3 : 9 };
          const seconds = await medianSeconds(onPool, opts);
          const rec: BenchRecord = {
            workload: 'greeks',
            threads,
            mode: k.mode,
            throughput_key: k.key,
            rows: n,
            seconds,
          };
          rec[k.key] = n / seconds;
          if (pool) {
            k.single();
            rec.identical = i === 0 ? NAMES.every((g) => equal(par[g], one[g])) : equal(ivPar, ivOne);
            const ratios: number[] = [];
            for (let r = 0; r < (ctx.quick ? 2 : 5); r++) {
              const block = { iterations: ctx.quick ? 2 : 3, warmup: 1 };
              ratios.push((await medianSeconds(k.single, block)) / (await medianSeconds(onPool, block)));
            }
            rec.speedup_vs_1thread = Number(median(ratios).toFixed(3));
            rec.speedup_rounds = ratios.map((x) => x.toFixed(2)).join(' ');
          }
          rec.loadavg_1m = loadavg()[0];
          recs.push(rec);
        }
      } finally {
        await pool?.destroy();
      }
    }
    return recs;
  },
};
export default workload;
