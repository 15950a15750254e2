/// <reference types="node" />
/**
 * A partition's durable state in its own folder: `log.jsonl`, the append-only log (one line per accepted event:
 * its position `at` in the partition's input, the engine's sequence number and the event record), and `snap.bin`,
 * the last snapshot (written to a temporary file, then renamed). The snapshot file is a small header — magic
 * `RCPS`, version, the JSON `{ at, g, logBytes }` (input position, global sequence number and log length it was
 * taken at) — then the bytes of `engine.snapshot()`; recovery reads only the log after `logBytes`. A line cut by a
 * crash (no final newline) is not an accepted event: it is cut off the file on recovery. Internal.
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Market } from 'riskcore';
import { createMarginEngine, restoreMarginEngine } from 'riskcore/engine';
import type { EngineEvent, MarginEngine, MarginEngineOptions } from 'riskcore/engine';

/** One line of a partition's log. */
export interface StoredEntry {
  /** Position in the partition's input (`ms-seq` stream id, or `0-n` for submission number n). */
  at: string;
  /** The partition engine's sequence number of the event. */
  seq: number;
  record: EngineEvent;
}

/** What {@link loadPartition} found. */
export interface LoadedPartition {
  engine: MarginEngine;
  /** Input position and global sequence number of the snapshot (`'0-0'`, 0 without one). */
  snapAt: string;
  snapG: number;
  /** The complete log lines after the snapshot. */
  entries: StoredEntry[];
  /** Snapshot file bytes and log lines read. */
  snapshotBytes: number;
}

const MAGIC = 0x53504352; // 'RCPS'
const VERSION = 1;
const pad8 = (n: number): number => (n + 7) & ~7;

/** The snapshot file bytes of an engine taken at input position `at`, global sequence number `g`, log length `logBytes`. */
export function partitionSnapshot(engine: MarginEngine, at: string, g: number, logBytes = 0): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify({ at, g, logBytes }));
  const snap = engine.snapshot();
  const start = pad8(12 + head.length);
  const out = new Uint8Array(start + snap.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, VERSION, true);
  dv.setUint32(8, head.length, true);
  out.set(head, 12);
  out.set(snap, start);
  return out;
}

/** The log from byte `from` on, complete lines only; a line cut by a crash is cut off the file. */
function readLog(path: string, from: number): StoredEntry[] {
  if (!existsSync(path)) return [];
  const fd = openSync(path, 'r');
  let buf: Buffer;
  try {
    const size = fstatSync(fd).size;
    buf = Buffer.alloc(Math.max(0, size - from));
    let got = 0;
    while (got < buf.length) got += readSync(fd, buf, got, buf.length - got, from + got);
  } finally {
    closeSync(fd);
  }
  const end = buf.lastIndexOf(10) + 1; // after the last newline
  if (end < buf.length) truncateSync(path, from + end);
  const lines = buf.toString('utf8', 0, end).split('\n');
  lines.pop();
  return lines.map((l) => JSON.parse(l) as StoredEntry);
}

/** Read a partition folder (creating it when missing) and restore its engine: snapshot + the log after it. */
export function loadPartition(dir: string, market: Market, options: MarginEngineOptions | undefined): LoadedPartition {
  mkdirSync(dir, { recursive: true });
  const snapPath = join(dir, 'snap.bin');
  let snapAt = '0-0';
  let snapG = 0;
  let logBytes = 0;
  let bytes: Uint8Array;
  let snapshotBytes = 0;
  if (existsSync(snapPath)) {
    const file = new Uint8Array(readFileSync(snapPath));
    const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
    if (dv.getUint32(0, true) !== MAGIC || dv.getUint32(4, true) !== VERSION)
      throw new Error(`${snapPath} is not a partition snapshot (magic RCPS, version ${VERSION})`);
    const n = dv.getUint32(8, true);
    const head = JSON.parse(new TextDecoder().decode(file.subarray(12, 12 + n))) as {
      at: string;
      g: number;
      logBytes: number;
    };
    snapAt = head.at;
    snapG = head.g;
    logBytes = head.logBytes;
    bytes = file.subarray(pad8(12 + n));
    snapshotBytes = file.length;
  } else bytes = createMarginEngine(market, options).snapshot();
  const entries = readLog(join(dir, 'log.jsonl'), logBytes);
  const engine = restoreMarginEngine(
    bytes,
    entries.map((e) => ({ seq: e.seq, record: e.record })),
  );
  return { engine, snapAt, snapG, entries, snapshotBytes };
}

/** Appends log lines to a partition folder's log and writes its snapshots. */
export class PartitionLog {
  private readonly fd: number;
  /** Bytes in the log file. */
  private size: number;
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.fd = openSync(join(dir, 'log.jsonl'), 'a');
    this.size = fstatSync(this.fd).size;
  }

  /** Append entries (one write; on return they survive the death of the process). */
  append(entries: readonly StoredEntry[]): void {
    if (entries.length === 0) return;
    let s = '';
    for (const e of entries) s += `${JSON.stringify(e)}\n`;
    this.size += writeSync(this.fd, s);
  }

  /** Write the snapshot file atomically; returns its size in bytes. */
  snapshot(engine: MarginEngine, at: string, g: number): number {
    const bytes = partitionSnapshot(engine, at, g, this.size);
    const tmp = join(this.dir, 'snap.tmp');
    writeFileSync(tmp, bytes);
    renameSync(tmp, join(this.dir, 'snap.bin'));
    return bytes.length;
  }

  close(): void {
    closeSync(this.fd);
  }
}
