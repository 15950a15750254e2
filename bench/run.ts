/**
 * `npm run bench [-- --json] [--threads N[,M…]] [--only a,b] [--quick] [--no-numpy] [--save | --no-save]`
 *
 * Runs every workload in bench/workloads/, each one that races numpy right after ../shared/bench/numpy_reference.py's
 * workload of the same name (single-threaded unless THREADS/--threads asks), and prints throughput, the ratio to numpy and the risk figures. With --json,
 * one JSON line per measured workload and mode. A full run (no --only, --quick or --json), or any run with --save,
 * is kept as bench/results/<date>-<time>.json and docs/benchmarks.md is rendered again from every kept run
 * (bench/report.ts); --no-save keeps nothing. `--write-readme` is the old name of --save.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchContext, BenchRecord, Workload } from './harness.js';
import { resultsDir, writeBenchmarksPage, type BenchRun, type BenchRunRecord } from './report.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const json = flag('--json');
const quick = flag('--quick');
const only = value('--only')?.split(',');
const threadArg = value('--threads');
const threads = threadArg ? threadArg.split(',').map(Number) : [1, Math.max(2, cpus().length)];
if (threads.some((t) => !Number.isInteger(t) || t < 1)) {
  console.error(`bench: --threads takes positive integers, comma-separated (e.g. 2 or 1,2), got ${threadArg}`);
  process.exit(2);
}
const numpyScript = process.env.RISKCORE_NUMPY_REFERENCE ?? resolve(root, '..', 'shared', 'bench', 'numpy_reference.py');

const files = readdirSync(join(here, 'workloads')).filter((f) => f.endsWith('.ts')).sort();
const workloads: Workload[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, 'workloads', f)).href)) as { default?: Workload };
  if (!mod.default) continue; // a helper module of other workloads, not a workload itself
  if (!only || only.includes(mod.default.name)) workloads.push(mod.default);
}

const numpy: BenchContext['numpy'] = {};
const withNumpy = !flag('--no-numpy') && workloads.some((w) => w.numpy);
if (withNumpy && !existsSync(numpyScript)) console.error(`bench: numpy reference not found at ${numpyScript}; ratios are omitted`);

/**
 * Run numpy_reference.py's workload `name` (best of 3 repeats, as the script reports) and keep its figures; true if it ran. Called
 * right before our own workload of the same name, not all up front: this VM's speed drifts by 30–50% over minutes,
 * and the full bench puts several minutes between the first and the last workload.
 */
