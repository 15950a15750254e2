/**
 * Regenerates schema/book.schema.json from the library's contract (src/core/contract/book.ts) and the CLI's
 * schema of the rest of the file (src/cli/schema.ts). test/cli/schema.test.ts fails when the committed file is stale.
 *
 *   npx tsx scripts/gen-book-schema.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bookJsonSchema } from '../packages/cli/src/schema.js';

const out = fileURLToPath(new URL('../schema/book.schema.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(bookJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
