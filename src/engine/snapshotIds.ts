/**
 * The account-id section of an engine snapshot: the end offset of each id (Uint32Array, in code units), then the
 * ids' text. Text `'ascii'` (every id ASCII, the usual case) is one byte per code unit — its UTF-8 — and is decoded
 * by one TextDecoder call over the section, split at the offsets; text `'utf16'` is the UTF-16LE code units, which
 * keeps any JavaScript string exactly (lone surrogates too). Internal.
 */
import type { IdIndex } from './idIndex.js';

/** How the id text is stored. */
export type IdText = 'ascii' | 'utf16';

/** The encoded id section: offsets and text bytes. */
export interface EncodedIds {
  text: IdText;
  ends: Uint32Array;
  bytes: Uint8Array;
}

/** Ids as a section. */
export function encodeIds(ids: readonly string[]): EncodedIds {
  const ends = new Uint32Array(ids.length);
  let total = 0;
  for (let r = 0; r < ids.length; r++) {
    total += ids[r].length;
    ends[r] = total;
  }
  const ascii = new Uint8Array(total);
  let at = 0;
  for (let r = 0; r < ids.length; r++) {
    const id = ids[r];
    for (let i = 0; i < id.length; i++) {
      const u = id.charCodeAt(i);
      if (u > 0x7f) return { text: 'utf16', ends, bytes: utf16le(ids, total) };
      ascii[at++] = u;
    }
  }
  return { text: 'ascii', ends, bytes: ascii };
}

/** The code units of `ids` (`total` in all), little-endian on every platform. */
function utf16le(ids: readonly string[], total: number): Uint8Array {
  const bytes = new Uint8Array(total * 2);
  let at = 0;
  for (const id of ids) {
    for (let i = 0; i < id.length; i++) {
      const u = id.charCodeAt(i);
      bytes[at++] = u & 0xff;
      bytes[at++] = u >>> 8;
    }
  }
  return bytes;
}

/**
 * Append the ids of a section to `ids` and index them in `rows`; false when the section is inconsistent (offsets
 * not ascending or past the text, text of the wrong length).
 */
export function decodeIds(sec: EncodedIds, ids: string[], rows: IdIndex): boolean {
  const { ends, bytes } = sec;
  const units = sec.text === 'ascii' ? bytes.length : bytes.length / 2;
  let p = 0;
  for (let r = 0; r < ends.length; r++) {
    if (ends[r] < p) return false;
    p = ends[r];
  }
  if (p !== units) return false;
  if (sec.text === 'ascii') {
    for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
    const all = new TextDecoder().decode(bytes);
    p = 0;
    for (let r = 0; r < ends.length; r++) {
      ids.push(all.slice(p, ends[r]));
      p = ends[r];
    }
    rows.addAllAscii(bytes, ends, 0);
    return true;
  }
  p = 0;
  for (let r = 0; r < ends.length; r++) {
    ids.push(unitsText(bytes, p, ends[r]));
    p = ends[r];
  }
  rows.addAll();
  return true;
}

/** The string of UTF-16LE code units `from … to` of `bytes` (in units). */
function unitsText(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  const chunk: number[] = [];
  for (let i = from; i < to; i++) {
    chunk.push(bytes[2 * i] | (bytes[2 * i + 1] << 8));
    if (chunk.length === 4096) {
      s += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return s + String.fromCharCode(...chunk);
}
