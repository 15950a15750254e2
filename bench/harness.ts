/**
 * Shared benchmark harness. Each file in bench/workloads/ default-exports a {@link Workload}; `bench/run.ts` runs
 * the numpy reference in the same run, then every workload, and prints a table (or JSON lines with --json).
 * Timing uses tinybench: warm-up, then the median of the measured iterations.
 */
import { Bench } from 'tinybench';

/** One measured line. `seconds` is the median time of one run of the workload. */
export interface BenchRecord {
  workload: string;
  threads: number;
  mode: string;
  seconds: number;
  [key: string]: number | string | boolean | undefined;
}

export interface BenchContext {
  /** Worker threads requested with --threads (default: 1 and the machine's core count where a workload supports it). */
  threads: number[];
  /** --quick: fewer iterations, for smoke runs. */
  quick: boolean;
  /** Figures of the numpy reference from this same run, by workload name (absent when numpy could not run). */
  numpy: Record<string, Record<string, number | string>>;
}

export interface Workload {
  /** Name printed in the table, e.g. 'greeks'. */
  name: string;
  /** Name of the numpy_reference.py workload it races, if any. */
  numpy?: string;
  /** The throughput key compared with numpy (e.g. 'sets_per_s'). */
  throughputKey: string;
  run(ctx: BenchContext): Promise<BenchRecord[]>;
}

/**
 * Median wall time (seconds) of `fn` after warm-up, measured by tinybench.
 * `iterations` measured runs (default 7, 3 with quick), `warmup` runs first (default 2).
 */
export async function medianSeconds(
  fn: () => unknown | Promise<unknown>,
  opts: { iterations?: number; warmup?: number; quick?: boolean } = {},
): Promise<number> {
  const iterations = opts.iterations ?? (opts.quick ? 3 : 7);
  const bench = new Bench({ iterations, warmupIterations: opts.warmup ?? 2, time: 0, warmupTime: 0 });
  bench.add('w', fn);
  await bench.run();
  const task = bench.tasks[0];
  const r = task.result as unknown as { latency?: { p50?: number }; p50?: number; error?: unknown; state?: string };
  if (r?.error) throw r.error;
  const ms = r?.latency?.p50 ?? r?.p50;
  if (typeof ms !== 'number' || !Number.isFinite(ms))
    throw new Error(`tinybench gave no median for this workload: ${JSON.stringify(r)}`);
  return ms / 1000;
}
