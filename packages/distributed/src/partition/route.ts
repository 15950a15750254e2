/**
 * Routing of engine events to partitions: an account belongs to partition `hash(id) mod partitions` (FNV-1a, 32
 * bits, over the id's UTF-16 code units — the same on every machine and every run); deposits, withdrawals and
 * fills go to the account's partition, ticks and funding to every partition. Internal.
 */
import { RiskInputError } from 'riskcore';

/** The partition (0 … `partitions` − 1) of an account id. */
export function partitionOf(accountId: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < accountId.length; i++) h = Math.imul(h ^ accountId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % partitions;
}

/**
 * Where an event goes: the owning partition, `'all'` (tick, funding), or partition 0 when the event is malformed
 * (the engine there refuses it with the error naming the field, as a single engine would).
 */
export function routeOf(event: unknown, partitions: number): number | 'all' {
  if (typeof event !== 'object' || event === null) return 0;
  const o = event as { type?: unknown; account?: unknown };
  if (o.type === 'tick' || o.type === 'funding') return 'all';
  if ((o.type === 'deposit' || o.type === 'withdraw' || o.type === 'fill') && typeof o.account === 'string')
    return partitionOf(o.account, partitions);
  return 0;
}

/** A RiskInputError as plain data (it crosses threads and processes). */
export interface WireError {
  path: string;
  expected: string;
  message: string;
}

/** Plain data of an error: a RiskInputError keeps its path; anything else is rethrown by the caller. */
export function wireError(e: unknown): WireError {
  if (e instanceof RiskInputError) return { path: e.path, expected: e.expected, message: e.message };
  throw e;
}

/** The RiskInputError of {@link wireError}'s data. */
export function fromWire(w: WireError): RiskInputError {
  const e = new RiskInputError(w.path, w.expected, undefined);
  e.message = w.message;
  return e;
}

/** Order of two positions `ms-seq` (a Redis stream id; `0-n` for a submission number): negative, 0 or positive. */
export function compareAt(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am !== bm ? am - bm : as - bs;
}
