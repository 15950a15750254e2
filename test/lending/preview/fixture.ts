/** Reads a lending fixture written by test/fixtures/lending/<protocol>/generate.py: integer strings → bigint. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const INT = /^-?\d+$/;

export function loadFixture<T = any>(protocol: string, file: string): T {
  const text = readFileSync(join(__dirname, '../../fixtures/lending', protocol, file), 'utf8');
  return JSON.parse(text, (key, v) =>
    typeof v === 'string' && INT.test(v) && key !== 'commit' && key !== 'head' ? BigInt(v) : v,
  ) as T;
}
