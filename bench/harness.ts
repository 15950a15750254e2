/**
 * Shared benchmark harness. Each file in bench/workloads/ default-exports a {@link Workload}; `bench/run.ts` runs
 * the numpy reference in the same run, then every workload, and prints a table (or JSON lines with --json).
 * Timing uses tinybench: warm-up, then the median of the measured iterations.
 */
import { readFileSync } from 'node:fs';
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
  /**
   * 'tsx' when the workload's workers or child processes load riskcore's TypeScript sources: its process then runs
   * from the sources under tsx's loader. Otherwise bench/run.ts bundles it and plain Node runs it.
   */
  loader?: 'tsx';
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

let schedstat: boolean | undefined;

/**
 * CPU seconds of the calling thread so far: on Linux its run time from /proc/thread-self/schedstat (nanoseconds),
 * elsewhere the process's user + system time. Not process.cpuUsage() alone: that also counts V8's helper threads
 * (concurrent marking and sweeping of the garbage collector, background compilation), which run during a timed call
 * without being part of it — a concurrent major collection inflated process CPU times of the 1e5-row greeks batch
 * by up to 2.5× while the calling thread's time stayed flat.
 */
export function threadCpuSeconds(): number {
  if (schedstat !== false) {
    try {
      const ns = Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ', 1)[0]);
      if (Number.isFinite(ns)) {
        schedstat = true;
        return ns / 1e9;
      }
    } catch {
      // not Linux, or no schedstat: fall back below
    }
    schedstat = false;
  }
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
}
