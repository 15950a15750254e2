// TypeDoc: the API reference in docs/api, one module per library subpath of package.json's "exports" (so a new
// subpath is documented without editing this file), the guides and methodology pages as project documents.
// Warnings are errors; `npm run docs` then checks the Markdown pages' relative links (scripts/check-doc-links.ts).
import { existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const entryPoints = Object.keys(pkg.exports)
  .filter((k) => k !== './package.json')
  .map((k) => (k === '.' ? 'src/index.ts' : `src/${k.slice(2)}/index.ts`))
  .filter((f) => existsSync(new URL(`./${f}`, import.meta.url)));

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'riskcore',
  entryPoints,
  tsconfig: 'tsconfig.typedoc.json',
  out: 'docs/api',
  readme: 'docs/README.md',
  projectDocuments: ['docs/guides/*.md', 'docs/methodology/*.md', 'docs/cli.md', 'docs/distributed.md', 'docs/benchmarks.md'],
  excludePrivate: true,
  excludeInternal: true,
  // NumericArray (number[] | Float64Array) is spelled out where it is used; it is not part of the exported API
  intentionallyNotExported: ['NumericArray'],
  validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: false, unusedMergeModuleWith: true },
  // no source links: they depend on the checkout's git remote, which a CI clone or a tarball does not have
  disableSources: true,
  treatWarningsAsErrors: true,
  logLevel: 'Warn',
};
