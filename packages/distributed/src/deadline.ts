/// <reference types="node" />
/**
 * Deadlines and Redis fault reporting for the scale-out: every client call (a distributed run, a margin sweep, a
 * worker's start) ends within its deadline with a {@link DistributedRunError} that says what it was waiting for and
 * the last error the Redis client reported (refused connection, wrong password, a TLS handshake to a plain server).
 */
import { checkNumber } from 'riskcore';

/** Why a distributed call failed for a reason other than its input. */
export type DistributedRunErrorCode = 'connect' | 'deadline' | 'callback' | 'job';

/**
 * A distributed run that could not finish: Redis not reached or not ready within the connection deadline
 * (`connect`), the run's own deadline passed (`deadline`), the caller's callback threw (`callback`, the thrown value
 * as `cause`), or a job failed for good (`job`). Bad input still throws `RiskInputError`.
 */
export class DistributedRunError extends Error {
  /** What went wrong. */
  readonly code: DistributedRunErrorCode;
  constructor(code: DistributedRunErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DistributedRunError';
    this.code = code;
  }
}

/** Longest deadline accepted: the largest delay a Node timer holds (about 24.8 days). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** Default connection deadline: connecting, authenticating and queueing the first jobs (ms). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** An optional timeout field in milliseconds: (0, {@link MAX_TIMEOUT_MS}]. Internal. */
export function optionalTimeout(value: unknown, path: string, fallback: number | undefined): number | undefined {
  return value === undefined ? fallback : checkNumber(value, path, { gt: 0, le: MAX_TIMEOUT_MS });
}

/**
 * `input.timeoutMs` (default none) and `input.connectTimeoutMs` (default {@link DEFAULT_CONNECT_TIMEOUT_MS}) of a
 * client call's checked input object, in that order. Internal.
 */
export function inputDeadlines(o: Record<string, unknown>): {
  timeoutMs: number | undefined;
  connectTimeoutMs: number;
} {
  const timeoutMs = optionalTimeout(o.timeoutMs, 'input.timeoutMs', undefined);
  const connectTimeoutMs = optionalTimeout(
    o.connectTimeoutMs,
    'input.connectTimeoutMs',
    DEFAULT_CONNECT_TIMEOUT_MS,
  ) as number;
  return { timeoutMs, connectTimeoutMs };
}

/** Something with Redis connections that reports errors and can be closed or cut off. */
export interface RedisClientLike {
  on(event: 'error', listener: (e: Error) => void): unknown;
  close(): Promise<void>;
  disconnect(): Promise<void>;
}

/** Keeps the last error each client reported, for the message of a connection deadline. Internal. */
export class RedisErrors {
  last: string | undefined;
  watch(...clients: RedisClientLike[]): void {
    for (const c of clients)
      c.on('error', (e: Error) => {
        this.last = e?.message ?? String(e);
      });
  }
  describe(): string {
    return this.last === undefined ? 'no error reported by the Redis client' : `last Redis error: ${this.last}`;
  }
}

/**
 * Run `body` under a deadline: resolves with its value, or rejects with `onExpiry()` once `ms` pass (never when `ms`
 * is undefined). The body keeps running in the background after expiry; the caller closes its clients. Internal.
 */
export function withDeadline<T>(body: Promise<T>, ms: number | undefined, onExpiry: () => Error): Promise<T> {
  if (ms === undefined) return body;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onExpiry()), ms);
  });
  body.catch(() => undefined);
  return Promise.race([body, expiry]).finally(() => clearTimeout(timer));
}

/**
 * Close clients: a graceful close for up to `graceMs`, then a forced disconnect (which also stops the client's
 * reconnection attempts, so an unreachable server never keeps the process alive). Resolves within about
 * 2 × `graceMs` whatever the server does. Internal.
 */
export async function closeClients(clients: RedisClientLike[], graceMs = 1000): Promise<void> {
  const closed = Promise.allSettled(clients.map((c) => c.close())).then(() => true);
  if (await within(closed, graceMs)) return;
  await within(
    Promise.allSettled(clients.map((c) => c.disconnect())).then(() => true),
    graceMs,
  );
}

/** True if `p` resolved within `ms`, false otherwise (the timer never keeps the process alive). Internal. */
export async function within(p: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref?.();
  });
  const r = await Promise.race([p, late]);
  clearTimeout(timer);
  return r;
}
