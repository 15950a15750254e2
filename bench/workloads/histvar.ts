/**
 * 'histvar': historical VaR and Acerbi–Tasche ES at 99% on 1,000,000 P&L points drawn from Student-t(4) × 1000
 * (the numpy reference's distribution), with a seeded generator. Races numpy's `np.partition` reference in the
 * same run; `simple-statistics`' quantile (VaR only: it has no ES) is timed on the same data as a peer record, and
 * the plain kernel (historicalTailPlain) as the before/after record of the guarded one-pass kernel it guards
 * (src/tail/kernels/guardedTail.ts). C running the same algorithm: ../shared/bench/c/histvar.c (c-filter).
 */
import { quantile } from 'simple-statistics';
import { historicalVaR } from '../../src/var/index.js';
import { historicalES, historicalTailRisk } from '../../src/es/index.js';
import { RandomStream } from '../../src/montecarlo/stream.js';
import { historicalTailPlain } from '../../src/tail/kernels/historicalTailPlain.js';
import { medianSeconds } from '../harness.js';
import type { BenchRecord, Workload } from '../harness.js';
import { medianCpuSeconds } from './greeks.js';

const POINTS = 1_000_000;
const CONFIDENCE = 0.99;

/** Student-t(4) × 1000 from the Monte Carlo core's seeded stream (ziggurat normal over a chi-square); deterministic. */
function studentT4(n: number, seed: number): Float64Array {
  const stream = RandomStream.fromSeed(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 1000 * stream.studentT(4);
  return out;
}

const workload: Workload = {
  name: 'histvar',
  numpy: 'histvar',
  throughputKey: 'points_per_s',
  async run(ctx) {
    const pnl = studentT4(POINTS, 7);
    const opts = { quick: ctx.quick, iterations: ctx.quick ? 5 : 21, warmup: 5 };
    // VaR + ES in one pass (historicalTailRisk), as numpy's reference computes both from one partition.
    let both = { var: 0, es: 0 };
    const seconds = await medianSeconds(() => {
      both = historicalTailRisk(pnl, { confidence: CONFIDENCE });
    }, opts);
    // the same call in CPU time of this thread (the C reference prints cpu_seconds beside its wall-clock figure; on a
    // shared machine the wall-clock median also counts the time other jobs held the core)
    const cpuSeconds = medianCpuSeconds(() => historicalTailRisk(pnl, { confidence: CONFIDENCE }), ctx.quick ? 3 : 15);
    // The two separate public calls (two passes).
    let v = 0;
    let e = 0;
    const twoCalls = await medianSeconds(() => {
      v = historicalVaR(pnl, { confidence: CONFIDENCE });
      e = historicalES(pnl, { confidence: CONFIDENCE });
    }, opts);
    // VaR alone: the like-for-like comparison with simple-statistics' quantile.
    const varOnly = await medianSeconds(() => historicalVaR(pnl, { confidence: CONFIDENCE }), opts);
    // The plain kernel (max-|x| scan, then a branchy filter into a fresh buffer): the guarded kernel's reference.
    let plain = { var: 0, es: 0 };
    const plainSeconds = await medianSeconds(() => {
      plain = historicalTailPlain(pnl, CONFIDENCE, 'order-statistic');
    }, opts);
    const records: BenchRecord[] = [
      {
        workload: 'histvar',
        threads: 1,
        mode: 'exact',
        points: POINTS,
        seconds,
        points_per_s: POINTS / seconds,
        cpu_seconds: cpuSeconds,
        points_per_s_cpu: POINTS / cpuSeconds,
        var: both.var,
        es: both.es,
      },
      {
        workload: 'histvar',
        threads: 1,
        mode: 'exact-two-calls',
        points: POINTS,
        seconds: twoCalls,
        points_per_s: POINTS / twoCalls,
        var: v,
        es: e,
      },
      {
        workload: 'histvar',
        threads: 1,
        mode: 'exact-plain-kernel',
        points: POINTS,
        seconds: plainSeconds,
        points_per_s: POINTS / plainSeconds,
        var: plain.var,
        es: plain.es,
      },
      {
        workload: 'histvar',
        threads: 1,
        mode: 'exact-var-only',
        points: POINTS,
        seconds: varOnly,
        points_per_s: POINTS / varOnly,
        var: v,
      },
    ];
    // Peer: simple-statistics quantile of the losses (copies, then quickselect); VaR only, it has no ES.
    const losses = Array.from(pnl, (x) => -x);
    let q = 0;
    const ssSeconds = await medianSeconds(
      () => {
        q = quantile(losses, CONFIDENCE);
      },
      { quick: ctx.quick, iterations: ctx.quick ? 3 : 9, warmup: 2 },
    );
    records.push({
      workload: 'histvar',
      threads: 1,
      mode: 'simple-statistics',
      points: POINTS,
      seconds: ssSeconds,
      points_per_s: POINTS / ssSeconds,
      var: q,
    });
    return records;
  },
};

export default workload;
