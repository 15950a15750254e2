/**
 * `npm run bench [-- --json] [--threads N[,M…]] [--only a,b] [--quick] [--no-numpy] [--no-c] [--save | --no-save]
 *  [--in-process]`
 *
 * Runs every workload in bench/workloads/, each one that races numpy right after ../shared/bench/numpy_reference.py's
 * workload of the same name (single-threaded unless THREADS/--threads asks) and the C references of the same work
 * (../shared/bench/c/c_reference.sh: the 2-lane SSE build, what WebAssembly SIMD can express, and the native build,
 * the machine's limit), and prints throughput, the ratios to numpy and to both C builds, and the risk figures. With
 * --json, one JSON line per measured workload and mode. A full run (no --only, --quick or --json), or any run with
 * --save, is kept as bench/results/<date>-<time>.json and docs/benchmarks.md is rendered again from every kept run
 * (bench/report.ts); --no-save keeps nothing. `--write-readme` is the old name of --save. Each workload runs in a
 * process of its own (bench/workloadChild.ts), as numpy and the C references do; --in-process runs them all in this one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
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
const numpyScript =
  process.env.RISKCORE_NUMPY_REFERENCE ?? resolve(root, '..', 'shared', 'bench', 'numpy_reference.py');
const cScript = process.env.RISKCORE_C_REFERENCE ?? resolve(root, '..', 'shared', 'bench', 'c', 'c_reference.sh');
/**
 * The C builds each workload is compared with: `lane2` runs the same algorithm on 2 double lanes without FMA (the
 * ceiling of a wasm SIMD kernel), `native` is the machine's limit (-march=native, vector math). histvar's native
 * entry is C running riskcore's own one-pass filter algorithm. linear has no 2-lane build.
 */
const C_BUILDS: Record<string, { lane2?: string; native: string }> = {
  greeks: { lane2: 'c-cody-sse', native: 'c-mvec' },
  options: { lane2: 'c-mills-sse', native: 'c-mvec' },
  linear: { native: 'c-simd' },
  histvar: { native: 'c-filter' },
};

const files = readdirSync(join(here, 'workloads'))
  .filter((f) => f.endsWith('.ts'))
  .sort();
const workloads: Workload[] = [];
/** The file of each workload, for the process that runs it. */
const workloadFile = new Map<Workload, string>();
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, 'workloads', f)).href)) as { default?: Workload };
  if (!mod.default) continue; // a helper module of other workloads, not a workload itself
  if (!only || only.includes(mod.default.name)) {
    workloads.push(mod.default);
    workloadFile.set(mod.default, join(here, 'workloads', f));
  }
}
const inProcess = flag('--in-process');

/** Node flags of this process without tsx's loader (--require/--import of tsx), for a child that runs plain JavaScript. */
function plainExecArgv(): string[] {
  const out: string[] = [];
  const a = process.execArgv;
  for (let i = 0; i < a.length; i++) {
    if ((a[i] === '--require' || a[i] === '--import' || a[i] === '--loader') && /tsx/.test(a[i + 1] ?? '')) i++;
    else if (!/^--(require|import|loader)=.*tsx/.test(a[i])) out.push(a[i]);
  }
  return out;
}

/**
 * Workload `w` bundled with esbuild into bench/.bundles/<name>.mjs (riskcore's sources and the bench's own files
 * compiled in, npm packages left as imports), for plain Node: the depth of bench/workloads/ is kept, so paths a
 * workload resolves from its own file still hold.
 */
