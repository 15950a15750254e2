/**
 * Faults of the worker-thread pool (riskcore/montecarlo/node): a worker that exits mid-run, a worker that runs out
 * error (as one over its heap cap raises), a run past its deadline and a throwing progress callback each reject that run with a
 * MonteCarloPoolError within a bounded time, and the same pool then gives the single-thread numbers again.
 * The time each fault took to surface is printed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createMonteCarloPool, MonteCarloPoolError, RiskInputError } from '../../src/montecarlo/node/index.js';
import { combineShards, planShards, runShard } from '../../src/montecarlo/index.js';

const input = {
  positions: [
    { kind: 'spot' as const, underlying: 'BTC', quantity: 1 },
    { kind: 'option' as const, underlying: 'ETH', quantity: -20, type: 'call' as const, strike: 3200, expiry: 0.1 },
  ],
  market: { assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.8 } } },
  options: { horizon: 1 / 365, seed: 5 },
  totalPaths: 20_000,
  confidence: 0.99,
};
const want = combineShards([runShard(planShards({ ...input, shards: 1 })[0])], input.confidence);
const long = { ...input, totalPaths: 6_000_000 };
const internals = Symbol.for('riskcore.montecarlo.pool.internals');
const pool = createMonteCarloPool({ threads: 2 });
afterAll(() => pool.destroy());

async function failure(run: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const t0 = performance.now();
  try {
    await run;
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
  throw new Error('the run settled without an error');
}

async function stillWorks(): Promise<void> {
  const r = await pool.run(input);
  expect(r.var).toBe(want.var);
  expect(r.paths).toBe(input.totalPaths);
}

describe('worker-thread pool faults', () => {
  it('a worker thread that exits mid-run fails the run (worker-exit) and the pool recovers', async () => {
    await stillWorks(); // workers started and warm
    const run = pool.run(long);
    const tp = (
      pool as unknown as Record<symbol, () => { threads: Array<{ thread: { terminate(): Promise<number> } }> }>
    )[internals]();
    setTimeout(() => void tp.threads[0].thread.terminate(), 30);
    const { error, ms } = await failure(run);
    expect(error).toBeInstanceOf(MonteCarloPoolError);
    expect((error as MonteCarloPoolError).code).toBe('worker-exit');
    console.log(`worker exit surfaced in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5_000);
    await stillWorks();
  }, 60_000);

  it('a run past its deadline fails (deadline) and the pool recovers', async () => {
    const { error, ms } = await failure(pool.run({ ...long, timeoutMs: 50 }));
    expect((error as MonteCarloPoolError).code).toBe('deadline');
    console.log(`deadline of 50 ms surfaced in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2_000);
    await stillWorks();
  }, 60_000);

  it('an onProgress callback that throws rejects the run (callback) instead of killing the process', async () => {
    const boom = new Error('boom');
    const { error, ms } = await failure(
      pool.run({
        ...long,
        onProgress: () => {
          throw boom;
        },
      }),
    );
    expect((error as MonteCarloPoolError).code).toBe('callback');
    expect((error as MonteCarloPoolError).cause).toBe(boom);
    console.log(`throwing callback surfaced in ${ms.toFixed(0)} ms`);
    await stillWorks();
  }, 60_000);

  it('a worker error (the event a worker over its maxMemoryMb heap raises) fails the run (worker-error); the pool recovers', async () => {
    await stillWorks();
    const run = pool.run(long);
    const tp = (
      pool as unknown as Record<symbol, () => { threads: Array<{ thread: { emit(e: string, x: unknown): boolean } }> }>
    )[internals]();
    const oom = Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), {
      code: 'ERR_WORKER_OUT_OF_MEMORY',
    });
    setTimeout(() => tp.threads[0].thread.emit('error', oom), 30);
    const { error, ms } = await failure(run);
    expect(error).toBeInstanceOf(MonteCarloPoolError);
    expect((error as MonteCarloPoolError).code).toBe('worker-error');
    expect((error as Error).message).toContain('memory limit');
    console.log(`worker error surfaced in ${ms.toFixed(0)} ms`);
    await stillWorks();
  }, 60_000);

  it('a pool with a heap cap per worker runs (the cap is passed to the workers)', async () => {
    const small = createMonteCarloPool({ threads: 1, maxMemoryMb: 64 });
    try {
      const r = await small.run(input);
      expect(r.var).toBe(want.var);
    } finally {
      await small.destroy();
    }
  }, 60_000);

  it('deadlines, pool options and run fields are checked: a RiskInputError naming the field', async () => {
    await expect(pool.run({ ...input, timeoutMs: 1e308 })).rejects.toMatchObject({ path: 'input.timeoutMs' });
    await expect(pool.run({ ...input, timeoutMs: 0 })).rejects.toBeInstanceOf(RiskInputError);
    await expect(pool.run({ ...input, onprogress: () => {} } as never)).rejects.toMatchObject({
      path: 'input.onprogress',
    });
    expect(() => createMonteCarloPool({ threads: 1, maxMemoryMB: 64 } as never)).toThrow(
      /maxMemoryMB is not a field; did you mean maxMemoryMb/,
    );
    expect(() => createMonteCarloPool({ threads: 1, maxMemoryMb: 1 })).toThrow(RiskInputError);
  });

  it('a destroyed pool refuses runs with code destroyed', async () => {
    const p = createMonteCarloPool({ threads: 1 });
    await p.destroy();
    await expect(p.run(input)).rejects.toMatchObject({ code: 'destroyed' });
  });
});
