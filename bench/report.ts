/**
 * The benchmarks page is data rendered: every run of `npm run bench` that is saved leaves a record in
 * bench/results/<id>.json ({@link BenchRun}), and this module renders docs/benchmarks.md from all of them — the
 * latest full run in full, and the headline figures of every run side by side, so the run-to-run spread is visible.
 *
 * `tsx bench/report.ts` re-renders the page; `tsx bench/report.ts --check` exits 1 when the committed page is not
 * what the records render (run by test/docs/benchmarks.test.ts).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderScale } from './reportScale.js';

/** One measured line of a run: a workload in one mode and thread count. */
export interface BenchRunRecord {
  workload: string;
  mode: string;
  threads: number;
  /** The unit of `throughput`, e.g. `paths_per_s`. */
  unit: string;
  throughput?: number;
  /** Throughput over numpy's on the same workload in the same run. */
  vs_numpy?: number;
  /** Throughput over the 2-lane C build's (no FMA: the ceiling of a wasm SIMD kernel), same run, 1 thread. */
  vs_c_2lane?: number;
  /** Throughput over the native C build's (-march=native, vector math: the machine's limit), same run, 1 thread. */
  vs_c_native?: number;
  /** The workload's other figures (risk figures, checksums, speedups, memory). */
  figures?: Record<string, number | string | boolean | number[]>;
}

/** One run of the benchmark suite, as saved in bench/results/<id>.json. */
export interface BenchRun {
  /** File name without `.json`; runs sort by date, then id. */
  id: string;
  /** ISO date of the run (YYYY-MM-DD). */
  date: string;
  machine: string;
  node: string;
  numpy?: string;
  /** How the run was taken or where its figures come from, when that is not a plain `npm run bench`. */
  note?: string;
  records: BenchRunRecord[];
}

const here = dirname(fileURLToPath(import.meta.url));
export const resultsDir = join(here, 'results');
export const pagePath = resolve(here, '..', 'docs', 'benchmarks.md');

/** Every saved run, oldest first. Throws naming the file when a record is malformed. */
export function loadRuns(dir = resultsDir): BenchRun[] {
  const runs = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const run = JSON.parse(readFileSync(join(dir, f), 'utf8')) as BenchRun;
      const ok =
        run.id === f.slice(0, -5) &&
        /^\d{4}-\d{2}-\d{2}$/.test(run.date) &&
        Array.isArray(run.records) &&
        run.records.every(
          (r) =>
            typeof r.workload === 'string' &&
            typeof r.mode === 'string' &&
            Number.isInteger(r.threads) &&
            typeof r.unit === 'string',
        );
      if (!ok)
        throw new Error(
          `bench/results/${f}: not a bench run record (id must be the file name, date YYYY-MM-DD, records with workload, mode, threads, unit)`,
        );
      return run;
    });
  return runs.sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date.localeCompare(b.date)));
}

