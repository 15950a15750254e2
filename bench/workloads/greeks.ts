/**
 * Workload 'greeks' (races numpy_reference.py 'greeks'): 1,000,000 BSM options, price + delta, gamma, vega, theta,
 * rho, vanna, volga, charm each, single thread, through optionGreeksBatch. Inputs drawn as numpy's (S, K ~ U(50,150),
 * T ~ U(0.01, 3), vol ~ U(0.05, 1.5), r ~ U(−0.005, 0.05), q ~ U(0, 0.03), call with probability ½) from a seeded
 * pure-rand xoroshiro128+; the checksum (sum of all nine figures) therefore differs from numpy's in value.
 * The batch runs on the WebAssembly SIMD kernel where available (`kernel: 'wasm-simd'`; Node always). Also recorded:
 * the median CPU time of the calling thread in the same call (`cpu_seconds`, robust to other jobs on a shared machine), the 1-minute load
 * average (`loadavg_1m`), the price-only batch, and the JS kernel (the fallback without wasm SIMD) on the same inputs. Peer npm packages are timed on a 100,000-option slice of the same inputs (their per-option object APIs), as
 * extra records with mode 'peer:<name>'.
 */
import { loadavg } from 'node:os';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { medianSeconds, threadCpuSeconds, type BenchRecord, type Workload } from '../harness.js';
import { optionGreeksBatch, optionPriceBatch, type GreeksColumns } from '../../src/greeks/index.js';
import { greeksWasm, setBatchKernel } from '../../src/greeks/internal.js';
import { BlackScholes } from '@uqee/black-scholes';
import * as bs from 'black-scholes';
import * as gk from 'greeks';
import { inPlaceRecords } from './greeksGrowth.js';

export interface GreeksInputs {
  n: number;
  spot: Float64Array;
  strike: Float64Array;
  expiry: Float64Array;
  vol: Float64Array;
  rate: Float64Array;
  dividendYield: Float64Array;
  isCall: Uint8Array;
}

/** Seeded inputs with numpy's distributions. */
export function greeksInputs(n: number, seed = 7): GreeksInputs {
  const rng = xoroshiro128plus(seed);
  const u = () => ((rng.next() >>> 0) + 0.5) / 4294967296;
  const col = (lo: number, hi: number) => {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = lo + (hi - lo) * u();
    return a;
  };
  const spot = col(50, 150),
    strike = col(50, 150),
    expiry = col(0.01, 3),
    vol = col(0.05, 1.5);
  const rate = col(-0.005, 0.05),
    dividendYield = col(0, 0.03);
  const isCall = new Uint8Array(n);
  for (let i = 0; i < n; i++) isCall[i] = u() < 0.5 ? 1 : 0;
  return { n, spot, strike, expiry, vol, rate, dividendYield, isCall };
}

export function greeksOutputs(n: number): GreeksColumns {
  const f = () => new Float64Array(n);
  return { price: f(), delta: f(), gamma: f(), vega: f(), theta: f(), rho: f(), vanna: f(), volga: f(), charm: f() };
}

