import { defineConfig } from 'tsdown';

/** Every public subpath is its own entry; ESM + CJS + .d.ts. Node-only entries are listed separately. */
export const coreEntries = {
  index: 'src/index.ts',
  'greeks/index': 'src/greeks/index.ts',
  'var/index': 'src/var/index.ts',
  'es/index': 'src/es/index.ts',
  'montecarlo/index': 'src/montecarlo/index.ts',
  'netting/index': 'src/netting/index.ts',
  'haircuts/index': 'src/haircuts/index.ts',
  'lending/index': 'src/lending/index.ts',
  'stress/index': 'src/stress/index.ts',
};

export default defineConfig([
  {
    entry: coreEntries,
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'neutral',
    target: 'es2022',
    sourcemap: false,
    clean: true,
    outDir: 'dist',
  },
  // Node-only subpath `riskcore/montecarlo/node`: worker-thread pool over Monte Carlo shards (+ its worker file).
  {
    entry: { 'montecarlo/node/index': 'src/montecarlo/node/index.ts', 'montecarlo/node/worker': 'src/montecarlo/node/worker.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'node',
    target: 'node20',
    fixedExtension: false,
    sourcemap: false,
    clean: false,
    outDir: 'dist',
  },
  // Node-only subpath `riskcore/distributed`: BullMQ workers, distributed Monte Carlo and margin sweeps.
  {
    entry: { 'distributed/index': 'src/distributed/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'node',
    target: 'node20',
    fixedExtension: false,
    sourcemap: false,
    clean: false,
    outDir: 'dist',
  },
  // Node-only: the `riskcore-worker` executable (bin), a worker process of `riskcore/distributed`.
  {
    entry: { 'distributed/workerMain': 'src/distributed/workerMain.ts' },
    format: ['esm'],
    dts: false,
    platform: 'node',
    target: 'node20',
    fixedExtension: false,
    sourcemap: false,
    clean: false,
    outDir: 'dist',
  },
  // Node-only: the `riskcore` CLI (bin). Not a library subpath; its deps (vega, vega-lite, yaml) stay external.
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    platform: 'node',
    target: 'node20',
    fixedExtension: false,
    sourcemap: false,
    clean: false,
    outDir: 'dist',
  },
]);
