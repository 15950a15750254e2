/**
 * 'memory': a tail-only run of the 'linear' book — 10⁸ paths (10⁷ with --quick) through runShard, keeping only the
 * worst losses — and the process's peak resident set size (process.resourceUsage().maxRSS).
 */
import type { Workload } from '../harness.js';
import { combineShards, planShards, runShard } from '../../src/montecarlo/index.js';
import { linearBook } from './linear.js';

const w: Workload = {
  name: 'memory',
  throughputKey: 'paths_per_s',
  async run(ctx) {
    const paths = ctx.quick ? 10_000_000 : 100_000_000;
    const b = linearBook();
    const t = performance.now();
    const [job] = planShards({ positions: b.positions, market: b.market, options: { ...b.model, seed: 7 }, totalPaths: paths, confidence: 0.99, shards: 1 });
    const r = combineShards([runShard(job)], 0.99);
    const seconds = (performance.now() - t) / 1000;
    const maxRssMB = process.resourceUsage().maxRSS / 1024;
    return [{ workload: 'memory', threads: 1, mode: 'tail-only', paths, seconds, paths_per_s: paths / seconds, var: r.var, es: r.es, max_rss_mb: Number(maxRssMB.toFixed(1)) }];
  },
};
export default w;
