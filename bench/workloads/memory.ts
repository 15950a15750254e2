/**
 * 'memory': a tail-only run of the 'linear' book — 10⁸ paths (10⁷ with --quick) through runShard, keeping only the
 * worst 1% of losses — in a fresh child process (so earlier workloads and worker pools do not count), reporting the
 * child's peak resident set size (process.resourceUsage().maxRSS, whole process: Node, tsx, code and data).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Workload } from '../harness.js';
import { combineShards, planShards, runShard } from '../../src/montecarlo/index.js';
import { linearBook } from './mcBooks.js';

const CHILD = 'RISKCORE_BENCH_MEMORY_PATHS';

function child(paths: number): void {
  const b = linearBook();
  const t = performance.now();
  const [job] = planShards({
    positions: b.positions,
    market: b.market,
    options: { ...b.model, seed: 7 },
    totalPaths: paths,
    confidence: 0.99,
    shards: 1,
  });
  const r = combineShards([runShard(job)], 0.99);
  const seconds = (performance.now() - t) / 1000;
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      workload: 'memory',
      threads: 1,
      mode: 'tail-only',
      paths,
      seconds,
      paths_per_s: paths / seconds,
      var: r.var,
      es: r.es,
      max_rss_mb: Number(maxRssMB.toFixed(1)),
    }),
  );
}

if (process.env[CHILD]) child(Number(process.env[CHILD]));

const w: Workload = {
  name: 'memory',
  loader: 'tsx', // it measures itself in a child process started with tsx
  throughputKey: 'paths_per_s',
  async run(ctx) {
    const paths = ctx.quick ? 10_000_000 : 100_000_000;
    const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
      encoding: 'utf8',
      env: { ...process.env, [CHILD]: String(paths) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const rec = JSON.parse(out.trim().split('\n').pop()!);
    console.error(`bench memory: ${paths.toExponential(0)} paths tail-only, peak RSS ${rec.max_rss_mb} MB`);
    return [rec];
  },
};
export default w;
