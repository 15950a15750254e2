/**
 * Binary snapshot of the engine and its restore. Layout (little-endian): magic `RCME`, format version (u32),
 * header length (u32), the header as UTF-8 JSON (configuration, current market, sequence number, column lengths,
 * how the ids are stored), then the account-id section (see `snapshotIds.ts`: end offsets, then the text), then
 * each column's bytes in use, every section starting on an 8-byte boundary. The cached per-position figures are
 * stored as they are, so a restored engine is the same bit for bit. Restore copies every section in bulk; the
 * only per-account work is one string and one hash-table entry per id. Snapshots of other format versions
 * (1, 2: ids in the JSON header; 3: no isolated pools) are refused, naming the version. The header's `pools` lists
 * each isolated pool's row with its instrument. Internal.
 */
import { RiskInputError } from '../core/errors.js';
import { DEFAULT_MARGIN_PARAMS } from '../netting/internal.js';
import type { MarginContext } from '../netting/internal.js';
import type { Columns } from './columns.js';
import type { FigureContext } from './figures.js';
import type { OptionInstruments } from './instruments.js';
import type { EngineConfig } from './config.js';
import { engineConfig } from './config.js';
import type { IdIndex } from './idIndex.js';
import type { EngineInstrument } from './events.js';
import type { IsolatedPools } from './isolated.js';
import type { IdText } from './snapshotIds.js';
import { decodeIds, encodeIds } from './snapshotIds.js';

/** What a snapshot reads and restores of an engine. */
export interface SnapshotHost {
  c: Columns;
  fc: FigureContext;
  cfg: EngineConfig;
  context(): MarginContext;
  ids: string[];
  rows: IdIndex;
  seq: number;
  market(): unknown;
  pools: IsolatedPools;
}

const MAGIC = 0x454d4352; // 'RCME'
const VERSION = 4;

type Col = Float64Array | Int32Array | Uint32Array | Uint8Array | BigInt64Array;

function accountCols(c: Columns): Col[] {
  return [c.head, c.im, c.mm, c.value, c.collFloat, c.state, c.nOpt, ...c.cash];
}
function slotCols(c: Columns): Col[] {
  return [
    c.pAcct,
    c.pNext,
    c.pUnd,
    c.pKind,
    c.pInverse,
    c.pQty,
    c.pEntry,
    c.pExpiry,
    c.pValue,
    c.pD1,
    c.pIm,
    c.pMm,
    c.pIdx,
    c.pCode,
    c.pHash,
    c.pInst,
    c.pGIm,
    c.pGMm,
  ];
}

const pad8 = (n: number): number => (n + 7) & ~7;

/** The engine as bytes. */
export function snapshotOf(e: SnapshotHost): Uint8Array {
  const c = e.c;
  const idSec = encodeIds(e.ids);
  const header = JSON.stringify({
    market: e.market(),
    params: e.cfg.params === DEFAULT_MARGIN_PARAMS ? null : e.cfg.params,
    method: e.cfg.methodName,
    collateralAssets: e.cfg.collateralAssets,
    decimals: e.cfg.decimals,
    idText: idSec.text,
    idBytes: idSec.bytes.length,
    seq: e.seq,
    accounts: c.accounts,
    slots: c.slots,
    free: c.free,
    byUnderlying: c.byUnderlying.map((u) => u.n),
    instruments: e.fc.pm?.book.toJSON() ?? null,
    pools: [...e.pools.instrument],
  });
  const head = new TextEncoder().encode(header);
  const parts: Uint8Array[] = [];
  const add = (a: Col, n: number): void => {
    parts.push(new Uint8Array(a.buffer, a.byteOffset, n * a.BYTES_PER_ELEMENT));
  };
  add(idSec.ends, c.accounts);
  add(idSec.bytes, idSec.bytes.length);
  for (const a of accountCols(c)) add(a, c.accounts);
  for (const a of slotCols(c)) add(a, c.slots);
  for (const u of c.byUnderlying) add(u.slots, u.n);
  let size = pad8(12 + head.length);
  for (const p of parts) size += pad8(p.length);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, VERSION, true);
  dv.setUint32(8, head.length, true);
  out.set(head, 12);
  let at = pad8(12 + head.length);
  for (const p of parts) {
    out.set(p, at);
    at += pad8(p.length);
  }
  return out;
}

