import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const at = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  // The workspace packages (packages/*) import `riskcore`; tests run them against the library's sources, the same
  // mapping as the `paths` of tsconfig.json.
  resolve: {
    alias: [
      { find: /^riskcore$/, replacement: at('./src/index.ts') },
      { find: /^riskcore\/distributed$/, replacement: at('./src/compat/distributed.ts') },
      { find: /^riskcore\/(.+)$/, replacement: at('./src/$1/index.ts') },
      { find: /^@riskcore\/distributed$/, replacement: at('./packages/distributed/src/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
