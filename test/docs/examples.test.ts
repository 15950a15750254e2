/**
 * Every `@example` in the TSDoc of src/ runs as written. Imports of `riskcore` and `riskcore/<module>` are pointed
 * at the sources, and `console.log(x); // <literal>` lines are checked (see ./snippets.ts).
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { failedChecks, resetChecks, rewriteSnippet as rewrite, root, src } from './snippets.js';

const out = join(root, '.tmp', 'examples');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

interface Example {
  file: string;
  index: number;
  code: string;
}
const examples: Example[] = [];
for (const file of walk(src)) {
  if (file.includes(`${join('src', 'cli')}`)) continue; // the CLI is tested as a process, not through TSDoc
  const text = readFileSync(file, 'utf8');
  const re = /@example[\s\S]*?```(?:ts|typescript|js)\n([\s\S]*?)```/g;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(text))) {
    const code = m[1]
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, ''))
      .join('\n');
    examples.push({ file: relative(root, file), index: i++, code });
  }
}

describe('TSDoc @example blocks run as written', () => {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  it('finds examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });
  for (const ex of examples) {
    it(`${ex.file} example ${ex.index + 1}`, async () => {
      const target = join(out, `${ex.file.replace(/[\\/]/g, '_').replace(/\.ts$/, '')}_${ex.index}.ts`);
      writeFileSync(target, rewrite(ex.code, target));
      resetChecks();
      const log = console.log;
      console.log = () => {};
      try {
        await import(pathToFileURL(target).href);
      } finally {
        console.log = log;
      }
      expect(failedChecks).toEqual([]);
    });
  }
});
