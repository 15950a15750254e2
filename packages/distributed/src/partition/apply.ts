/**
 * A partition applies its share of a batch of events: each as `engine.apply` would, logging the accepted ones
 * (with their input position) in one append before the answers leave. Internal.
 */
import type { EngineEvent, MarginEngine, Transition } from 'riskcore/engine';
import type { WireError } from './route.js';
import { wireError } from './route.js';
import type { PartitionLog, StoredEntry } from './store.js';

/** One event of a batch as a partition receives it. */
export interface PartitionItem {
  /** Input position (`ms-seq`; `0-n` for submission number n). */
  at: string;
  event: unknown;
}

/** A partition's answer for one event (plain data). */
export interface PartitionAnswer {
  accepted: boolean;
  reason?: string;
  transitions: Transition[];
  shortfall?: string;
  /** The RiskInputError the event raised (nothing changed then). */
  error?: WireError;
}

/** The answer of most events, one object (a structured clone sends an object referenced many times once). */
const ACCEPTED: PartitionAnswer = { accepted: true, transitions: [] };

/** Apply `items` in order; accepted events are appended to `log` (when given) before returning. */
export function applyItems(
  engine: MarginEngine,
  items: readonly PartitionItem[],
  log: PartitionLog | null,
): PartitionAnswer[] {
  const out: PartitionAnswer[] = [];
  const logged: StoredEntry[] = [];
  for (const it of items) {
    let a: PartitionAnswer;
    try {
      const r = engine.apply(it.event as EngineEvent);
      if (r.accepted && r.transitions.length === 0 && r.shortfall === undefined) a = ACCEPTED;
      else {
        a = { accepted: r.accepted, transitions: r.transitions };
        if (r.reason !== undefined) a.reason = r.reason;
        if (r.shortfall !== undefined) a.shortfall = r.shortfall;
      }
      if (r.log) logged.push({ at: it.at, seq: r.log.seq, record: r.log.record });
    } catch (e) {
      a = { accepted: false, transitions: [], error: wireError(e) };
    }
    out.push(a);
  }
  log?.append(logged);
  return out;
}