/** The headline figures compared across runs. */
const HEADLINES: Array<{
  label: string;
  workload: string;
  mode: string;
  threads: number;
  figure: 'throughput' | 'vs_numpy' | string;
  format: (x: number) => string;
}> = [
  {
    label: 'greeks vs numpy (sets/s)',
    workload: 'greeks',
    mode: 'exact',
    threads: 1,
    figure: 'vs_numpy',
    format: (x) => `${x.toFixed(2)}×`,
  },
  {
    label: 'histvar vs numpy',
    workload: 'histvar',
    mode: 'exact',
    threads: 1,
    figure: 'vs_numpy',
    format: (x) => `${x.toFixed(2)}×`,
  },
  {
    label: 'linear, 1 thread, vs numpy',
    workload: 'linear',
    mode: 'exact',
    threads: 1,
    figure: 'vs_numpy',
    format: (x) => `${x.toFixed(2)}×`,
  },
  {
    label: 'options, 1 thread, vs numpy',
    workload: 'options',
    mode: 'exact',
    threads: 1,
    figure: 'vs_numpy',
    format: (x) => `${x.toFixed(2)}×`,
  },
  {
    label: 'greeks vs C 2-lane',
    workload: 'greeks',
    mode: 'exact',
    threads: 1,
    figure: 'vs_c_2lane',
    format: (x) => `${x.toFixed(2)}×`,
  },
  {
    label: 'greeks vs C native',
    workload: 'greeks',
    mode: 'exact',
    threads: 1,
    figure: 'vs_c_native',
    format: (x) => `${x.toFixed(2)}×`,
  },
  {
    label: 'histvar vs C (same algorithm)',
    workload: 'histvar',
    mode: 'exact',
    threads: 1,
    figure: 'vs_c_native',
    format: (x) => `${x.toFixed(2)}×`,
  },
  {
    label: 'options vs C 2-lane',
    workload: 'options',
    mode: 'exact',
    threads: 1,
    figure: 'vs_c_2lane',
    format: (x) => `${x.toFixed(2)}×`,
  },
  {
    label: 'linear vs C native',
    workload: 'linear',
    mode: 'exact',
    threads: 1,
    figure: 'vs_c_native',
    format: (x) => `${x.toFixed(2)}×`,
  },
  {
    label: 'linear, 2 threads vs 1',
    workload: 'linear',
    mode: 'exact',
    threads: 2,
    figure: 'speedup_vs_1thread',
    format: (x) => `${x.toFixed(2)}×`,
  },
  {
    label: 'linear, ceiling (2 processes vs 1)',
    workload: 'scaling',
    mode: 'independent-processes:linear',
    threads: 2,
    figure: 'speedup',
    format: (x) => `${x.toFixed(2)}×`,
  },
  {
    label: 'options, 2 threads vs 1',
    workload: 'options',
    mode: 'exact',
    threads: 2,
    figure: 'speedup_vs_1thread',
    format: (x) => `${x.toFixed(2)}×`,
  },
  {
    label: 'options, ceiling (2 processes vs 1)',
    workload: 'scaling',
    mode: 'independent-processes:options',
    threads: 2,
    figure: 'speedup',
    format: (x) => `${x.toFixed(2)}×`,
  },
  {
    label: 'implied vol bsm (M/s)',
    workload: 'impliedvol',
    mode: 'bsm',
    threads: 1,
    figure: 'throughput',
    format: (x) => (x / 1e6).toFixed(2),
  },
  {
    label: 'margin, 500-option account (accounts/s)',
    workload: 'margin',
    mode: 'shared-context',
    threads: 1,
    figure: 'throughput',
    format: (x) => Math.round(x).toLocaleString('en-US'),
  },
  {
    label: 'cascade, 10,000 accounts × 20 rounds (account-rounds/s)',
    workload: 'stress',
    mode: 'cascade',
    threads: 1,
    figure: 'throughput',
    format: (x) => x.toExponential(1),
  },
  {
    label: '10⁸-path tail-only peak RSS (MB)',
    workload: 'memory',
    mode: 'tail-only',
    threads: 1,
    figure: 'max_rss_mb',
    format: (x) => x.toFixed(1),
  },
];

function figureOf(r: BenchRunRecord, figure: string): number | undefined {
  const top: Record<string, number | undefined> = {
    throughput: r.throughput,
    vs_numpy: r.vs_numpy,
    vs_c_2lane: r.vs_c_2lane,
    vs_c_native: r.vs_c_native,
  };
  const v = figure in top ? top[figure] : r.figures?.[figure];
  return typeof v === 'number' ? v : undefined;
}

const fmt = (x: unknown): string => {
  if (Array.isArray(x)) return x.map(fmt).join(' ');
  if (typeof x !== 'number') return String(x ?? '');
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  return Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-2) ? x.toExponential(3) : String(Number(x.toFixed(3)));
};

