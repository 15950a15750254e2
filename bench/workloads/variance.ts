/**
 * 'variance': paths needed for a 1% relative standard error (RSE) of the 99% and 99.9% VaR, plain Monte Carlo vs
 * importance sampling (GHS delta-gamma twist) vs randomized QMC (LMS-scrambled Sobol), on the 'linear' and 'options'
 * books of numpy_reference.py (replicated exactly in linear.ts / options.ts).
 *
 * For each (book, mode, confidence): R independent estimates (R = 30, 8 with --quick) at n paths each; RSE =
 * sd(estimates)/mean; paths for 1% RSE = n·(RSE/0.01)² (the 1/√n law; for QMC, whose error falls faster, this is
 * conservative). Plain and QMC replicates differ by seed/substream, IS replicates by seed. Plain MC computes both
 * confidences from the same paths; IS and QMC run once per confidence (the twist depends on α).
 */
import type { BenchContext, BenchRecord, Workload } from '../harness.js';
import { medianSeconds } from '../harness.js';
import type { Market, Position } from '../../src/core/model.js';
import {
  importanceSamplingVaR,
  qmcVaR,
  simulatePnL,
  TailBuffer,
  tailCapacity,
  tailVaRES,
} from '../../src/montecarlo/index.js';
import type { ModelOptions } from '../../src/montecarlo/index.js';
import { linearBook } from './linear.js';
import { optionsBook } from './options.js';

type Book = { positions: Position[]; market: Market; model: ModelOptions };
const CONFS = [0.99, 0.999];

function stats(x: number[]): { mean: number; rse: number } {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
  return { mean: m, rse: sd / Math.abs(m) };
}

function record(
  book: string,
  mode: string,
  alpha: number,
  n: number,
  est: number[],
  seconds: number,
  reportedSE?: number[],
): BenchRecord {
  const { mean, rse } = stats(est);
  const need = n * (rse / 0.01) ** 2;
  const rec: BenchRecord = {
    workload: `variance-${book}`,
    threads: 1,
    mode,
    seconds,
    confidence: alpha,
    paths: n,
    replications: est.length,
    var_mean: mean,
    rse,
    paths_for_1pct_rse: Math.round(need),
    seconds_for_1pct_rse: (seconds / n) * need,
  };
  // the estimator's own standard error (mean over replicates) against the measured spread of the estimates
  if (reportedSE)
    rec.reported_se_over_measured = reportedSE.reduce((s, v) => s + v, 0) / reportedSE.length / (rse * Math.abs(mean));
  return rec;
}

async function runBook(
  name: string,
  book: Book,
  sizes: { plain: number; is: number; qmc: number },
  ctx: BenchContext,
): Promise<BenchRecord[]> {
  const R = ctx.quick ? 8 : 30;
  const out: BenchRecord[] = [];
  // plain: one simulation per replicate, both confidences from it
  const plain: Record<number, number[]> = { 0.99: [], 0.999: [] };
  const tPlain = await medianSeconds(
    () => {
      for (const a of CONFS) plain[a].length = 0;
      for (let r = 0; r < R; r++) {
        const pnl = simulatePnL(book.positions, book.market, { ...book.model, paths: sizes.plain, seed: 1000 + r });
        const tb = new TailBuffer(tailCapacity(sizes.plain, 0.99));
        tb.pushPnL(pnl);
        for (const a of CONFS) plain[a].push(tailVaRES(tb, sizes.plain, a).var);
      }
    },
    { iterations: 1, warmup: 0 },
  );
  for (const a of CONFS) out.push(record(name, 'plain', a, sizes.plain, plain[a], tPlain / R));
  for (const a of CONFS) {
    const est: number[] = [];
    const se: number[] = [];
    const t = await medianSeconds(
      () => {
        est.length = 0;
        se.length = 0;
        for (let r = 0; r < R; r++) {
          const res = importanceSamplingVaR(book.positions, book.market, {
            ...book.model,
            paths: sizes.is,
            seed: 2000 + r,
            confidence: a,
          });
          est.push(res.var);
          se.push(res.standardError.var);
        }
      },
      { iterations: 1, warmup: 0 },
    );
    out.push(record(name, 'is', a, sizes.is, est, t / R, se));
  }
  for (const a of CONFS) {
    let est: number[] = [];
    const t = await medianSeconds(
      () => {
        est = qmcVaR(book.positions, book.market, {
          ...book.model,
          paths: sizes.qmc,
          replications: R,
          seed: 3000,
          confidence: a,
        }).replicates.var;
      },
      { iterations: 1, warmup: 0 },
    );
    out.push(record(name, 'qmc', a, sizes.qmc, est, t / R));
  }
  const plainNeed = (a: number) =>
    Number(out.find((r) => r.mode === 'plain' && r.confidence === a)!.paths_for_1pct_rse);
  for (const r of out) r.reduction_vs_plain = plainNeed(Number(r.confidence)) / Number(r.paths_for_1pct_rse);
  return out;
}

const w: Workload = {
  name: 'variance',
  throughputKey: 'paths_for_1pct_rse',
  async run(ctx) {
    const q = ctx.quick;
    return [
      ...(await runBook(
        'linear',
        linearBook(),
        q ? { plain: 20000, is: 5000, qmc: 4096 } : { plain: 50000, is: 10000, qmc: 8192 },
        ctx,
      )),
      ...(await runBook(
        'options',
        optionsBook(),
        q ? { plain: 8000, is: 2000, qmc: 2048 } : { plain: 20000, is: 5000, qmc: 4096 },
        ctx,
      )),
    ];
  },
};
export default w;
