/**
 * docs/benchmarks.md is rendered from bench/results/*.json by bench/report.ts and never edited by hand: the
 * committed page must be exactly what the records render, and the renderer must show what the records hold.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRuns, pagePath, renderBenchmarks, type BenchRun } from '../../bench/report.js';

describe('benchmarks page', () => {
  it('is what bench/results renders (run `npx tsx bench/report.ts` after adding a record)', () => {
    expect(readFileSync(pagePath, 'utf8')).toBe(renderBenchmarks(loadRuns()));
  });

  it('renders the latest full run in full and a headline column per run', () => {
    const run = (id: string, histvar: number, extra = 0): BenchRun => ({
      id,
      date: '2030-01-01',
      machine: 'test CPU',
      node: 'v0',
      records: [
        { workload: 'histvar', mode: 'exact', threads: 1, unit: 'points_per_s', throughput: 1e8, vs_numpy: histvar },
        ...Array.from({ length: extra }, (_, i) => ({
          workload: 'w',
          mode: `m${i}`,
          threads: 1,
          unit: 'x_per_s',
          throughput: i,
          figures: { n: i },
        })),
      ],
    });
    const text = renderBenchmarks([run('a', 2.5, 20), run('b', 3.25)]);
    expect(text).toContain('## Latest full run: a');
    expect(text).toContain('| w | m19 | 1 | 19 | x_per_s |  |  |  | n 19 |');
    expect(text).toMatch(/^\| histvar vs numpy \| 2\.50× \| 3\.25× \|$/m);
    expect(text).toMatch(/^\| margin, 500-option account \(accounts\/s\) \| – \| – \|$/m);
  });
});
