/**
 * Part of bench/report.ts: the cost-growth tables of the workloads that measure how their cost grows with one
 * dimension (records of mode `scale: <dimension>`, e.g. protocol-risk's `scale: paths` and `scale: accounts`),
 * from the latest run that has them. Each row is one size; `relative` is the cost per unit at that size over the
 * cost per unit at the smallest size (1.00 = linear growth, below 1 = better than linear).
 */
/** The fields of a saved run this section reads (bench/report.ts' BenchRun and BenchRunRecord). */
interface BenchRunRecord {
  workload: string;
  mode: string;
  unit: string;
  throughput?: number;
  figures?: Record<string, number | string | boolean | number[]>;
}
interface BenchRun {
  id: string;
  machine: string;
  node: string;
  note?: string;
  records: BenchRunRecord[];
}

const fmt = (x: number | undefined, digits: number): string => (x === undefined ? '' : x.toFixed(digits));
const num = (r: BenchRunRecord, k: string): number | undefined => {
  const v = r.figures?.[k];
  return typeof v === 'number' ? v : undefined;
};

/** The Markdown lines of the scale section (none when no run has `scale:` records). */
export function renderScale(runs: BenchRun[]): string[] {
  const run = [...runs].reverse().find((r) => r.records.some((x) => x.mode.startsWith('scale: ')));
  if (!run) return [];
  const out = [
    '',
    '## Cost growth with paths and accounts',
    '',
    `From run ${run.id} (${run.machine}, Node ${run.node})${run.note ? `, ${run.note}` : ''}. Cost is the CPU time of a`,
    'single-threaded child process per unit of work; `relative` is that cost over the cost at the smallest size',
    '(1.00 = linear growth, below 1 = better than linear).',
  ];
  const series = new Map<string, BenchRunRecord[]>();
  for (const r of run.records.filter((x) => x.mode.startsWith('scale: '))) {
    const key = `${r.workload}|${r.mode}`;
    series.set(key, [...(series.get(key) ?? []), r]);
  }
  for (const rs of series.values()) {
    const dim = rs[0].mode.slice('scale: '.length);
    const sorted = [...rs].sort((a, b) => (num(a, dim) ?? 0) - (num(b, dim) ?? 0));
    const base = sorted[0].throughput;
    const fixed = ['paths', 'accounts', 'steps'].filter((k) => k !== dim && num(sorted[0], k) !== undefined);
    out.push(
      '',
      `${rs[0].workload}, growing ${dim} (${fixed.map((k) => `${num(sorted[0], k)} ${k}`).join(', ')}):`,
      '',
      `| ${dim} | seconds | CPU seconds | ${rs[0].unit} | relative | peak RSS (MB) |`,
      '| ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const r of sorted) {
      const rel = base !== undefined && r.throughput !== undefined ? r.throughput / base : undefined;
      out.push(
        `| ${num(r, dim)} | ${fmt(num(r, 'wall_seconds'), 1)} | ${fmt(num(r, 'cpu_seconds'), 1)} | ${fmt(r.throughput, 3)} | ${fmt(rel, 2)} | ${fmt(num(r, 'max_rss_mb'), 0)} |`,
      );
    }
  }
  return out;
}
