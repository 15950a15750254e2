/**
 * Child process of the 'scaling' workload (not a workload itself: it lives outside bench/workloads/). Runs the
 * single-thread exact simulation of one numpy book (`linear` or `options`, argv[2]) as the 1-thread bench does,
 * warms up, prints `ready`, waits for a line on stdin, then repeats the run for argv[3] seconds and prints one JSON
 * line `{"paths_per_s": …}`. Several such processes started together measure what the machine itself gives to
 * independent single-threaded copies: the ceiling of any thread pool on it.
 */
import { createInterface } from 'node:readline';
import { simulatePnL, TailBuffer, tailCapacity } from '../src/montecarlo/index.js';
import { linearBook, optionsBook } from './workloads/mcBooks.js';

const which = process.argv[2];
const seconds = Number(process.argv[3]);
const book = which === 'linear' ? linearBook() : optionsBook();
const paths = which === 'linear' ? 1_000_000 : 100_000;
const once = () => {
  const pnl = simulatePnL(book.positions, book.market, { ...book.model, paths, seed: 7 });
  new TailBuffer(tailCapacity(paths, 0.99)).pushPnL(pnl);
};
for (let i = 0; i < 3; i++) once();
process.stdout.write('ready\n');
const rl = createInterface({ input: process.stdin });
rl.once('line', () => {
  rl.close();
  const t0 = performance.now();
  let runs = 0;
  while (performance.now() - t0 < seconds * 1000) {
    once();
    runs++;
  }
  process.stdout.write(`${JSON.stringify({ paths_per_s: (runs * paths) / ((performance.now() - t0) / 1000) })}\n`);
});
