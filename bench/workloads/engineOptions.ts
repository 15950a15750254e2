/**
 * Workload 'engine-options': the margin engine of riskcore/engine (method `'auto'`: portfolio margin for accounts
 * holding options) on a book of env `ENGINE_OPT_ACCOUNTS` (default 100,000) accounts of 20 mixed positions each —
 * BTC spot, perp, future and 6 options; ETH perp, future and 5 options; SOL perp and 3 options (a shared chain of
 * 4 expiries × 9 strikes × call/put per underlying) — with USD collateral.
 * - `tick`: one BTC price tick re-margining every account (each holds BTC): CPU ms per tick, accounts/s; the BTC
 *   option risk arrays are re-priced once per instrument, not per account;
 * - `vol tick`: one ETH vol tick (its option instruments re-priced, every account re-margined on ETH);
 * - `pure baseline`: riskcore/netting `accountMargin` on the same accounts with one prepared context shared by all
 *   (its risk-array cache warm): µs per account and accounts/s, in the same run;
 * - `fill` / `deposit` / `pre-trade`: p50 and p99 CPU µs of one option fill / deposit / option pre-trade check on a
 *   random account;
 * - `memory`: bytes per account of the columns and instrument table (capacity), of the heap grown by loading the
 *   book (ids and maps included), and of the snapshot.
 */
import { createMarginEngine, type EngineInstrument } from '../../src/engine/index.js';
import { accountMargin, prepareMargin } from '../../src/netting/index.js';
import type { BenchRecord, Workload } from '../harness.js';
import { cpuUs, heapBytes, percentiles } from './engineTiming.js';

const MARKET = {
  assets: {
    BTC: { price: 60000, mark: 60030, vol: 0.6 },
    ETH: { price: 3000, vol: 0.7, dividendYield: 0.01 },
    SOL: { price: 150, vol: 0.9 },
  },
  rate: 0.04,
};
const EXPIRIES = [0.02, 0.08, 0.25, 0.5];
const STRIKES = [0.8, 0.85, 0.9, 0.95, 1, 1.05, 1.1, 1.2, 1.3];
/** Options per account on each underlying, and its delta-one positions. */
const BOOK = [
  { u: 'BTC', options: 6, deltaOne: ['spot', 'perp', 'future'] },
  { u: 'ETH', options: 5, deltaOne: ['perp', 'future'] },
  { u: 'SOL', options: 3, deltaOne: ['perp'] },
] as const;