function runNumpy(name: string): boolean {
  if (numpy[name] || !withNumpy || !existsSync(numpyScript)) return false;
  try {
    const out = execFileSync('python3', [numpyScript, name, '--repeat', quick ? '1' : '3'], {
      encoding: 'utf8',
      env: { ...process.env, THREADS: String(threads[0] === 1 ? 1 : threads[0]) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    for (const line of out.trim().split('\n')) {
      const rec = JSON.parse(line);
      numpy[rec.workload] = rec;
      if (json) console.log(JSON.stringify({ ...rec, mode: 'numpy' }));
    }
  } catch (e) {
    console.error(`bench: numpy workload ${name} failed: ${(e as Error).message}`);
  }
  return true;
}

const ctx: BenchContext = { threads, quick, numpy };
const rows: Array<BenchRecord & { ratio?: number; key: string }> = [];
const gc = (globalThis as { gc?: () => void }).gc;
for (const w of workloads) {
  // each workload starts on a collected heap (npm run bench passes --expose-gc): the earlier workloads' garbage
  // otherwise lands in this one's timings — after margin and health, single-thread options runs were slower
  // inside the speedup rounds than in a fresh process, and the 2-thread ratio came out above 2
  gc?.();
  if (w.numpy && runNumpy(w.numpy)) {
    // 2 s for the machine to settle after the numpy process: started right after it exits, our histvar ran at
    // 1.56–1.83e8 points/s against 2.57–2.65e8 after a 2 s pause (4 processes, same code; the freed memory of the
    // python process is still being reclaimed)
    await new Promise((r) => setTimeout(r, 2000));
  }
  const recs = await w.run(ctx);
  for (const r of recs) {
    const ref = w.numpy ? numpy[w.numpy] : undefined;
    // a record may name its own throughput figure (e.g. paths_per_s in a workload measured in accounts_per_s)
    const key = typeof r.throughput_key === 'string' ? r.throughput_key : w.throughputKey;
    const refTp = ref && key === w.throughputKey ? Number(ref[key]) : NaN;
    const ours = Number(r[key]);
    const ratio = Number.isFinite(refTp) && Number.isFinite(ours) ? ours / refTp : undefined;
    if (json) console.log(JSON.stringify(ratio === undefined ? r : { ...r, vs_numpy: Number(ratio.toFixed(3)) }));
    rows.push({ ...r, key, ratio });
  }
}

const fmt = (x: unknown) => (typeof x === 'number' ? (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-2) ? x.toExponential(3) : x.toFixed(3)) : String(x ?? ''));
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB), Node ${process.version}${Object.values(numpy)[0] ? `, numpy ${Object.values(numpy)[0].numpy}` : ''}`;
const lines = [
  `Machine: ${machine}. Medians after warm-up (tinybench); numpy run in the same process tree right before our workload of the same name, single-threaded (best of 3); 2-thread speedup_vs_1thread: median of 7 rounds, each a block of 1-thread runs against a block of pool runs.`,
  '',
  '| workload | mode | threads | throughput | unit | vs numpy | figures |',
  '| --- | --- | ---: | ---: | --- | ---: | --- |',
];
for (const [name, rec] of Object.entries(numpy)) {
  const w = workloads.find((x) => x.numpy === name);
  const extra = ['var', 'es', 'checksum'].filter((k) => rec[k] !== undefined).map((k) => `${k} ${fmt(rec[k])}`).join(', ');
  if (w) lines.push(`| ${name} | numpy | ${rec.threads} | ${fmt(Number(rec[w.throughputKey]))} | ${w.throughputKey} | 1 | ${extra} |`);
}
for (const r of rows) {
  const skip = new Set(['workload', 'threads', 'mode', 'seconds', 'key', 'ratio', 'throughput_key', r.key]);
  const extra = Object.entries(r).filter(([k, v]) => !skip.has(k) && v !== undefined).map(([k, v]) => `${k} ${fmt(v)}`).join(', ');
  lines.push(`| ${r.workload} | ${r.mode} | ${r.threads} | ${fmt(Number(r[r.key]))} | ${r.key} | ${r.ratio === undefined ? '' : r.ratio.toFixed(2) + '×'} | ${extra} |`);
}
const table = lines.join('\n');
if (!json) console.log(table);
const save = !flag('--no-save') && (flag('--save') || flag('--write-readme') || (!only && !quick && !json));
if (save) {
  const now = new Date();
  const id = `${now.toISOString().slice(0, 10)}-${now.toISOString().slice(11, 16).replace(':', '')}`;
  const records: BenchRunRecord[] = [];
  for (const [name, rec] of Object.entries(numpy)) {
    const w = workloads.find((x) => x.numpy === name);
    if (!w) continue;
    const figures = Object.fromEntries(['var', 'es', 'checksum'].filter((k) => typeof rec[k] === 'number').map((k) => [k, rec[k] as number]));
    records.push({ workload: name, mode: 'numpy', threads: Number(rec.threads), unit: w.throughputKey, throughput: Number(rec[w.throughputKey]), figures });
  }
  for (const r of rows) {
    const skip = new Set(['workload', 'threads', 'mode', 'seconds', 'key', 'ratio', 'throughput_key', r.key]);
    const figures = Object.fromEntries(Object.entries(r).filter(([k, v]) => !skip.has(k) && v !== undefined)) as BenchRunRecord['figures'];
    records.push({ workload: r.workload, mode: r.mode, threads: r.threads, unit: r.key, throughput: Number(r[r.key]), ...(r.ratio === undefined ? {} : { vs_numpy: Number(r.ratio.toFixed(3)) }), figures });
  }
  const npVersion = Object.values(numpy)[0]?.numpy;
  const run: BenchRun = {
    id,
    date: id.slice(0, 10),
    machine: `${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB)`,
    node: process.version,
    ...(npVersion === undefined ? {} : { numpy: String(npVersion) }),
    ...(only || quick ? { note: `partial run (${[only ? `--only ${only.join(',')}` : '', quick ? '--quick' : ''].filter(Boolean).join(' ')})` } : {}),
    records,
  };
  writeFileSync(join(resultsDir, `${id}.json`), `${JSON.stringify(run, null, 1)}\n`);
  writeBenchmarksPage();
  console.error(`bench: kept as bench/results/${id}.json; docs/benchmarks.md rendered`);
}
