#!/usr/bin/env node
/**
 * After the build: the CommonJS declaration files (dist/**\/*.d.cts) are printed again without comments. They state
 * the same types as the ESM declarations (dist/**\/*.d.ts), which keep the TSDoc for editors and the API reference;
 * without a second copy of every comment the installed package stays within its size budget (scripts/pack-test.mjs).
 *
 *   node scripts/strip-dcts-comments.mjs
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const printer = ts.createPrinter({ removeComments: true });
let files = 0;
let before = 0;
let after = 0;
function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.d.cts')) {
      const text = readFileSync(p, 'utf8');
      const src = ts.createSourceFile(p, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
      const out = `${printer.printFile(src).trimEnd()}\n`;
      writeFileSync(p, out);
      files++;
      before += text.length;
      after += out.length;
    }
  }
}
walk(join(import.meta.dirname, '..', 'dist'));
console.log(`strip-dcts-comments: ${files} files, ${before} → ${after} bytes`);
