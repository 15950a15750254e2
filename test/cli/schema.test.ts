import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookJsonSchema } from '../../packages/cli/src/schema.js';
import { root, runCli } from './helpers.js';

describe('schema/book.schema.json', () => {
  it('is up to date with the zod schema the CLI validates with (regenerate: riskcore schema > schema/book.schema.json)', () => {
    const committed = JSON.parse(readFileSync(join(root, 'schema/book.schema.json'), 'utf8'));
    expect(committed).toEqual(bookJsonSchema());
  });

  it('`riskcore schema` prints it', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(bookJsonSchema());
  });

  it('describes the positions as a union on kind with the model fields', () => {
    const s = bookJsonSchema() as any;
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.required).toEqual(['market', 'accounts']);
    const position = s.properties.accounts.items.properties.positions.items;
    const kinds = position.oneOf.map((o: any) => o.properties.kind.const);
    expect(kinds).toEqual(['spot', 'perp', 'future', 'option']);
    const option = position.oneOf[3];
    expect(option.required).toEqual(
      expect.arrayContaining(['kind', 'underlying', 'quantity', 'type', 'strike', 'expiry']),
    );
    expect(option.additionalProperties).toBe(false);
  });

  it('the example books name it', () => {
    const book = JSON.parse(readFileSync(join(root, 'examples/book.json'), 'utf8'));
    expect(book.$schema).toBe('../schema/book.schema.json');
  });
});
