/**
 * Reading book files: duplicate keys refused (JSON and YAML) with the path of the key, a UTF-8 byte-order mark
 * skipped, a never-ending device refused at the size limit, `__proto__` kept as an ordinary key.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { findDuplicateKey } from '../../packages/cli/src/jsonKeys.js';
import { readBookDocument } from '../../packages/cli/src/load.js';

const dir = mkdtempSync(join(tmpdir(), 'riskcore-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.RISKCORE_MAX_BOOK_BYTES;
});
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('readBookDocument', () => {
  it('refuses a duplicate key in JSON, naming its path (JSON.parse alone would keep the last value)', () => {
    const p = file(
      'dup.json',
      '{"accounts":[{"id":"a","positions":[{"quantity":-40,"underlying":"BTC","quantity":4000000}]}]}',
    );
    expect(() => readBookDocument(p)).toThrow(/the key accounts\[0\]\.positions\[0\]\.quantity appears twice/);
  });

  it('refuses a duplicate key in YAML', () => {
    const p = file('dup.yaml', 'market:\n  assets:\n    BTC: { price: 1 }\n    BTC: { price: 2 }\n');
    expect(() => readBookDocument(p)).toThrow(/not valid YAML: Map keys must be unique/);
  });

  it('skips a UTF-8 byte-order mark', () => {
    expect(readBookDocument(file('bom.json', '\uFEFF{"a":1}'))).toEqual({ a: 1 });
  });

  it('keeps __proto__ as an ordinary own key, never a prototype change', () => {
    const doc = readBookDocument(file('proto.json', '{"assets":{"__proto__":{"price":1}}}')) as { assets: object };
    expect(Object.getPrototypeOf(doc.assets)).toBe(Object.prototype);
    expect(Object.keys(doc.assets)).toEqual(['__proto__']);
  });

  it('refuses a file beyond the size limit, and a device that never ends, saying the limit and how to raise it', () => {
    process.env.RISKCORE_MAX_BOOK_BYTES = '1000';
    expect(() => readBookDocument(file('big.json', `[${'1,'.repeat(600)}1]`))).toThrow(
      /larger than 1000 bytes.*RISKCORE_MAX_BOOK_BYTES/,
    );
    process.env.RISKCORE_MAX_BOOK_BYTES = String(1 << 20);
    const t0 = performance.now();
    expect(() => readBookDocument('/dev/zero')).toThrow(/larger than 1048576 bytes/);
    expect(performance.now() - t0).toBeLessThan(5000);
    process.env.RISKCORE_MAX_BOOK_BYTES = 'lots';
    expect(() => readBookDocument(file('ok.json', '{}'))).toThrow(/RISKCORE_MAX_BOOK_BYTES must be a whole number/);
  });
});

describe('findDuplicateKey', () => {
  it('finds no duplicate in any JSON.stringify output (fast-check), and finds one planted at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (v, key) => {
        expect(findDuplicateKey(JSON.stringify(v))).toBeUndefined();
        const text = JSON.stringify({ wrap: [v, { [key]: 1 }] }).replace(
          /\}\]\}$/,
          () => `,${JSON.stringify(key)}:2}]}`,
        );
        expect(findDuplicateKey(text)).toBe(`wrap[1].${key}`);
      }),
      { numRuns: 300 },
    );
  });

  it('sees keys written with escapes as the same key', () => {
    expect(findDuplicateKey('{"a":1,"\\u0061":2}')).toBe('a');
    expect(findDuplicateKey('{"a\\"b":1,"a\\"b":2}')).toBe('a"b');
  });
});