async function bundle(w: Workload): Promise<string> {
  const { build } = await import('esbuild');
  const file = join(here, '.bundles', `${w.name}.mjs`);
  const entry = JSON.stringify(workloadFile.get(w) as string);
  await build({
    stdin: {
      contents:
        `import w from ${entry};\nimport { runWorkloadChild } from ${JSON.stringify(join(here, 'workloadChildRun.ts'))};\n` +
        'await runWorkloadChild(w, process.argv[2]);\n',
      resolveDir: here,
      sourcefile: `${w.name}-child.ts`,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: file,
    logLevel: 'error',
  });
  return file;
}

/**
 * Run workload `w` in a fresh Node process and return its records; exits the bench if the workload fails, as an
 * exception in this process would. The process runs the workload bundled, by plain Node with this process's other
 * flags (--expose-gc), as an application runs the built package; a workload whose workers load the TypeScript
 * sources (`loader: 'tsx'`) runs from its sources with this process's flags, tsx's loader included.
 */
async function runIsolated(w: Workload, context: BenchContext): Promise<BenchRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'riskcore-bench-'));
  const out = join(dir, 'records.json');
  try {
    const argv =
      w.loader === 'tsx'
        ? [...process.execArgv, join(here, 'workloadChild.ts'), workloadFile.get(w) as string, out]
        : [...plainExecArgv(), await bundle(w), out];
    const r = spawnSync(process.execPath, argv, {
      stdio: ['ignore', json ? 'ignore' : 'inherit', 'inherit'],
      env: { ...process.env, RISKCORE_BENCH_CTX: JSON.stringify(context) },
    });
    if (r.status !== 0 || !existsSync(out)) {
      console.error(`bench: workload ${w.name} failed (exit ${r.status ?? r.signal})`);
      process.exit(1);
    }
    return JSON.parse(readFileSync(out, 'utf8')) as BenchRecord[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const numpy: BenchContext['numpy'] = {};
const withNumpy = !flag('--no-numpy') && workloads.some((w) => w.numpy);
if (withNumpy && !existsSync(numpyScript))
  console.error(`bench: numpy reference not found at ${numpyScript}; ratios are omitted`);

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

const cref: Record<string, Record<string, Record<string, number | string>>> = {};
const withC = !flag('--no-c') && workloads.some((w) => w.numpy && C_BUILDS[w.numpy]);
if (withC && !existsSync(cScript)) console.error(`bench: C reference not found at ${cScript}; C ratios are omitted`);

/** Run c_reference.sh's workload `name` (it builds once, then prints one JSON line per build); true if it ran. */
function runC(name: string): boolean {
  if (cref[name] || !withC || !C_BUILDS[name] || !existsSync(cScript)) return false;
  try {
    const out = execFileSync('bash', [cScript, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    cref[name] = {};
    for (const line of out.trim().split('\n')) {
      const rec = JSON.parse(line);
      cref[name][rec.impl] = rec;
      if (json) console.log(JSON.stringify({ ...rec, mode: 'c-reference' }));
    }
  } catch (e) {
    console.error(`bench: C reference workload ${name} failed: ${(e as Error).message}`);
  }
  return true;
}

const ctx: BenchContext = { threads, quick, numpy };
const rows: Array<BenchRecord & { ratio?: number; vsC2?: number; vsCNative?: number; key: string }> = [];
const gc = (globalThis as { gc?: () => void }).gc;
for (const w of workloads) {
  // each workload starts on a collected heap (npm run bench passes --expose-gc): the earlier workloads' garbage
  // otherwise lands in this one's timings — after margin and health, single-thread options runs were slower
  // inside the speedup rounds than in a fresh process, and the 2-thread ratio came out above 2
  gc?.();
  const ranC = w.numpy ? runC(w.numpy) : false;
  if ((w.numpy && runNumpy(w.numpy)) || ranC) {
    // 2 s for the machine to settle after the numpy process: started right after it exits, our histvar ran at
    // 1.56–1.83e8 points/s against 2.57–2.65e8 after a 2 s pause (4 processes, same code; the freed memory of the
    // python process is still being reclaimed)
    await new Promise((r) => setTimeout(r, 2000));
  }
  const recs = inProcess ? await w.run(ctx) : await runIsolated(w, ctx);
  for (const r of recs) {
    const ref = w.numpy ? numpy[w.numpy] : undefined;
    // a record may name its own throughput figure (e.g. paths_per_s in a workload measured in accounts_per_s)
    const key = typeof r.throughput_key === 'string' ? r.throughput_key : w.throughputKey;
    const refTp = ref && key === w.throughputKey ? Number(ref[key]) : NaN;
    const ours = Number(r[key]);
    const ratio = Number.isFinite(refTp) && Number.isFinite(ours) ? ours / refTp : undefined;
    const builds = w.numpy ? C_BUILDS[w.numpy] : undefined;
    const cFigure = (impl: string | undefined) => {
      const rec = impl && w.numpy && key === w.throughputKey ? cref[w.numpy]?.[impl] : undefined;
      const tp = rec ? Number(rec[key]) : NaN;
      // C figures are single-threaded: only 1-thread rows are compared with them
      return Number.isFinite(tp) && Number.isFinite(ours) && Number(r.threads ?? 1) === 1 ? ours / tp : undefined;
    };
    const vsC2 = cFigure(builds?.lane2);
    const vsCNative = cFigure(builds?.native);
    const extra: Record<string, number> = {};
    if (ratio !== undefined) extra.vs_numpy = Number(ratio.toFixed(3));
    if (vsC2 !== undefined) extra.vs_c_2lane = Number(vsC2.toFixed(3));
    if (vsCNative !== undefined) extra.vs_c_native = Number(vsCNative.toFixed(3));
    if (json) console.log(JSON.stringify({ ...r, ...extra }));
    rows.push({ ...r, key, ratio, vsC2, vsCNative });
  }
}

const fmt = (x: unknown) =>
  typeof x === 'number'
    ? Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-2)
      ? x.toExponential(3)
      : x.toFixed(3)
    : String(x ?? '');
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB), Node ${process.version}${Object.values(numpy)[0] ? `, numpy ${Object.values(numpy)[0].numpy}` : ''}`;
const lines = [
  `Machine: ${machine}. Medians after warm-up (tinybench); each workload in a process of its own; numpy run in the same process tree right before our workload of the same name, single-threaded (best of 3); 2-thread speedup_vs_1thread: median of 7 rounds, each a block of 1-thread runs against a block of pool runs.`,
  '',
  '| workload | mode | threads | throughput | unit | vs numpy | vs C 2-lane | vs C native | figures |',
  '| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | --- |',
];
for (const [name, rec] of Object.entries(numpy)) {
  const w = workloads.find((x) => x.numpy === name);
  const extra = ['var', 'es', 'checksum']
    .filter((k) => rec[k] !== undefined)
    .map((k) => `${k} ${fmt(rec[k])}`)
    .join(', ');
  if (w)
    lines.push(
      `| ${name} | numpy | ${rec.threads} | ${fmt(Number(rec[w.throughputKey]))} | ${w.throughputKey} | 1 |  |  | ${extra} |`,
    );
}
for (const [name, recs] of Object.entries(cref)) {
  const w = workloads.find((x) => x.numpy === name);
  if (!w) continue;
  for (const [impl, rec] of Object.entries(recs)) {
    const extra = ['var', 'es', 'checksum']
      .filter((k) => rec[k] !== undefined)
      .map((k) => `${k} ${fmt(rec[k])}`)
      .join(', ');
    lines.push(
      `| ${name} | ${impl} | 1 | ${fmt(Number(rec[w.throughputKey]))} | ${w.throughputKey} |  |  |  | ${extra} |`,
    );
  }
}
const ratioCell = (x: number | undefined) => (x === undefined ? '' : `${x.toFixed(2)}×`);
for (const r of rows) {
  const skip = new Set([
    'workload',
    'threads',
    'mode',
    'seconds',
    'key',
    'ratio',
    'vsC2',
    'vsCNative',
    'throughput_key',
    r.key,
  ]);
  const extra = Object.entries(r)
    .filter(([k, v]) => !skip.has(k) && v !== undefined)
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ');
  lines.push(
    `| ${r.workload} | ${r.mode} | ${r.threads} | ${fmt(Number(r[r.key]))} | ${r.key} | ${ratioCell(r.ratio)} | ${ratioCell(r.vsC2)} | ${ratioCell(r.vsCNative)} | ${extra} |`,
  );
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
    const figures = Object.fromEntries(
      ['var', 'es', 'checksum'].filter((k) => typeof rec[k] === 'number').map((k) => [k, rec[k] as number]),
    );
    records.push({
      workload: name,
      mode: 'numpy',
      threads: Number(rec.threads),
      unit: w.throughputKey,
      throughput: Number(rec[w.throughputKey]),
      figures,
    });
  }
  for (const [name, recs] of Object.entries(cref)) {
    const w = workloads.find((x) => x.numpy === name);
    if (!w) continue;
    for (const [impl, rec] of Object.entries(recs)) {
      const figures = Object.fromEntries(
        ['var', 'es', 'checksum'].filter((k) => typeof rec[k] === 'number').map((k) => [k, rec[k] as number]),
      );
      records.push({
        workload: name,
        mode: impl,
        threads: 1,
        unit: w.throughputKey,
        throughput: Number(rec[w.throughputKey]),
        figures,
      });
    }
  }
  const fixed3 = (x: number | undefined) => (x === undefined ? undefined : Number(x.toFixed(3)));
  for (const r of rows) {
    const skip = new Set([
      'workload',
      'threads',
      'mode',
      'seconds',
      'key',
      'ratio',
      'vsC2',
      'vsCNative',
      'throughput_key',
      r.key,
    ]);
    const figures = Object.fromEntries(
      Object.entries(r).filter(([k, v]) => !skip.has(k) && v !== undefined),
    ) as BenchRunRecord['figures'];
    const ratios = Object.fromEntries(
      (
        [
          ['vs_numpy', fixed3(r.ratio)],
          ['vs_c_2lane', fixed3(r.vsC2)],
          ['vs_c_native', fixed3(r.vsCNative)],
        ] as const
      ).filter(([, v]) => v !== undefined),
    );
    records.push({
      workload: r.workload,
      mode: r.mode,
      threads: r.threads,
      unit: r.key,
      throughput: Number(r[r.key]),
      ...ratios,
      figures,
    });
  }
  const npVersion = Object.values(numpy)[0]?.numpy;
  const run: BenchRun = {
    id,
    date: id.slice(0, 10),
    machine: `${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB)`,
    node: process.version,
    ...(npVersion === undefined ? {} : { numpy: String(npVersion) }),
    ...(only || quick
      ? {
          note: `partial run (${[only ? `--only ${only.join(',')}` : '', quick ? '--quick' : ''].filter(Boolean).join(' ')})`,
        }
      : {}),
    records,
  };
  writeFileSync(join(resultsDir, `${id}.json`), `${JSON.stringify(run, null, 1)}\n`);
  writeBenchmarksPage();
  console.error(`bench: kept as bench/results/${id}.json; docs/benchmarks.md rendered`);
}