/** The Markdown of docs/benchmarks.md for these runs (oldest first). */
export function renderBenchmarks(runs: BenchRun[]): string {
  if (runs.length === 0) throw new Error('bench/results holds no run');
  const full = [...runs].reverse().find((r) => r.records.length > HEADLINES.length) ?? runs[runs.length - 1];
  const out: string[] = [
    '<!-- Generated by bench/report.ts from bench/results/*.json; edit those, not this page. -->',
    '',
    '# Benchmarks',
    '',
    '`npm run bench` runs every workload of `bench/workloads/`; a workload that has a numpy counterpart races it in the',
    'same process tree right before (numpy single-threaded, best of 3), and the ratio is taken within that run only.',
    'The same workloads also race C references of the same work, run right before: the 2-lane SSE build (no FMA, what',
    'WebAssembly SIMD can express: the ceiling of a wasm kernel) and the native build (-march=native with vector math:',
    "the machine's limit); histvar's native reference is C running riskcore's own algorithm.",
    'Each workload runs in a Node process of its own, as numpy and the C references do: bundled with esbuild and run by',
    'plain Node, as an application runs the built package (a workload whose workers load the TypeScript sources runs',
    'them under the tsx loader). Figures are tinybench medians after warm-up. A full run (no `--only`, `--quick` or `--json`), or any run with',
    '`--save`, is kept as `bench/results/<date>-<id>.json` and this page is rendered again from all kept runs.',
    'Figures from different runs, or from a machine shared with other jobs, differ by more than the code does: compare',
    'within one run, and read the spread across runs in the history table.',
    '',
    `## Latest full run: ${full.id}`,
    '',
    `${full.machine}, Node ${full.node}${full.numpy ? `, numpy ${full.numpy}` : ''}, ${full.date}.${full.note ? ` ${full.note}` : ''}`,
    '',
    '| workload | mode | threads | throughput | unit | vs numpy | vs C 2-lane | vs C native | figures |',
    '| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | --- |',
  ];
  const ratio = (x: number | undefined) => (x === undefined ? '' : `${x.toFixed(2)}×`);
  for (const r of full.records) {
    const figs = Object.entries(r.figures ?? {})
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(', ');
    const vs = r.mode === 'numpy' ? '1' : r.vs_numpy === undefined ? '' : `${r.vs_numpy.toFixed(2)}×`;
    out.push(
      `| ${r.workload} | ${r.mode} | ${r.threads} | ${r.throughput === undefined ? '' : fmt(r.throughput)} | ${r.unit} | ${vs} | ${ratio(r.vs_c_2lane)} | ${ratio(r.vs_c_native)} | ${figs} |`,
    );
  }
  const growth = full.records.filter((r) => r.mode.startsWith('growth: '));
  if (growth.length > 0) {
    out.push('', '## Cost growth with size', '');
    out.push(
      'Cost per item as the batch grows (same run): flat means no cache cliff. The cost is the CPU time of the ' +
        'calling thread (Linux: `/proc/thread-self/schedstat`), not of the process: the process figure also counts ' +
        "V8's garbage-collector threads, and a concurrent major collection running during the timed calls made the " +
        '1e5-row greeks batch look 1.4–2.5× dearer per option (runs of 105–193 ns against 72–80 ns) while the ' +
        "calling thread's time stayed flat. Runs kept before this change were timed in process CPU time.",
      '',
    );
    const sizes = [...new Set(growth.map((r) => Number(r.figures?.options ?? r.figures?.paths ?? 0)))].sort(
      (a, b) => a - b,
    );
    out.push(`| workload | mode | unit | ${sizes.map((n) => fmt(n)).join(' | ')} |`);
    out.push(`| --- | --- | --- | ${sizes.map(() => '---:').join(' | ')} |`);
    const series = new Map<string, BenchRunRecord[]>();
    for (const r of growth)
      series.set(`${r.workload}|${r.mode}`, [...(series.get(`${r.workload}|${r.mode}`) ?? []), r]);
    for (const rs of series.values()) {
      const at = (n: number) => rs.find((r) => Number(r.figures?.options ?? r.figures?.paths ?? 0) === n)?.throughput;
      out.push(
        `| ${rs[0].workload} | ${rs[0].mode.slice(8)} | ${rs[0].unit} | ${sizes.map((n) => fmt(at(n))).join(' | ')} |`,
      );
    }
  }
  out.push(...renderScale(runs));
  out.push('', '## Headline figures, run by run', '');
  out.push(`| figure | ${runs.map((r) => r.id).join(' | ')} |`, `| --- | ${runs.map(() => '---:').join(' | ')} |`);
  for (const h of HEADLINES) {
    const cells = runs.map((run) => {
      const rec = run.records.find((r) => r.workload === h.workload && r.mode === h.mode && r.threads === h.threads);
      const v = rec && figureOf(rec, h.figure);
      return v === undefined ? '–' : h.format(v);
    });
    out.push(`| ${h.label} | ${cells.join(' | ')} |`);
  }
  const notes = new Map<string, string[]>();
  for (const r of runs) if (r.note && r !== full) notes.set(r.note, [...(notes.get(r.note) ?? []), r.id]);
  if (notes.size > 0) {
    out.push('', 'Notes on the runs:', '');
    for (const [note, ids] of notes) out.push(`- ${ids.join(', ')}: ${note}`);
  }
  return `${out.join('\n')}\n`;
}

/** Render the page from bench/results and write it; with `check`, only compare. Returns whether it was current. */
export function writeBenchmarksPage(opts: { check?: boolean } = {}): boolean {
  const text = renderBenchmarks(loadRuns());
  let current = false;
  try {
    current = readFileSync(pagePath, 'utf8') === text;
  } catch {
    current = false;
  }
  if (!opts.check && !current) writeFileSync(pagePath, text);
  return current;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const current = writeBenchmarksPage({ check });
  if (check && !current) {
    console.error('docs/benchmarks.md is not what bench/results renders: run `npx tsx bench/report.ts`');
    process.exit(1);
  }
  if (!check) console.log(`docs/benchmarks.md rendered from ${loadRuns().length} runs`);
}
