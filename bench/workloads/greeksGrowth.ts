/**
 * Part of workload 'greeks': the batch of optionGreeksBatch on columns allocated in the kernel's memory
 * (allocateGreeksBatch: read and written in place, mode 'exact, in place') and the cost per option from 1e4 to 1e7
 * rows, copied and in place (modes 'growth: copied columns' and 'growth: in place'; `ns_per_option` is the median CPU
 * time of the calling thread per option, robust to other jobs on a shared machine and to the garbage collector's
 * background threads: see threadCpuSeconds), on the inputs of the main workload.
 */
import { allocateGreeksBatch, optionGreeksBatch, type OptionColumns } from '../../src/greeks/index.js';
import { medianSeconds, type BenchRecord } from '../harness.js';
import { greeksInputs, greeksOutputs, medianCpuSeconds, type GreeksInputs } from './greeks.js';

/** An allocated batch holding the same rows as `inp`. */
function allocatedCopy(inp: GreeksInputs) {
  const b = allocateGreeksBatch(inp.n);
  b.cols.spot?.set(inp.spot);
  b.cols.strike.set(inp.strike);
  b.cols.expiry.set(inp.expiry);
  b.cols.vol.set(inp.vol);
  b.cols.rate.set(inp.rate);
  b.cols.dividendYield?.set(inp.dividendYield);
  b.cols.isCall.set(inp.isCall);
  return b;
}

const plainColumns = (inp: GreeksInputs): OptionColumns => ({
  spot: inp.spot,
  strike: inp.strike,
  expiry: inp.expiry,
  vol: inp.vol,
  rate: inp.rate,
  dividendYield: inp.dividendYield,
  isCall: inp.isCall,
});

/** The in-place record at `n` rows and the growth records (1e4 … 1e7 rows; 1e4 … 1e6 with quick). */
export async function inPlaceRecords(n: number, quick: boolean): Promise<BenchRecord[]> {
  const recs: BenchRecord[] = [];
  const main = allocatedCopy(greeksInputs(n));
  const seconds = await medianSeconds(() => optionGreeksBatch(main.cols as OptionColumns, main.out), { quick });
  recs.push({
    workload: 'greeks',
    threads: 1,
    mode: 'exact, in place (allocateGreeksBatch)',
    kernel: main.inPlace ? 'wasm-simd' : 'js',
    options: n,
    seconds,
    sets_per_s: n / seconds,
  });
  for (const rows of quick ? [1e4, 1e5, 1e6] : [1e4, 1e5, 1e6, 1e7]) {
    const inp = greeksInputs(rows, 11);
    const runs = rows >= 1e7 ? 3 : quick ? 5 : 9;
    const cols = plainColumns(inp);
    const out = greeksOutputs(rows);
    optionGreeksBatch(cols, out); // first touch of the output pages
    const copied = medianCpuSeconds(() => optionGreeksBatch(cols, out), runs);
    const b = allocatedCopy(inp);
    optionGreeksBatch(b.cols as OptionColumns, b.out);
    const inPlace = medianCpuSeconds(() => optionGreeksBatch(b.cols as OptionColumns, b.out), runs);
    for (const [mode, s] of [
      ['growth: copied columns', copied],
      ['growth: in place', inPlace],
    ] as const) {
      // ns per option, not sets/s: no ratio to numpy's 1e6-row figure is taken for other sizes
      recs.push({
        workload: 'greeks',
        threads: 1,
        mode,
        throughput_key: 'ns_per_option',
        options: rows,
        seconds: s,
        ns_per_option: (s / rows) * 1e9,
      });
    }
  }
  return recs;
}
