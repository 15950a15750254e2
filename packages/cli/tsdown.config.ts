import { defineConfig } from 'tsdown';

/** The `riskcore` executable. riskcore and the chart/format dependencies stay external (package dependencies). */
export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['esm'],
  dts: false,
  platform: 'node',
  target: 'node20',
  fixedExtension: false,
  sourcemap: false,
  clean: true,
  outDir: 'dist',
  tsconfig: 'tsconfig.json',
});
