import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase64 } from '../../src/core/base64.js';

describe('decodeBase64 (embedded wasm bytes)', () => {
  it('equals Node Buffer decoding on random bytes, padding included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect(Array.from(decodeBase64(text, bytes.length))).toEqual(Array.from(bytes));
      }),
    );
  });

  it('decodes the RFC 4648 test vector', () => {
    expect(new TextDecoder().decode(decodeBase64('Zm9vYmFy', 6))).toBe('foobar');
    expect(new TextDecoder().decode(decodeBase64('Zm9vYg==', 4))).toBe('foob');
  });
});
