/** CPU-time helpers of the engine workloads (a helper module: no default export, not a workload itself). */

/** Process CPU time (user + system), µs. */
export const cpuUs = (): number => {
  const c = process.cpuUsage();
  return c.user + c.system;
};

/** p50 and p99 of the CPU time of `runs` calls (µs, process.cpuUsage around each call) after 200 warm-up calls. */
export function percentiles(fn: (i: number) => unknown, runs: number): { p50: number; p99: number } {
  for (let i = 0; i < 200; i++) fn(i);
  const t = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    fn(i);
    const c = process.cpuUsage(c0);
    t[i] = c.user + c.system;
  }
  t.sort();
  return { p50: t[Math.floor(runs * 0.5)], p99: t[Math.floor(runs * 0.99)] };
}

/** Heap and array-buffer bytes in use, after a full collection when the process runs with --expose-gc. */
export function heapBytes(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
