/** 'options' exactly as numpy_reference.py: 5 underlyings, 200 calls fully repriced, 100,000 paths, 99% VaR/ES (book in mcBooks.ts). */
import type { Workload } from '../harness.js';
import { optionsBook, runExact } from './mcBooks.js';

export { optionsBook } from './mcBooks.js';

const w: Workload = {
  name: 'options',
  numpy: 'options',
  throughputKey: 'paths_per_s',
  run: (ctx) => runExact('options', optionsBook(), 100_000, ctx),
};
export default w;
