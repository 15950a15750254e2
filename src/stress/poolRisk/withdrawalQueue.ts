/**
 * The lenders' withdrawal queue of {@link poolRateRisk}: requests paid first in, first out from the pool's cash, and
 * the wait of each request.
 */
import type { PoolLockout, PoolWithdrawalLot } from './types.js';

interface Lot {
  requestedAt: bigint;
  amount: bigint;
  remaining: bigint;
  servedAt: bigint | null;
}

/** A FIFO queue of withdrawal requests. */
export class WithdrawalQueue {
  private readonly lots: Lot[] = [];
  private head = 0;
  /** Amount waiting. */
  queued = 0n;

  /** Adds a request made at `time` (nothing for an amount of 0n). */
  request(time: bigint, amount: bigint): void {
    if (amount === 0n) return;
    this.lots.push({ requestedAt: time, amount, remaining: amount, servedAt: null });
    this.queued += amount;
  }

  /** Pays up to `available` at `time`, oldest request first; returns the amount paid. */
  serve(time: bigint, available: bigint): bigint {
    let left = available;
    while (left > 0n && this.head < this.lots.length) {
      const lot = this.lots[this.head];
      const pay = lot.remaining < left ? lot.remaining : left;
      lot.remaining -= pay;
      left -= pay;
      if (lot.remaining === 0n) {
        lot.servedAt = time;
        this.head++;
      }
    }
    const paid = available - left;
    this.queued -= paid;
    return paid;
  }

  /** The lock-out at the end of a scenario of length `horizon`, with the time the queue was non-empty. */
  lockout(horizon: bigint, lockedTime: bigint): PoolLockout {
    let maxWait = 0n;
    const lots: PoolWithdrawalLot[] = this.lots.map((l) => {
      const wait = (l.servedAt ?? horizon) - l.requestedAt;
      if (wait > maxWait) maxWait = wait;
      return { requestedAt: l.requestedAt, amount: l.amount, servedAt: l.servedAt, wait };
    });
    return { lots, maxWait, lockedTime, unservedAtEnd: this.queued };
  }
}
