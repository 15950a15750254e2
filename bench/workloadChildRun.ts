/** The body of a workload's own process (bench/workloadChild.ts, or a bundle bench/run.ts writes). */
import { writeFileSync } from 'node:fs';
import type { BenchContext, Workload } from './harness.js';

/** Run `w` with the context in RISKCORE_BENCH_CTX, write its records as JSON to `out`, and exit. */
export async function runWorkloadChild(w: Workload, out: string): Promise<never> {
  const ctx = JSON.parse(process.env.RISKCORE_BENCH_CTX ?? '{}') as BenchContext;
  const records = await w.run(ctx);
  writeFileSync(out, JSON.stringify(records));
  // worker pools or Redis connections a workload leaves open must not keep the child alive
  process.exit(0);
}
