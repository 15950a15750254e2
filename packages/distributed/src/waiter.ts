/// <reference types="node" />
/**
 * Wait for BullMQ jobs to finish without missing any: completion events from a QueueEvents subscription opened
 * first, then each job's current state read once (it may have finished before the subscription began reading),
 * and a slow poll as a safety net for events that fall between the subscription and its first read. Internal.
 */
import { Job } from 'bullmq';
import type { Queue, QueueEvents } from 'bullmq';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (e: Error) => void;
}

/** Resolves each awaited job id with its return value, or rejects with its failedReason once it fails for good. */
export class JobWaiter {
  private readonly pending = new Map<string, Pending>();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly onCompleted: (a: { jobId: string; returnvalue: unknown }) => void;
  private readonly onFailed: (a: { jobId: string }) => void;

  constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    pollMs = 2000,
  ) {
    this.onCompleted = ({ jobId, returnvalue }) => {
      const p = this.pending.get(jobId);
      if (p === undefined) return;
      this.pending.delete(jobId);
      p.resolve(returnvalue);
    };
    this.onFailed = ({ jobId }) => {
      if (this.pending.has(jobId)) void this.check(jobId);
    };
    events.on('completed', this.onCompleted);
    events.on('failed', this.onFailed);
    this.timer = setInterval(() => {
      for (const id of this.pending.keys()) void this.check(id);
    }, pollMs);
    this.timer.unref?.();
  }

  /** The job's return value once it has completed (call after the job was added). */
  wait(jobId: string): Promise<unknown> {
    const out = new Promise<unknown>((resolve, reject) => this.pending.set(jobId, { resolve, reject }));
    void this.check(jobId);
    return out;
  }

  private async check(jobId: string): Promise<void> {
    try {
      const state = await this.queue.getJobState(jobId);
      if (!this.pending.has(jobId)) return;
      if (state === 'completed' || state === 'failed' || state === 'unknown') {
        const job = state === 'unknown' ? undefined : await Job.fromId(this.queue, jobId);
        const p = this.pending.get(jobId);
        if (p === undefined) return;
        this.pending.delete(jobId);
        if (job === undefined)
          p.reject(
            new Error(`job ${jobId} is gone from queue ${this.queue.name} (removed before its result was read)`),
          );
        else if (state === 'completed') p.resolve(job.returnvalue);
        else p.reject(new Error(`job ${jobId} failed after ${job.attemptsMade} attempt(s): ${job.failedReason}`));
      }
    } catch {
      // a transient Redis error: the next poll reads the state again
    }
  }

  /** Stop listening; jobs still awaited are rejected. */
  close(): void {
    clearInterval(this.timer);
    this.events.off('completed', this.onCompleted);
    this.events.off('failed', this.onFailed);
    for (const [id, p] of this.pending) p.reject(new Error(`stopped waiting for job ${id}`));
    this.pending.clear();
  }
}
