/**
 * One workload of `npm run bench` in a process of its own: `node bench/.bundles/<workload>.mjs <records file>` (the
 * workload bundled with esbuild and run by plain Node, as an application runs the built package), or, for a workload
 * whose workers load riskcore's TypeScript sources (`loader: 'tsx'`), `node <tsx loader flags> bench/workloadChild.ts
 * <workload file> <records file>`. The run's context (threads, quick, numpy figures) comes in RISKCORE_BENCH_CTX. It
 * runs the workload and writes its records as JSON to the records file; its progress lines go to the inherited
 * stdout/stderr.
 *
 * bench/run.ts starts one per workload (unless --in-process), as numpy and the C references each run in a fresh
 * process: a workload then never inherits the state the others leave in the VM — a heap grown by the engine
 * workloads, code compiled for other callers' argument types, or V8's process-wide fast paths for typed arrays, which
 * are switched off for good once any ArrayBuffer has been transferred (the pool workloads transfer theirs, and so
 * does tsx's loader, which talks to its hooks thread through a MessagePort). In one process, historical VaR measured
 * 2.85 ms of CPU per million points after the pool workloads against 1.6 ms fresh under tsx.
 */
import { pathToFileURL } from 'node:url';
import { runWorkloadChild } from './workloadChildRun.js';
import type { Workload } from './harness.js';

const [file, out] = process.argv.slice(2);
if (!file || !out) {
  console.error('workloadChild: usage: workloadChild.ts <workload file> <records file>');
  process.exit(2);
}
const mod = (await import(pathToFileURL(file).href)) as { default?: Workload };
if (!mod.default) {
  console.error(`workloadChild: ${file} has no default workload`);
  process.exit(2);
}
await runWorkloadChild(mod.default, out);
