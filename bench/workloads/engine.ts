/**
 * Workload 'engine': the stateful margin engine of riskcore/engine on a book of delta-one accounts (env
 * `ENGINE_ACCOUNTS`, default 1,000,000): every account holds a BTC perp (linear), every other one an ETH perp,
 * every tenth a BTC spot holding, collateral in USD; method `'cross'`.
 * - `tick`: one BTC price tick re-margining every BTC-exposed account (CPU ms per tick, target ≤ 100 ms);
 * - `fill` / `pre-trade`: p50 and p99 CPU µs of one fill / pre-trade check on a random account;
 * - `pure baseline`: riskcore/netting `accountMargin` on the same accounts (µs per account, and the implied ms to
 *   re-margin every BTC account after a tick);
 * - `memory`: bytes per account of the columns (capacity), snapshot bytes per account.
 */
import { createMarginEngine } from '../../src/engine/index.js';
import { accountMargin } from '../../src/netting/index.js';
import type { BenchRecord, Workload } from '../harness.js';
import { cpuUs, percentiles } from './engineTiming.js';

const workload: Workload = {
  name: 'engine',
  throughputKey: 'accounts_per_s',
  async run(ctx) {
    const n = Number(process.env.ENGINE_ACCOUNTS ?? 1_000_000);
    const market = { assets: { BTC: { price: 60000 }, ETH: { price: 3000 } } };
    const engine = createMarginEngine(market, { method: 'cross' });
    const btcPerp = { kind: 'perp', underlying: 'BTC' } as const;
    const ethPerp = { kind: 'perp', underlying: 'ETH' } as const;
    let seed = 19;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const t0 = cpuUs();
    for (let i = 0; i < n; i++) {
      const account = `acc${i}`;
      engine.apply({ type: 'deposit', account, asset: 'USD', amount: String(2000 + Math.floor(rnd() * 20000)) });
      const q = Math.round((rnd() - 0.5) * 400) / 100 || 0.01;
      engine.apply({
        type: 'fill',
        account,
        instrument: btcPerp,
        quantity: q,
        price: 60000 + Math.round(rnd() * 600 - 300),
      });
      if (i % 2 === 0)
        engine.apply({
          type: 'fill',
          account,
          instrument: ethPerp,
          quantity: -q * 10,
          price: 3000 + Math.round(rnd() * 30 - 15),
        });
      if (i % 10 === 0)
        engine.apply({
          type: 'fill',
          account,
          instrument: { kind: 'spot', underlying: 'BTC' },
          quantity: 0.01,
          price: 60000,
        });
    }
    const loadS = (cpuUs() - t0) / 1e6;
    const recs: BenchRecord[] = [];
    const stats = engine.stats();
    // ticks: alternate ±0.1% so positions move both ways; CPU time per tick
    const ticks = ctx.quick ? 5 : 15;
    const tickCpu: number[] = [];
    let transitions = 0;
    for (let k = 0; k < ticks; k++) {
      const c0 = cpuUs();
      const r = engine.apply({ type: 'tick', underlying: 'BTC', price: k % 2 === 0 ? 59940 : 60060 });
      tickCpu.push((cpuUs() - c0) / 1000);
      transitions += r.transitions.length;
    }
    tickCpu.sort((a, b) => a - b);
    const tickMs = tickCpu[Math.floor(ticks / 2)];
    recs.push({
      workload: 'engine',
      threads: 1,
      mode: 'tick BTC (all BTC accounts)',
      accounts: n,
      seconds: tickMs / 1000,
      accounts_per_s: n / (tickMs / 1000),
      cpu_ms_per_tick: tickMs,
      max_cpu_ms_per_tick: tickCpu[ticks - 1],
      transitions_per_tick: transitions / ticks,
      load_cpu_s: loadS,
    });
    const runs = ctx.quick ? 2_000 : 20_000;
    const pick = (i: number): string => `acc${(i * 7919) % n}`;
    const fill = percentiles(
      (i) =>
        engine.apply({
          type: 'fill',
          account: pick(i),
          instrument: btcPerp,
          quantity: i % 2 === 0 ? 0.01 : -0.01,
          price: 60000,
        }),
      runs,
    );
    recs.push({
      workload: 'engine',
      threads: 1,
      mode: 'fill',
      accounts: n,
      seconds: fill.p50 / 1e6,
      p50_cpu_us: fill.p50,
      p99_cpu_us: fill.p99,
    });
    const order = { instrument: ethPerp, quantity: 0.5, price: 3000 };
    const pre = percentiles((i) => engine.preTrade(pick(i), order), runs);
    recs.push({
      workload: 'engine',
      threads: 1,
      mode: 'pre-trade',
      accounts: n,
      seconds: pre.p50 / 1e6,
      p50_cpu_us: pre.p50,
      p99_cpu_us: pre.p99,
    });
    // the pure function on the same accounts (the reference a stateless service would call per account)
    const sample = Math.min(n, ctx.quick ? 2_000 : 20_000);
    const inputs = Array.from({ length: sample }, (_, i) => engine.account(pick(i)));
    const m = engine.market();
    const c0 = cpuUs();
    for (const a of inputs) accountMargin(a, m, { method: 'cross' });
    const pureUs = (cpuUs() - c0) / sample;
    recs.push({
      workload: 'engine',
      threads: 1,
      mode: 'pure baseline accountMargin',
      accounts: n,
      seconds: pureUs / 1e6,
      accounts_per_s: 1e6 / pureUs,
      cpu_us_per_account: pureUs,
      implied_ms_per_tick: (pureUs * n) / 1000,
    });
    const s0 = cpuUs();
    const snap = engine.snapshot();
    const snapMs = (cpuUs() - s0) / 1000;
    recs.push({
      workload: 'engine',
      threads: 1,
      mode: 'memory',
      accounts: n,
      seconds: snapMs / 1000,
      position_slots: stats.positions,
      column_bytes_per_account: stats.bytes / n,
      snapshot_bytes_per_account: snap.byteLength / n,
      snapshot_cpu_ms: snapMs,
    });
    return recs;
  },
};
export default workload;
