/**
 * Every ```ts block of README.md, CONTRIBUTING.md and docs/ (the generated docs/api excepted) is type-checked with
 * the library's strict compiler options and then run as written, its imports of `riskcore` pointed at the sources;
 * `console.log(x); // <literal>` lines are checked (see ./snippets.ts). Also: the README's shape, relative links,
 * no float noise in printed money, no first-person run logs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { brokenLinks, markdownFiles } from '../../scripts/check-doc-links.js';
import { failedChecks, resetChecks, rewriteSnippet, root } from './snippets.js';

const out = join(root, '.tmp', 'doc-snippets');
const pages = markdownFiles(root) as string[];

interface Snippet {
  page: string;
  line: number;
  code: string;
  file: string;
}
const snippets: Snippet[] = [];
for (const page of pages) {
  const text = readFileSync(join(root, page), 'utf8');
  const re = /^```(?:ts|typescript)\n([\s\S]*?)^```$/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const line = text.slice(0, m.index).split('\n').length;
    const file = join(out, `${page.replace(/[\\/.]/g, '_')}_L${line}.ts`);
    snippets.push({ page, line, code: m[1], file });
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const s of snippets) writeFileSync(s.file, rewriteSnippet(s.code, s.file));

describe('docs code blocks', () => {
  it('there are blocks in the README and in each guide', () => {
    expect(snippets.filter((s) => s.page === 'README.md').length).toBeGreaterThanOrEqual(3);
    for (const g of pages.filter((p) => p.startsWith('docs/guides/'))) {
      expect(
        snippets.some((s) => s.page === g),
        g,
      ).toBe(true);
    }
  });

  it('type-check under the strict compiler options', () => {
    const program = ts.createProgram(
      snippets.map((s) => s.file),
      {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
        types: ['node'],
        typeRoots: [join(root, 'node_modules/@types')],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        resolveJsonModule: true,
        esModuleInterop: true,
        isolatedModules: true,
        moduleDetection: ts.ModuleDetectionKind.Force,
      },
    );
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file === undefined || snippets.some((s) => s.file === d.file!.fileName))
      .map((d) => {
        const s = snippets.find((x) => x.file === d.file?.fileName);
        const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
        return `${s ? `${s.page}:${s.line + 1 + at}` : '?'} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(errors.join('\n')).toBe('');
  }, 120_000);

  // blocks of riskcore/distributed start a local redis-server: run where one is installed (always in CI)
  const hasRedis = (() => {
    try {
      execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  for (const s of snippets) {
    const needsRedis = /from 'riskcore\/distributed'/.test(s.code);
    it.skipIf(needsRedis && !hasRedis && !process.env.CI)(
      `${s.page}:${s.line} runs and prints what it says`,
      async () => {
        resetChecks();
        const log = console.log;
        console.log = () => {};
        try {
          await import(pathToFileURL(s.file).href);
        } finally {
          console.log = log;
        }
        expect(failedChecks).toEqual([]);
      },
    );
  }
});

describe('docs pages', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  it('the README is at most 150 lines and opens with the two set-up commands', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(150);
    const blocks = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1].trim());
    expect(blocks.slice(0, 2)).toEqual(['npm install && npm run demo', 'npm install && npm test']);
    expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('\n## '));
  });

  it('relative links point at files that exist (and anchors at headings)', () => {
    expect(brokenLinks(root).join('\n')).toBe('');
  });

  it('describe the product: no first-person notes or run logs', () => {
    const bad =
      /\b(I|we) (did|measured|found|ran|tried|checked|could not)\b|\bthis session\b|\bprevious session\b|\bon this machine\b|\bmeasured here\b/i;
    for (const page of pages) {
      const lines = readFileSync(join(root, page), 'utf8').split('\n');
      const hits = lines.map((l, i) => (bad.test(l) ? `${page}:${i + 1}: ${l.trim()}` : '')).filter(Boolean);
      expect(hits).toEqual([]);
    }
  });

  it('printed money is exact decimals (no float noise such as 411999.99999999994 in code blocks and outputs)', () => {
    for (const page of pages) {
      const blocks = [...readFileSync(join(root, page), 'utf8').matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)]
        .map((m) => m[1])
        .join('\n');
      expect(blocks.match(/\d\.\d*(9{7,}|0{7,}[1-9])\d{0,3}\b/g) ?? [], page).toEqual([]);
    }
  });

  it('covers every guide and methodology page from the docs index', () => {
    const index = readFileSync(join(root, 'docs/README.md'), 'utf8');
    for (const p of pages.filter((x) => /^docs\/(guides|methodology)\//.test(x))) {
      expect(index, p).toContain(relative('docs', p));
    }
  });
});
