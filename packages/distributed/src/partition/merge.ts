/**
 * Gathering the partitions' answers to one event into one result, in an order that does not depend on the number
 * of partitions: margin-state transitions sorted by account id (UTF-16 code-unit order), funding shortfalls summed
 * exactly. And the recovery plan of a partitioned engine from what each partition's folder held. Internal.
 */
import { Money } from 'riskcore';
import type { RiskInputError } from 'riskcore';
import type { Transition } from 'riskcore/engine';
import type { PartitionAnswer } from './apply.js';
import { fromWire } from './route.js';

/** The result of one event applied to a partitioned engine. */
export interface PartitionedEventResult {
  /** False when the event was refused (or invalid: see `error`); nothing changed then. */
  accepted: boolean;
  /** Why it was refused. */
  reason?: string;
  /** Global sequence number of the last accepted event (this one when accepted). */
  seq: number;
  /** Margin-state changes the event caused, sorted by account id. */
  transitions: Transition[];
  /** Funding a payer's cash could not cover (quote units, exact decimal string summed over the partitions). */
  shortfall?: string;
  /** The input error of an invalid event (`apply` throws it; `applyMany` reports it here). */
  error?: RiskInputError;
}

const byAccount = (a: Transition, b: Transition): number =>
  a.account < b.account ? -1 : a.account > b.account ? 1 : 0;

/** One result from the answers of the partitions an event went to (all of them, or its account's). */
export function mergeAnswers(answers: readonly PartitionAnswer[], seq: number): PartitionedEventResult {
  const first = answers[0];
  const res: PartitionedEventResult = { accepted: first.accepted, seq, transitions: [] };
  if (first.reason !== undefined) res.reason = first.reason;
  if (first.error) {
    res.error = fromWire(first.error);
    res.reason = res.error.message;
    return res;
  }
  for (const a of answers) for (const t of a.transitions) res.transitions.push(t);
  if (res.transitions.length > 1) res.transitions.sort(byAccount);
  if (first.shortfall !== undefined) {
    let s = new Money(0);
    for (const a of answers) if (a.shortfall !== undefined && a.shortfall !== '0') s = s.plus(a.shortfall);
    res.shortfall = s.toString();
  }
  return res;
}

/** What one partition's folder held, as its thread reports it on start. */
export interface PartitionState {
  /** Submission number of its snapshot (0 without one) and the global sequence number then. */
  snapN: number;
  snapG: number;
  /** Submission numbers of the events logged after its snapshot. */
  logged: ArrayLike<number>;
  /** Its logged ticks and funding. */
  broadcasts: { at: string; record: unknown }[];
}

/** How to bring the partitions back in step: broadcasts a partition misses, the counters to continue from. */
export interface RecoveryPlan {
  /** Per partition: the broadcast events (submission number, record) to apply, in order. */
  missing: { n: number; record: unknown }[][];
  /** Last submission number any partition saw. */
  submitted: number;
  /** Global sequence number (accepted events). */
  seq: number;
}

/**
 * A tick or funding that reached some partitions' logs but not others before a crash was not acknowledged; the
 * partitions that lack it apply it, so every partition has seen the same broadcasts, as in an uninterrupted run
 * that received it.
 */
export function recoveryPlan(states: readonly PartitionState[]): RecoveryPlan {
  const last = states.map((s) => {
    let m = s.snapN;
    for (let i = 0; i < s.logged.length; i++) if (s.logged[i] > m) m = s.logged[i];
    return m;
  });
  const submitted = Math.max(0, ...last);
  const all = new Map<number, unknown>();
  for (const s of states) for (const b of s.broadcasts) all.set(Number(b.at.slice(2)), b.record);
  const ordered = [...all.entries()].sort((a, b) => a[0] - b[0]);
  const missing = states.map((_s, p) => ordered.filter(([n]) => n > last[p]).map(([n, record]) => ({ n, record })));
  // the latest snapshot counts every event up to it; each partition's log after its own snapshot covers the rest
  let base = states[0] ?? { snapN: 0, snapG: 0 };
  for (const s of states) if (s.snapN > base.snapN) base = s;
  const after = new Set<number>();
  for (const s of states)
    for (let i = 0; i < s.logged.length; i++) if (s.logged[i] > base.snapN) after.add(s.logged[i]);
  return { missing, submitted, seq: base.snapG + after.size };
}
