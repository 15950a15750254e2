/**
 * Relative links in the Markdown docs (README.md, CONTRIBUTING.md, CHANGELOG.md, docs/**.md): each must name a file
 * or folder of the repository, and a `#anchor` into a Markdown page must name one of its headings (GitHub's slugs).
 * Links into docs/api (the TypeDoc output) are checked only once it has been built. Run by `npm run docs` after
 * TypeDoc, and by test/docs/markdown.test.ts. `tsx scripts/check-doc-links.ts` exits 1 listing the broken links.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Markdown pages of the documentation, relative to `root`, `/`-separated. */
export function markdownFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir)).flatMap((f) => {
      const p = `${dir}/${f}`;
      if (p === 'docs/api') return [];
      return statSync(join(root, p)).isDirectory() ? walk(p) : p.endsWith('.md') ? [p] : [];
    });
  const top = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md'].filter((f) => existsSync(join(root, f)));
  return [...top, ...(existsSync(join(root, 'docs')) ? walk('docs') : [])];
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of stripCode(text).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const s = slug(m[1]);
    const n = seen.get(s) ?? 0;
    seen.set(s, n + 1);
    out.add(n === 0 ? s : `${s}-${n}`);
  }
  return out;
}

function stripCode(text: string): string {
  // code is blanked, not removed, so that line numbers stay those of the page
  return text.replace(/^```[\s\S]*?^```$/gm, (block) => block.replace(/[^\n]/g, '')).replace(/`[^`\n]*`/g, '');
}

/** Every broken relative link as `page:line: target (why)`. */
export function brokenLinks(root: string): string[] {
  const apiBuilt = existsSync(join(root, 'docs/api/index.html'));
  const bad: string[] = [];
  for (const page of markdownFiles(root)) {
    const text = readFileSync(join(root, page), 'utf8');
    const lines = stripCode(text).split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        const target = m[1];
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        const [path, anchor] = target.split('#');
        const file = path === '' ? join(root, page) : resolve(dirname(join(root, page)), decodeURIComponent(path));
        const rel = relative(root, file).split('\\').join('/');
        if (rel.startsWith('..')) {
          bad.push(`${page}:${i + 1}: ${target} (outside the repository)`);
          continue;
        }
        if (rel.startsWith('docs/api') && !apiBuilt) continue;
        if (!existsSync(file)) {
          bad.push(`${page}:${i + 1}: ${target} (no such file)`);
          continue;
        }
        if (anchor && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor)) {
          bad.push(`${page}:${i + 1}: ${target} (no heading #${anchor})`);
        }
      }
    });
  }
  return bad;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const bad = brokenLinks(root);
  for (const b of bad) console.error(`broken link: ${b}`);
  if (bad.length > 0) process.exit(1);
  console.log(`docs links: ${markdownFiles(root).length} pages, no broken relative link`);
}
