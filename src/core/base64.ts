/**
 * Decode standard base64 (RFC 4648, `=` padding) into `byteLength` bytes, without `atob`, `Buffer`, fs or fetch, so
 * the embedded WebAssembly kernels load the same way in Node, browsers, Deno and Bun. Internal.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function decodeBase64(text: string, byteLength: number): Uint8Array {
  const out = new Uint8Array(byteLength);
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < text.length && o < byteLength; i++) {
    const v = ALPHABET.indexOf(text[i]);
    if (v < 0) continue; // '=' padding
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
