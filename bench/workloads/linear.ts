/** 'linear' exactly as numpy_reference.py: 20 assets, ρ 0.5, 1,000,000 paths, 1-day, 99% VaR/ES (book in mcBooks.ts). */
import type { Workload } from '../harness.js';
import { linearBook, runExact } from './mcBooks.js';

export { corr, H, linearBook, linspace, runExact } from './mcBooks.js';

const w: Workload = {
  name: 'linear',
  numpy: 'linear',
  throughputKey: 'paths_per_s',
  run: (ctx) => runExact('linear', linearBook(), 1_000_000, ctx),
};
export default w;
