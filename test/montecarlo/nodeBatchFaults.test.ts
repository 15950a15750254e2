/**
 * Faults during the pool's batch pricing (pool.optionGreeksBatch, optionPriceBatch, impliedVolBatch): a worker that
 * exits mid-batch, a worker error and a batch past its `timeoutMs` each reject the batch with a MonteCarloPoolError
 * within a bounded time; by then the workers that shared the batch have exited (none writes `out` afterwards); the
 * same pool then gives the single-thread figures again. The time each fault took to surface is printed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { impliedVolBatch, optionPriceBatch } from '../../src/greeks/index.js';
import { createMonteCarloPool, MonteCarloPoolError, RiskInputError } from '../../src/montecarlo/node/index.js';

const internals = Symbol.for('riskcore.montecarlo.pool.internals');
type Thread = { terminate(): Promise<number>; emit(e: string, x: unknown): boolean; threadId: number };
const pool = createMonteCarloPool({ threads: 2 });
afterAll(() => pool.destroy());
const threadsOf = (p: typeof pool) =>
  (p as unknown as Record<symbol, () => { threads: Array<{ thread: Thread }> }>)
    [internals]()
    .threads.map((t) => t.thread);

const shared = (n: number) => new Float64Array(new SharedArrayBuffer(8 * n));
/** n rows of a price batch, columns on shared memory (deterministic). */
function cols(n: number) {
  const c = { spot: shared(n), strike: shared(n), expiry: shared(n), vol: shared(n), rate: 0.02 };
  const isCall = new Uint8Array(new SharedArrayBuffer(n));
  for (let i = 0; i < n; i++) {
    c.spot[i] = 80 + (i % 41);
    c.strike[i] = 70 + (i % 53);
    c.expiry[i] = 0.05 + (i % 29) / 10;
    c.vol[i] = 0.1 + (i % 17) / 20;
    isCall[i] = i & 1;
  }
  return { ...c, isCall };
}
/** An implied-vol batch of n rows (prices of `cols(n)`): the slowest batch per row, so one that lasts. */
function ivCols(n: number) {
  const { vol: _v, ...c } = cols(n);
  const price = shared(n);
  optionPriceBatch(cols(n), price);
  return { ...c, price };
}
const same = (a: Float64Array, b: Float64Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** The rejection of `p` and the ms it took; a batch that hangs fails after `hangMs` instead of stalling the suite. */
async function failure(p: Promise<unknown>, hangMs = 15_000): Promise<{ error: unknown; ms: number }> {
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<'hang'>((r) => {
    timer = setTimeout(() => r('hang'), hangMs);
  });
  try {
    const r = await Promise.race([p.then(() => 'settled' as const), hang]);
    throw new Error(r === 'hang' ? `the batch neither settled nor failed within ${hangMs} ms` : 'the batch succeeded');
  } catch (error) {
    if (error instanceof Error && /the batch (neither|succeeded)/.test(error.message)) throw error;
    return { error, ms: performance.now() - t0 };
  } finally {
    clearTimeout(timer);
  }
}

const N = 400_000;
const iv = ivCols(N);
const want = impliedVolBatch(iv, new Float64Array(N));

async function stillWorks(): Promise<void> {
  const out = shared(N);
  await pool.impliedVolBatch(iv, out);
  expect(same(out, want)).toBe(true);
}

describe('batch pricing on the pool: faults', () => {
  it('a worker that exits mid-batch rejects it (worker-exit), its workers are gone, the pool recovers', async () => {
    await stillWorks(); // workers started and warm
    const t0 = performance.now();
    await stillWorks();
    console.log(`impliedVolBatch, ${N} rows on 2 threads: ${(performance.now() - t0).toFixed(0)} ms`);
    const out = shared(N);
    const batch = pool.impliedVolBatch(iv, out);
    const threads = threadsOf(pool);
    void threads[0].terminate(); // the task is posted: this worker never answers it
    const { error, ms } = await failure(batch);
    expect(error).toBeInstanceOf(MonteCarloPoolError);
    expect((error as MonteCarloPoolError).code).toBe('worker-exit');
    expect((error as Error).message).toMatch(/exited .*during the batch/);
    console.log(`worker exit during a batch surfaced in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5_000);
    // both workers of the failed batch have exited: nothing writes `out` any more
    expect(threads.every((t) => t.threadId === -1)).toBe(true);
    const frozen = out.slice();
    await new Promise((r) => setTimeout(r, 50));
    expect(same(out, frozen)).toBe(true);
    await stillWorks();
  }, 60_000);

  it('a worker error during a batch rejects it (worker-error) and the pool recovers', async () => {
    const batch = pool.optionPriceBatch(cols(N), shared(N));
    const oom = Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), {
      code: 'ERR_WORKER_OUT_OF_MEMORY',
    });
    threadsOf(pool)[1].emit('error', oom);
    const { error } = await failure(batch);
    expect((error as MonteCarloPoolError).code).toBe('worker-error');
    expect((error as Error).message).toContain('memory limit');
    await stillWorks();
  }, 60_000);

  it('a batch past its timeoutMs rejects (deadline) and the pool recovers', async () => {
    const { error, ms } = await failure(pool.impliedVolBatch(iv, shared(N), { timeoutMs: 5 }));
    expect(error).toBeInstanceOf(MonteCarloPoolError);
    expect((error as MonteCarloPoolError).code).toBe('deadline');
    console.log(`deadline of 5 ms surfaced in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2_000);
    await stillWorks();
    // a deadline the batch meets changes nothing
    const out = shared(N);
    await pool.impliedVolBatch(iv, out, { timeoutMs: 60_000 });
    expect(same(out, want)).toBe(true);
  }, 60_000);

  it('batch options are checked: a RiskInputError naming the field, misspelt keys with a did-you-mean', async () => {
    const small = cols(10);
    await expect(pool.optionPriceBatch(small, shared(10), { timeoutMs: 0 })).rejects.toMatchObject({
      path: 'options.timeoutMs',
    });
    await expect(pool.optionPriceBatch(small, shared(10), { timeoutMs: 1e308 })).rejects.toBeInstanceOf(RiskInputError);
    await expect(pool.optionPriceBatch(small, shared(10), { timeoutms: 5 } as never)).rejects.toThrow(
      /timeoutms is not a field; did you mean timeoutMs/,
    );
    await expect(pool.optionPriceBatch(small, shared(10), null as never)).rejects.toMatchObject({ path: 'options' });
  });

  it('destroying the pool during a batch rejects it (destroyed) instead of leaving it pending', async () => {
    const p = createMonteCarloPool({ threads: 2 });
    const out = shared(N);
    await p.impliedVolBatch(iv, out); // started
    const batch = p.impliedVolBatch(iv, shared(N));
    const destroyed = p.destroy();
    const { error } = await failure(batch);
    await destroyed;
    expect((error as MonteCarloPoolError).code).toBe('destroyed');
  }, 60_000);
});
