/**
 * Shared by the doc tests: a code snippet from the docs or a TSDoc `@example` is written to a file under .tmp with
 * its `riskcore` / `riskcore/<module>` imports pointed at src/, and its `console.log(x); // <literal>` lines turned
 * into checks. A number literal must equal the printed value to the literal's digits, a quoted string must equal the
 * printed text (arguments joined by a space), `true`/`false`/`123n` exactly; any other comment is prose.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const src = join(root, 'src');

/** The snippet's source with imports of the package pointed at src/ (relative to `at`) and its print lines checked. */
export function rewriteSnippet(code: string, at: string): string {
  const rel = (p: string) => {
    const r = relative(dirname(at), join(src, p)).split('\\').join('/');
    return r.startsWith('.') ? r : `./${r}`;
  };
  const pkg = (name: string) => {
    const r = relative(dirname(at), join(root, 'packages', name, 'src', 'index.js'))
      .split('\\')
      .join('/');
    return r.startsWith('.') ? r : `./${r}`;
  };
  const body = code
    .replace(/from\s+['"]@riskcore\/(cli|distributed)['"]/g, (_s, name: string) => `from '${pkg(name)}'`)
    .replace(/from\s+['"]riskcore\/distributed['"]/g, `from '${pkg('distributed')}'`)
    .replace(/from\s+['"]riskcore['"]/g, `from '${rel('index.js')}'`)
    .replace(/from\s+['"]riskcore\/([a-z/]+)['"]/g, (_s, mod: string) => `from '${rel(`${mod}/index.js`)}'`)
    .split('\n')
    .map((line) => {
      const m = line.match(/^(\s*)console\.log\((.*)\);\s*\/\/\s*(.+?)\s*$/);
      return m ? `${m[1]}(globalThis as any).__check([${m[2]}], ${JSON.stringify(m[3])});` : line;
    })
    .join('\n');
  return `${body}\n`;
}

/** The failed checks since the last `resetChecks()`. */
export const failedChecks: string[] = [];
export function resetChecks(): void {
  failedChecks.length = 0;
}

(globalThis as Record<string, unknown>).__check = (args: unknown[], comment: string) => {
  const c = comment.trim();
  const fail = (why: string) => failedChecks.push(`expected ${c}, printed ${args.map(String).join(' ')} (${why})`);
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
};
