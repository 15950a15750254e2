/**
 * Every `@example` in the TSDoc of src/ runs as written. Imports of `riskcore` and `riskcore/<module>` are pointed
 * at the sources. A `console.log(x); // <literal>` line is also checked: a number literal must equal the printed
 * value to the literal's digits, a quoted string must equal the printed text, `true`/`false`/`123n` exactly.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(root, 'src');
const out = join(root, '.tmp', 'examples');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

interface Example { file: string; index: number; code: string }
const examples: Example[] = [];
for (const file of walk(src)) {
  if (file.includes(`${join('src', 'cli')}`)) continue; // the CLI is tested as a process, not through TSDoc
  const text = readFileSync(file, 'utf8');
  const re = /@example[\s\S]*?```(?:ts|typescript|js)\n([\s\S]*?)```/g;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(text))) {
    const code = m[1].split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n');
    examples.push({ file: relative(root, file), index: i++, code });
  }
}

function rewrite(code: string, at: string): string {
  const rel = (p: string) => {
    const r = relative(dirname(at), join(src, p)).split('\\').join('/');
    return r.startsWith('.') ? r : `./${r}`;
  };
  let body = code
    .replace(/from\s+['"]riskcore['"]/g, `from '${rel('index.js')}'`)
    .replace(/from\s+['"]riskcore\/([a-z/]+)['"]/g, (_s, mod: string) => `from '${rel(`${mod}/index.js`)}'`);
  body = body
    .split('\n')
    .map((line) => {
      const m = line.match(/^(\s*)console\.log\((.*)\);\s*\/\/\s*(.+?)\s*$/);
      return m ? `${m[1]}__check([${m[2]}], ${JSON.stringify(m[3])});` : line;
    })
    .join('\n');
  return `${body}\n`;
}

const checks: string[] = [];
(globalThis as Record<string, unknown>).__check = (args: unknown[], comment: string) => {
  const c = comment.trim();
  const fail = (why: string) => checks.push(`expected ${c}, printed ${args.map(String).join(' ')} (${why})`);
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(c)) {
    if (args.length !== 1 || typeof args[0] !== 'number') return fail('not one number');
    const digits = (c.split(/e/i)[0].split('.')[1] ?? '').length;
    const expo = /e/i.test(c) ? Number(c.split(/e/i)[1]) : 0;
    const tol = 0.5 * 10 ** (expo - digits) * (1 + 1e-9);
    if (Math.abs((args[0] as number) - Number(c)) > tol) fail('number differs');
  } else if (/^'.*'$/.test(c) || /^".*"$/.test(c)) {
    if (args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ') !== c.slice(1, -1)) fail('text differs');
  } else if (c === 'true' || c === 'false') {
    if (args.length !== 1 || args[0] !== (c === 'true')) fail('boolean differs');
  } else if (/^-?\d+n$/.test(c)) {
    if (args.length !== 1 || args[0] !== BigInt(c.slice(0, -1))) fail('bigint differs');
  }
  // any other comment is prose, not checked
};

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
      checks.length = 0;
      const log = console.log;
      console.log = () => {};
      try {
        await import(pathToFileURL(target).href);
      } finally {
        console.log = log;
      }
      expect(checks).toEqual([]);
    });
  }
});
