/**
 * The snapshot's account-id section and the engine's id index: any JavaScript string as an id (ASCII, other
 * scripts, astral characters, lone surrogates) comes back exactly and finds its row; the index agrees with a Map
 * on random ids; snapshots of other format versions and damaged id sections are refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarginEngine, restoreMarginEngine } from '../../src/engine/index.js';
import { IdIndex } from '../../src/engine/idIndex.js';
import { decodeIds, encodeIds } from '../../src/engine/snapshotIds.js';
import { MARKET } from './streams.js';

const deposit = (account: string, amount: string) => ({ type: 'deposit', account, asset: 'USD', amount }) as const;

/** A nonempty id of any UTF-16 code units, or of ASCII only. */
const anyId = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), minLength: 1 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }),
);

describe('snapshot id section', () => {
  it('round-trips any ids exactly, each finding its own row (random ids)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(anyId, { minLength: 0, maxLength: 40 }), (ids) => {
        const engine = createMarginEngine(MARKET);
        ids.forEach((id, i) => engine.apply(deposit(id, String(i + 1))));
        const snap = engine.snapshot();
        const back = restoreMarginEngine(snap, []);
        expect(back.accounts()).toEqual(ids);
        ids.forEach((id, i) => expect(back.account(id).collateral?.[0]?.amount.toString()).toBe(String(i + 1)));
        expect(back.snapshot()).toEqual(snap);
        // the restored index takes new accounts after the restored ones
        const fresh = `${ids.join('')}+new`;
        back.apply(deposit(fresh, '7'));
        expect(back.accounts()).toEqual([...ids, fresh]);
        expect(back.account(fresh).collateral?.[0]?.amount.toString()).toBe('7');
      }),
      { seed: 1903, numRuns: 200 },
    );
  });

  it('stores ASCII ids as one byte per character, other ids as UTF-16 code units', () => {
    expect(encodeIds(['a1', 'bcd']).text).toBe('ascii');
    expect(encodeIds(['a1', 'bcd']).bytes).toEqual(new Uint8Array([0x61, 0x31, 0x62, 0x63, 0x64]));
    expect(Array.from(encodeIds(['a1', 'bcd']).ends)).toEqual([2, 5]);
    const odd = encodeIds(['é', '\ud800', '😀']);
    expect(odd.text).toBe('utf16');
    expect(Array.from(odd.ends)).toEqual([1, 2, 4]);
    expect(Array.from(odd.bytes)).toEqual([0xe9, 0, 0x00, 0xd8, 0x3d, 0xd8, 0x00, 0xde]);
  });

  it('refuses inconsistent sections', () => {
    const sec = encodeIds(['ab', 'cd']);
    const ids: string[] = [];
    expect(decodeIds({ ...sec, ends: new Uint32Array([3, 2]) }, ids, new IdIndex(ids))).toBe(false);
    expect(decodeIds({ ...sec, ends: new Uint32Array([2, 5]) }, ids, new IdIndex(ids))).toBe(false);
    expect(decodeIds({ ...sec, bytes: new Uint8Array([0x61, 0x62, 0x63, 0xe9]) }, ids, new IdIndex(ids))).toBe(false);
    expect(decodeIds({ ...sec, text: 'utf16' }, ids, new IdIndex(ids))).toBe(false);
    expect(ids).toEqual([]);
    const index = new IdIndex(ids);
    expect(decodeIds(sec, ids, index)).toBe(true);
    expect(ids).toEqual(['ab', 'cd']);
    expect([index.get('ab'), index.get('cd'), index.get('abcd')]).toEqual([0, 1, undefined]);
  });

  it('restores from bytes at any offset of a larger buffer', () => {
    const engine = createMarginEngine(MARKET);
    for (let i = 0; i < 50; i++) engine.apply(deposit(`acc${i}`, String(i + 1)));
    const snap = engine.snapshot();
    const big = new Uint8Array(snap.length + 3);
    big.set(snap, 3);
    const back = restoreMarginEngine(big.subarray(3), []);
    expect(back.snapshot()).toEqual(snap);
    expect(back.account('acc49').collateral?.[0]?.amount.toString()).toBe('50');
  });

  it('refuses a snapshot of another format version, naming both versions', () => {
    const snap = createMarginEngine(MARKET).snapshot();
    expect(new DataView(snap.buffer).getUint32(4, true)).toBe(4);
    for (const v of [1, 2, 3, 5]) {
      const old = snap.slice();
      new DataView(old.buffer).setUint32(4, v, true);
      expect(() => restoreMarginEngine(old, [])).toThrow(`format version 4 (this one is version ${v}`);
    }
  });

  it('refuses a snapshot whose id section is cut short', () => {
    const engine = createMarginEngine(MARKET);
    for (let i = 0; i < 5; i++) engine.apply(deposit(`acc${i}`, '1'));
    const snap = engine.snapshot();
    const n = new DataView(snap.buffer).getUint32(8, true);
    const start = (12 + n + 7) & ~7;
    expect(() => restoreMarginEngine(snap.subarray(0, start + 20 + 8), [])).toThrow(/complete engine snapshot/);
  });
});

describe('account id index', () => {
  it('agrees with a Map on random ids, across growth (random ids and probes)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(anyId, { minLength: 0, maxLength: 300 }),
        fc.array(anyId, { maxLength: 50 }),
        (ids, probes) => {
          const list: string[] = [];
          const index = new IdIndex(list);
          const ref = new Map<string, number>();
          for (const id of ids) {
            list.push(id);
            expect(index.add(id)).toBe(ref.size);
            ref.set(id, ref.size);
          }
          expect(index.size).toBe(ids.length);
          for (const id of [...ids, ...probes]) expect(index.get(id)).toBe(ref.get(id));
          // the bulk paths index the same rows
          const bulk: string[] = [];
          const sec = encodeIds(ids);
          const again = new IdIndex(bulk);
          expect(decodeIds(sec, bulk, again)).toBe(true);
          expect(bulk).toEqual(ids);
          for (const id of [...ids, ...probes]) expect(again.get(id)).toBe(ref.get(id));
        },
      ),
      { seed: 1904, numRuns: 150 },
    );
  });
});