const workload: Workload = {
  name: 'greeks',
  numpy: 'greeks',
  throughputKey: 'sets_per_s',
  async run(ctx) {
    const n = 1_000_000;
    const inp = greeksInputs(n);
    const out = greeksOutputs(n);
    const cols = {
      spot: inp.spot,
      strike: inp.strike,
      expiry: inp.expiry,
      vol: inp.vol,
      rate: inp.rate,
      dividendYield: inp.dividendYield,
      isCall: inp.isCall,
    };
    const seconds = await medianSeconds(() => optionGreeksBatch(cols, out), { quick: ctx.quick });
    // the same call timed in CPU time of this process: on a shared machine the wall-clock median also counts the
    // time other jobs held the core (numpy's figure is wall-clock, so the ratio printed uses `seconds`)
    const cpuSeconds = medianCpuSeconds(() => optionGreeksBatch(cols, out), ctx.quick ? 3 : 7);
    let checksum = 0;
    for (let i = 0; i < n; i++) {
      checksum +=
        out.price[i] +
        out.delta[i] +
        out.gamma[i] +
        out.vega[i] +
        out.theta[i] +
        out.rho[i] +
        out.vanna[i] +
        out.volga[i] +
        out.charm[i];
    }
    const kernel = greeksWasm() === null ? 'js' : 'wasm-simd';
    const recs: BenchRecord[] = [
      {
        workload: 'greeks',
        threads: 1,
        mode: 'exact',
        kernel,
        options: n,
        seconds,
        sets_per_s: n / seconds,
        cpu_seconds: cpuSeconds,
        checksum,
        loadavg_1m: loadavg()[0],
      },
    ];
    const prices = new Float64Array(n);
    const priceSeconds = await medianSeconds(() => optionPriceBatch(cols, prices), { quick: ctx.quick });
    recs.push({
      workload: 'greeks',
      threads: 1,
      mode: 'exact, price only (optionPriceBatch)',
      kernel,
      options: n,
      seconds: priceSeconds,
      sets_per_s: n / priceSeconds,
    });
    recs.push(...(await inPlaceRecords(n, ctx.quick)));
    setBatchKernel('js');
    try {
      const jsSeconds = await medianSeconds(() => optionGreeksBatch(cols, out), { quick: true });
      const jsCpu = medianCpuSeconds(() => optionGreeksBatch(cols, out), 3);
      recs.push({
        workload: 'greeks',
        threads: 1,
        mode: 'exact, JS kernel (fallback without wasm SIMD)',
        kernel: 'js',
        options: n,
        seconds: jsSeconds,
        sets_per_s: n / jsSeconds,
        cpu_seconds: jsCpu,
      });
    } finally {
      setBatchKernel('auto');
    }
    const m = 100_000;
    for (const peer of PEERS) {
      const s = await medianSeconds(() => peerFullSet(peer, inp, m), { quick: true });
      recs.push({
        workload: 'greeks',
        threads: 1,
        mode: `peer:${peer}`,
        options: m,
        seconds: s,
        sets_per_s: m / s,
        figures: peerFigures(peer),
      });
    }
    return recs;
  },
};

/**
 * Median CPU time of the calling thread ({@link threadCpuSeconds}) per call of fn, over `runs` samples, in seconds.
 * The thread clock advances only at scheduler ticks (milliseconds), so each sample times enough back-to-back calls to
 * last ~20 ms of wall time (calibrated on one call) and divides by their number.
 */
export function medianCpuSeconds(fn: () => unknown, runs: number): number {
  const w0 = performance.now();
  fn();
  const once = (performance.now() - w0) / 1e3;
  const calls = Math.max(1, Math.ceil(0.02 / Math.max(once, 1e-7)));
  const t: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = threadCpuSeconds();
    for (let k = 0; k < calls; k++) fn();
    t.push((threadCpuSeconds() - c0) / calls);
  }
  t.sort((a, b) => a - b);
  return t[runs >> 1];
}

/** Peers that price options (implied-volatility only inverts prices: it is timed in the 'impliedvol' workload). */
const PEERS = ['@uqee/black-scholes', 'black-scholes', 'greeks'] as const;
const uqee = new BlackScholes();

/** Everything each peer can compute for one option (none has a dividend yield: q is ignored), summed to a sink. */
function peerFullSet(peer: (typeof PEERS)[number], inp: GreeksInputs, m: number): number {
  let sink = 0;
  for (let i = 0; i < m; i++) {
    const s = inp.spot[i],
      k = inp.strike[i],
      t = inp.expiry[i],
      v = inp.vol[i],
      r = inp.rate[i];
    const type = inp.isCall[i] === 1 ? 'call' : 'put';
    if (peer === '@uqee/black-scholes') {
      const o = uqee.option({ rate: r, sigma: v, strike: k, time: t, type, underlying: s });
      sink += o.price + o.delta + o.gamma + o.vega + o.theta + o.rho;
    } else if (peer === 'black-scholes') {
      sink += bs.blackScholes(s, k, t, v, r, type);
    } else {
      sink +=
        bs.blackScholes(s, k, t, v, r, type) +
        gk.getDelta(s, k, t, v, r, type) +
        gk.getGamma(s, k, t, v, r) +
        gk.getVega(s, k, t, v, r) +
        gk.getTheta(s, k, t, v, r, type) +
        gk.getRho(s, k, t, v, r, type);
    }
  }
  return sink;
}

function peerFigures(peer: string): string {
  return peer === 'black-scholes'
    ? 'price only'
    : peer === 'greeks'
      ? 'price (black-scholes) + delta, gamma, vega, theta, rho'
      : 'price, delta, gamma, vega, theta, rho';
}

export default workload;
