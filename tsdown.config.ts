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
  'perps/index': 'src/perps/index.ts',
  'engine/index': 'src/engine/index.ts',
};

/** Runtime dependencies bundled into dist/vendor/<name>/ (npm pack drops any folder named node_modules). */
const vendored = ['ml-matrix', 'is-any-array', 'ml-array-rescale', 'ml-array-max', 'ml-array-min'];
type FileNames = string | ((chunk: { name: string }) => string) | undefined;
function vendorPath(names: FileNames): (chunk: { name: string }) => string {
  return (chunk) => {
    const pattern = typeof names === 'function' ? names(chunk) : (names ?? '[name].js');
    const at = chunk.name.lastIndexOf('node_modules/');
    return at < 0 ? pattern : pattern.replace('[name]', `vendor/${chunk.name.slice(at + 'node_modules/'.length)}`);
  };
}

export default defineConfig([
  {
    // With the Node-only subpath `riskcore/montecarlo/node` (worker-thread pool over Monte Carlo shards + its worker
    // file) in the same build, so it shares the shard modules instead of carrying its own copy.
    entry: {
      ...coreEntries,
      'montecarlo/node/index': 'src/montecarlo/node/index.ts',
      'montecarlo/node/worker': 'src/montecarlo/node/worker.ts',
    },
    // One output file per source module (not per entry) so an application's bundler drops whole unused modules
    // under `sideEffects: false` instead of having to prove each statement of a merged chunk pure.
    unbundle: true,
    // ml-matrix (and its four small dependencies) is bundled, as dist/vendor/: it is an implementation detail (no
    // public type mentions it) and as a dependency it was 5 of the 8 installed packages.
    deps: { alwaysBundle: vendored },
    copy: ({ outDir }) =>
      vendored.map((name) => ({ from: `node_modules/${name}/LICENSE`, to: `${outDir}/vendor/${name}` })),
    // The JS drops TSDoc (the .d.ts files carry it); license and tree-shaking annotations stay.
    // Whitespace removed and local and module-level variables renamed, statements kept as written (no compression);
    // function and class names kept (keepNames), so stack traces stay readable; the install stays within its budget.
    minify: { compress: false, mangle: { toplevel: true, keepNames: true }, codegen: { removeWhitespace: true } },
    outputOptions: (options) => ({
      ...options,
      comments: { legal: true, annotation: true, jsdoc: false },
      entryFileNames: vendorPath(options.entryFileNames),
    }),
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'neutral',
    target: 'es2022',
    sourcemap: false,
    clean: true,
    outDir: 'dist',
  },
  // Deprecated subpath `riskcore/distributed`: a re-export of the optional peer `@riskcore/distributed`
  // (packages/distributed), kept so existing imports still resolve once that package is installed.
  {
    entry: { 'distributed/index': 'src/compat/distributed.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'node',
    target: 'node20',
    fixedExtension: false,
    sourcemap: false,
    clean: false,
    outDir: 'dist',
    deps: { neverBundle: ['@riskcore/distributed'] },
  },
]);
