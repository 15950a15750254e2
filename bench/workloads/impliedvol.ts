/**
 * Workload 'impliedvol': 1,000,000 implied vols through impliedVolBatch (Let's Be Rational), single thread, from
 * BSM prices of options drawn like the 'greeks' workload (S, K ~ U(50,150), T ~ U(0.01, 3), vol ~ U(0.05, 1.5),
 * r ~ U(−0.005, 0.05), q ~ U(0, 0.03), call with probability ½; seeded). No numpy race (numpy has no implied vol).
 *
 * Figures: `max_rel_err` is the largest |σ_implied/σ − 1| over the rows inside the accuracy domain
 * (price/(σ·vega) ≤ 1e5; `in_domain` counts them) — it includes optionPrice's own rounding, amplified by the
 * conditioning. Also timed: the Black-76 and Bachelier batches on the same inputs, and the npm `implied-volatility`
 * package (100 bisection steps on the black-scholes package's price, itself a 100-term series) on a 500-row
 * slice, as mode 'peer:implied-volatility'.
 */
import { loadavg } from 'node:os';
import { medianSeconds, type BenchRecord, type Workload } from '../harness.js';
import { impliedVolBatch, optionGreeksBatch, optionPriceBatch } from '../../src/greeks/index.js';
import { greeksInputs, greeksOutputs } from './greeks.js';
import { getImpliedVolatility } from 'implied-volatility';

const workload: Workload = {
  name: 'impliedvol',
  throughputKey: 'ivs_per_s',
  async run(ctx) {
    const n = 1_000_000;
    const inp = greeksInputs(n, 11);
    const g = greeksOutputs(n);
    const base = {
      spot: inp.spot,
      strike: inp.strike,
      expiry: inp.expiry,
      rate: inp.rate,
      dividendYield: inp.dividendYield,
      isCall: inp.isCall,
    };
    optionGreeksBatch({ ...base, vol: inp.vol }, g);
    const cols = { ...base, price: g.price };
    const out = new Float64Array(n);
    // the batch settles its JIT tiers after 3–6 runs of 10⁶ rows (measured in fresh processes): 6 warm-ups, 9 timed
    const seconds = await medianSeconds(() => impliedVolBatch(cols, out), {
      quick: ctx.quick,
      warmup: ctx.quick ? 2 : 6,
      iterations: ctx.quick ? 3 : 9,
    });
    let maxErr = 0;
    let inDomain = 0;
    for (let i = 0; i < n; i++) {
      if (g.price[i] > 1e-300 && g.price[i] <= 1e5 * inp.vol[i] * g.vega[i]) {
        inDomain++;
        const e = Math.abs(out[i] / inp.vol[i] - 1);
        if (e > maxErr) maxErr = e;
      }
    }
    const recs: BenchRecord[] = [
      {
        workload: 'impliedvol',
        threads: 1,
        mode: 'bsm',
        options: n,
        seconds,
        ivs_per_s: n / seconds,
        max_rel_err: maxErr,
        in_domain: inDomain,
        loadavg_1m: loadavg()[0],
      },
    ];

    // Black-76 and Bachelier on the same rows (forward = spot column)
    const prices = new Float64Array(n);
    const fwdCols = {
      model: 'black76' as const,
      forward: inp.spot,
      strike: inp.strike,
      expiry: inp.expiry,
      rate: inp.rate,
      isCall: inp.isCall,
    };
    optionPriceBatch({ ...fwdCols, vol: inp.vol }, prices);
    const s76 = await medianSeconds(() => impliedVolBatch({ ...fwdCols, price: prices }, out), { quick: true });
    recs.push({ workload: 'impliedvol', threads: 1, mode: 'black76', options: n, seconds: s76, ivs_per_s: n / s76 });
    const absVol = new Float64Array(n);
    for (let i = 0; i < n; i++) absVol[i] = inp.vol[i] * inp.spot[i];
    const bachCols = { ...fwdCols, model: 'bachelier' as const };
    const bprices = new Float64Array(n);
    optionPriceBatch({ ...bachCols, vol: absVol }, bprices);
    // optionPrice's Bachelier formula can round a far-wing price to a tiny negative (−7e-323): that is price 0
    for (let i = 0; i < n; i++) if (bprices[i] < 0) bprices[i] = 0;
    const sb = await medianSeconds(() => impliedVolBatch({ ...bachCols, price: bprices }, out), { quick: true });
    recs.push({ workload: 'impliedvol', threads: 1, mode: 'bachelier', options: n, seconds: sb, ivs_per_s: n / sb });

    // peer: implied-volatility (no dividend yield: spot·e^{−qT} carries it), on a slice
    const m = 500;
    let peerMax = 0;
    const sp = await medianSeconds(
      () => {
        let sink = 0;
        for (let i = 0; i < m; i++) {
          const t = inp.expiry[i];
          sink += getImpliedVolatility(
            g.price[i],
            inp.spot[i] * Math.exp(-inp.dividendYield[i] * t),
            inp.strike[i],
            t,
            inp.rate[i],
            inp.isCall[i] === 1 ? 'call' : 'put',
          );
        }
        return sink;
      },
      { quick: true },
    );
    for (let i = 0; i < m; i++) {
      if (!(g.price[i] > 1e-300 && g.price[i] <= 1e5 * inp.vol[i] * g.vega[i])) continue;
      const t = inp.expiry[i];
      const v = getImpliedVolatility(
        g.price[i],
        inp.spot[i] * Math.exp(-inp.dividendYield[i] * t),
        inp.strike[i],
        t,
        inp.rate[i],
        inp.isCall[i] === 1 ? 'call' : 'put',
      );
      peerMax = Math.max(peerMax, Math.abs(v / inp.vol[i] - 1));
    }
    recs.push({
      workload: 'impliedvol',
      threads: 1,
      mode: 'peer:implied-volatility',
      options: m,
      seconds: sp,
      ivs_per_s: m / sp,
      max_rel_err: peerMax,
    });
    return recs;
  },
};

export default workload;
