import { defineConfig } from 'tsdown';

/** `@riskcore/distributed` (ESM + CJS + .d.ts) and the `riskcore-worker` executable; riskcore and bullmq stay external. */
export default defineConfig([
  {
    entry: { index: 'src/index.ts', partitionThread: 'src/partition/thread.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'node',
    target: 'node20',
    fixedExtension: false,
    sourcemap: false,
    clean: true,
    outDir: 'dist',
    tsconfig: 'tsconfig.json',
  },
  {
    entry: { workerMain: 'src/workerMain.ts' },
    format: ['esm'],
    dts: false,
    platform: 'node',
    target: 'node20',
    fixedExtension: false,
    sourcemap: false,
    clean: false,
    outDir: 'dist',
    tsconfig: 'tsconfig.json',
  },
]);