const workload: Workload = {
  name: 'engine-options',
  throughputKey: 'accounts_per_s',
  async run(ctx) {
    const n = Number(process.env.ENGINE_OPT_ACCOUNTS ?? 100_000);
    let seed = 29;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const option = (u: keyof typeof MARKET.assets, k: number): EngineInstrument => {
      const x = k % 72;
      return {
        kind: 'option',
        underlying: u,
        type: x % 2 === 0 ? 'call' : 'put',
        strike: MARKET.assets[u].price * STRIKES[Math.floor(x / 2) % 9],
        expiry: EXPIRIES[Math.floor(x / 18)],
      };
    };
    const heap0 = heapBytes();
    const engine = createMarginEngine(MARKET);
    const t0 = cpuUs();
    for (let i = 0; i < n; i++) {
      const account = `acc${i}`;
      engine.apply({ type: 'deposit', account, asset: 'USD', amount: String(200_000 + Math.floor(rnd() * 300_000)) });
      for (const b of BOOK) {
        const s = MARKET.assets[b.u].price;
        for (const kind of b.deltaOne) {
          const instrument: EngineInstrument =
            kind === 'future' ? { kind, underlying: b.u, expiry: EXPIRIES[2 + (i % 2)] } : { kind, underlying: b.u };
          const q = (Math.round((rnd() - 0.5) * 400) / 100 || 0.01) * (60000 / s) * 0.1;
          engine.apply({ type: 'fill', account, instrument, quantity: kind === 'spot' ? Math.abs(q) : q, price: s });
        }
        // distinct instruments of the chain: a random start, then a stride coprime with 72
        const start = Math.floor(rnd() * 72);
        for (let j = 0; j < b.options; j++) {
          const q = (Math.round((rnd() - 0.5) * 20) / 2 || 0.5) * (60000 / s) * 0.01;
          engine.apply({ type: 'fill', account, instrument: option(b.u, start + 7 * j), quantity: q, price: s * 0.02 });
        }
      }
    }
    const loadS = (cpuUs() - t0) / 1e6;
    const heapPerAccount = (heapBytes() - heap0) / n;
    const stats = engine.stats();
    const recs: BenchRecord[] = [];
    const ticks = ctx.quick ? 3 : 9;
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
    // vol ticks: the ETH option risk arrays re-priced, every account re-margined on its ETH group
    const volCpu: number[] = [];
    for (let k = 0; k < ticks; k++) {
      const c0 = cpuUs();
      engine.apply({ type: 'tick', underlying: 'ETH', vol: k % 2 === 0 ? 0.72 : 0.68 });
      volCpu.push((cpuUs() - c0) / 1000);
    }
    volCpu.sort((a, b) => a - b);
    const volMs = volCpu[Math.floor(ticks / 2)];
    const engineRate = n / (tickMs / 1000);
    // the pure function on a sample of the same accounts, one prepared context shared (its cache warm)
    const pick = (i: number): string => `acc${(i * 7919) % n}`;
    const sample = Math.min(n, ctx.quick ? 1_000 : 5_000);
    const inputs = Array.from({ length: sample }, (_, i) => engine.account(pick(i)));
    const pctx = prepareMargin(engine.market());
    for (const a of inputs.slice(0, 100)) accountMargin(a, pctx);
    const c0 = cpuUs();
    for (const a of inputs) accountMargin(a, pctx);
    const pureUs = (cpuUs() - c0) / sample;
    recs.push({
      workload: 'engine-options',
      threads: 1,
      mode: 'tick BTC (all accounts, 20 positions with options)',
      accounts: n,
      seconds: tickMs / 1000,
      accounts_per_s: engineRate,
      cpu_ms_per_tick: tickMs,
      p50_over_min_tick: tickMs / tickCpu[0],
      max_cpu_ms_per_tick: tickCpu[ticks - 1],
      transitions_per_tick: transitions / ticks,
      vs_pure: engineRate / (1e6 / pureUs),
      load_cpu_s: loadS,
    });
    recs.push({
      workload: 'engine-options',
      threads: 1,
      mode: 'vol tick ETH (all accounts)',
      accounts: n,
      seconds: volMs / 1000,
      accounts_per_s: n / (volMs / 1000),
      cpu_ms_per_tick: volMs,
      max_cpu_ms_per_tick: volCpu[ticks - 1],
    });
    recs.push({
      workload: 'engine-options',
      threads: 1,
      mode: 'pure baseline accountMargin (prepared context)',
      accounts: n,
      seconds: pureUs / 1e6,
      accounts_per_s: 1e6 / pureUs,
      cpu_us_per_account: pureUs,
    });
    const runs = ctx.quick ? 2_000 : 10_000;
    const events = {
      fill: (i: number) =>
        engine.apply({
          type: 'fill',
          account: pick(i),
          instrument: option('BTC', i),
          quantity: i % 2 === 0 ? 0.01 : -0.01,
          price: 1200,
        }),
      deposit: (i: number) => engine.apply({ type: 'deposit', account: pick(i), asset: 'USD', amount: '1' }),
      'pre-trade': (i: number) =>
        engine.preTrade(pick(i), { instrument: option('ETH', 3 * i), quantity: -0.1, price: 60 }),
    };
    for (const [mode, fn] of Object.entries(events)) {
      const p = percentiles(fn, runs);
      recs.push({
        workload: 'engine-options',
        threads: 1,
        mode,
        accounts: n,
        seconds: p.p50 / 1e6,
        p50_cpu_us: p.p50,
        p99_cpu_us: p.p99,
        p99_over_p50: p.p99 / p.p50,
      });
    }
    const snap = engine.snapshot();
    recs.push({
      workload: 'engine-options',
      threads: 1,
      mode: 'memory',
      accounts: n,
      seconds: 0,
      position_slots: stats.positions,
      column_bytes_per_account: stats.bytes / n,
      heap_bytes_per_account: heapPerAccount,
      gc_exposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
      snapshot_bytes_per_account: snap.byteLength / n,
    });
    return recs;
  },
};
export default workload;
