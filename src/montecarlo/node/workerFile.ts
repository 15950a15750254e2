/// <reference types="node" />
/** Where the pool's workers are loaded from (shared by the Monte Carlo and protocol-risk pools). Internal. */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** The module the workers load: the built worker next to this file, or (from TypeScript sources) a tsx bootstrap. */
export function workerFilename(): string {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new URL(self.endsWith('.cjs') ? './worker.cjs' : './worker.js', self).href;
  // running from sources (tests, bench without a build): register tsx in the worker, then load worker.ts
  // tsx's ESM API (its CommonJS twin resolves the loader relative to the wrong folder)
  const tsx = pathToFileURL(
    createRequire(self)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const worker = new URL('./worker.ts', self).href;
  const code =
    `const t = await import(${JSON.stringify(tsx)}); t.register();\n` +
    `const w = await import(${JSON.stringify(worker)}); export default w.default;`;
  return `data:text/javascript,${encodeURIComponent(code)}`;
}