/** An engine from {@link snapshotOf}'s bytes. */
export function engineFromSnapshot<E extends SnapshotHost>(
  bytes: unknown,
  path: string,
  make: (cfg: EngineConfig, capacity: number) => E,
): E {
  if (!(bytes instanceof Uint8Array) || bytes.length < 12)
    throw new RiskInputError(path, 'a Uint8Array from engine.snapshot()', bytes);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== MAGIC)
    throw new RiskInputError(path, `an engine snapshot (magic RCME, version ${VERSION})`, undefined);
  const version = dv.getUint32(4, true);
  if (version !== VERSION)
    throw new RiskInputError(
      path,
      `an engine snapshot of format version ${VERSION} (this one is version ${version}; take a new snapshot)`,
      undefined,
    );
  const n = dv.getUint32(8, true);
  if (12 + n > bytes.length) throw new RiskInputError(path, 'a complete engine snapshot', undefined);
  let h: {
    market: unknown;
    params: unknown;
    method: string;
    collateralAssets: string[];
    decimals: number;
    idText: IdText;
    idBytes: number;
    seq: number;
    accounts: number;
    slots: number;
    free: number[];
    byUnderlying: number[];
    instruments: Parameters<OptionInstruments['restore']>[0] | null;
    pools: Array<[number, EngineInstrument]>;
  };
  try {
    h = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + n)));
  } catch {
    throw new RiskInputError(path, 'an engine snapshot with a readable header', undefined);
  }
  const cfg = engineConfig(h.market, {
    method: h.method,
    collateralAssets: h.collateralAssets,
    decimals: h.decimals,
    ...(h.params === null ? {} : { params: h.params }),
  });
  const e = make(cfg, Math.max(16, h.accounts, h.slots));
  const c = e.c;
  let at = pad8(12 + n);
  const read = (a: Col, count: number): void => {
    const len = count * a.BYTES_PER_ELEMENT;
    if (at + len > bytes.length) throw new RiskInputError(path, 'a complete engine snapshot', undefined);
    new Uint8Array(a.buffer, a.byteOffset, len).set(bytes.subarray(at, at + len));
    at += pad8(len);
  };
  const ends = new Uint32Array(h.accounts);
  read(ends, h.accounts);
  // the id text is read in place (bytes, not a typed array of wider elements: any alignment will do)
  const text = bytes.subarray(at, at + h.idBytes);
  if (text.length !== h.idBytes) throw new RiskInputError(path, 'a complete engine snapshot', undefined);
  at += pad8(h.idBytes);
  if (!decodeIds({ text: h.idText, ends, bytes: text }, e.ids, e.rows))
    throw new RiskInputError(path, 'an engine snapshot with a readable id section', undefined);
  c.accounts = h.accounts;
  c.slots = h.slots;
  c.free = h.free.slice();
  for (const a of accountCols(c)) read(a, h.accounts);
  for (const a of slotCols(c)) read(a, h.slots);
  c.byUnderlying = h.byUnderlying.map((k) => {
    const slots = new Int32Array(Math.max(16, k));
    read(slots, k);
    return { slots, n: k };
  });
  e.seq = h.seq;
  // a pool row holds its account's id; the account's own row, opened before it, is the one the id finds
  for (const [p, ins] of h.pools) e.pools.add(e.rows.get(e.ids[p]) as number, p, ins);
  if (h.instruments && e.fc.pm) e.fc.pm.book.restore(h.instruments, e.context(), e.fc.underlyings);
  return e;
}
