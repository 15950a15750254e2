/**
 * `npx tsx bench/poolSchedulingAB.ts [options|linear] [rounds]` — the worker pool's two schedulings side by side on
 * one warm 2-thread pool of the built package: claimed blocks (the default) against the static cut of 4 shards (the
 * old default, 2 per thread). Each round times a block of single-thread runs, then a block of each scheduling (order
 * alternating between rounds), every block a tinybench median of 4 runs after 1 warm-up; it prints the median over
 * the rounds of (single-thread block)/(pool block) for each, and every round's ratio. Not a workload of
 * `npm run bench` (a comparison of two internal schedulings, run by hand; the README quotes its output).
 */
import { medianSeconds } from './harness.js';
import { builtNodeEntry, linearBook, optionsBook } from './workloads/mcBooks.js';
import { simulatePnL, TailBuffer, tailCapacity, tailVaRES } from '../src/montecarlo/index.js';

const which = process.argv[2] ?? 'options';
const rounds = Number(process.argv[3] ?? 9);
if (which !== 'options' && which !== 'linear') throw new Error(`book must be options or linear, got ${which}`);
const book = which === 'options' ? optionsBook() : linearBook();
const paths = which === 'options' ? 100_000 : 1_000_000;
const { createMonteCarloPool } = await builtNodeEntry();
const input = {
  positions: book.positions,
  market: book.market,
  options: { ...book.model, seed: 7 },
  totalPaths: paths,
  confidence: 0.99,
};
const pool = createMonteCarloPool({ threads: 2 });
const oneThread = () => {
  const pnl = simulatePnL(book.positions, book.market, { ...book.model, paths, seed: 7 });
  const tb = new TailBuffer(tailCapacity(paths, 0.99));
  tb.pushPnL(pnl);
  return tailVaRES(tb, paths, 0.99);
};
const claimed = () => pool.run(input);
const staticCut = () => pool.run({ ...input, shards: 4 });
for (let i = 0; i < 5; i++) {
  oneThread();
  await claimed();
  await staticCut();
}
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const block = { iterations: 4, warmup: 1 };
const ratios = { claimed: [] as number[], static: [] as number[] };
for (let r = 0; r < rounds; r++) {
  const one = await medianSeconds(oneThread, block);
  const order = r % 2 ? (['static', 'claimed'] as const) : (['claimed', 'static'] as const);
  for (const k of order) ratios[k].push(one / (await medianSeconds(k === 'claimed' ? claimed : staticCut, block)));
}
await pool.destroy();
const show = (xs: number[]) => `${median(xs).toFixed(3)} [${xs.map((x) => x.toFixed(2)).join(' ')}]`;
console.log(`${which}: 2 threads vs 1, claimed ${show(ratios.claimed)}; static (4 shards) ${show(ratios.static)}`);
