/**
 * Faults of simulateProtocolRiskParallel (riskcore/montecarlo/node): a worker that exits mid-run, a worker error and
 * a run past its `timeoutMs` each reject the run with a MonteCarloPoolError within a bounded time (never a hang); by
 * then every worker of the run has exited, a process whose run timed out exits by itself, and the next call gives
 * the single-thread simulateProtocolRisk result again. The time each fault took to surface is printed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MonteCarloPoolError, RiskInputError, simulateProtocolRiskParallel } from '../../src/montecarlo/node/index.js';
import { simulateProtocolRisk } from '../../src/stress/index.js';
import { market, protocol } from '../stress/protocolRisk/thinBook.js';

type Thread = { terminate(): Promise<number>; emit(e: string, x: unknown): boolean; threadId: number };
const internals = Symbol.for('riskcore.montecarlo.protocolRisk.pools.internals');
/** The worker threads of the shared pool of `threads` (undefined when there is none). */
const threadsOf = (threads: number): Thread[] | undefined =>
  (simulateProtocolRiskParallel as unknown as Record<symbol, (t: number) => { threads: Array<{ thread: Thread }> }>)
    [internals](threads)
    ?.threads.map((t) => t.thread);

const small = { paths: 1500, steps: 6, dt: 1 / 365, seed: 41, detail: 2, batches: 5 };
const want = simulateProtocolRisk(protocol, market, small);
// about 0.15 ms of one core per path: tens of seconds on two threads, so every fault lands mid-run
const long = { ...small, paths: 400_000 };

/** The rejection of `p` and the ms it took; a run that hangs fails after `hangMs` instead of stalling the suite. */
async function failure(p: Promise<unknown>, hangMs = 15_000): Promise<{ error: unknown; ms: number }> {
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<'hang'>((r) => {
    timer = setTimeout(() => r('hang'), hangMs);
  });
  try {
    const r = await Promise.race([p.then(() => 'settled' as const), hang]);
    throw new Error(r === 'hang' ? `the run neither settled nor failed within ${hangMs} ms` : 'the run succeeded');
  } catch (error) {
    if (error instanceof Error && /the run (neither|succeeded)/.test(error.message)) throw error;
    return { error, ms: performance.now() - t0 };
  } finally {
    clearTimeout(timer);
  }
}

async function stillWorks(): Promise<void> {
  const r = await simulateProtocolRiskParallel(protocol, market, { ...small, threads: 2 });
  expect(JSON.stringify(r)).toBe(JSON.stringify(want));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('simulateProtocolRiskParallel: faults', () => {
  it('the comparison runs are not of zeros', () => {
    expect(want.badDebt.tail[0].es.value).toBeGreaterThan(0);
  });

  it('a worker that exits mid-run rejects it (worker-exit), its workers are gone, the next call works', async () => {
    await stillWorks(); // workers started and warm
    const threads = threadsOf(2);
    expect(threads?.length).toBe(2);
    const run = simulateProtocolRiskParallel(protocol, market, { ...long, threads: 2 });
    await sleep(200);
    void threads?.[0].terminate();
    const { error, ms } = await failure(run);
    expect(error).toBeInstanceOf(MonteCarloPoolError);
    expect((error as MonteCarloPoolError).code).toBe('worker-exit');
    expect((error as Error).message).toMatch(/exited .* during the protocol-risk run/);
    console.log(`worker exit surfaced in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5_000);
    expect(threads?.map((t) => t.threadId)).toEqual([-1, -1]); // the other worker no longer runs the failed run
    expect(threadsOf(2)).toBeUndefined(); // the failed pool is dropped; the next call starts fresh workers
    await stillWorks();
  }, 60_000);

  it('a worker error (as one over its heap raises) rejects the run (worker-error); the next call works', async () => {
    await stillWorks();
    const threads = threadsOf(2);
    const run = simulateProtocolRiskParallel(protocol, market, { ...long, threads: 2 });
    await sleep(200);
    const oom = Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), {
      code: 'ERR_WORKER_OUT_OF_MEMORY',
    });
    threads?.[1].emit('error', oom);
    const { error, ms } = await failure(run);
    expect(error).toBeInstanceOf(MonteCarloPoolError);
    expect((error as MonteCarloPoolError).code).toBe('worker-error');
    expect((error as Error).message).toContain('memory limit');
    console.log(`worker error surfaced in ${ms.toFixed(0)} ms`);
    expect(threads?.[0].threadId).toBe(-1); // the other worker of the run was terminated before the rejection
    // the one that raised the error left tinypool's list at once, and tinypool terminates it itself
    const t0 = performance.now();
    while (threads?.[1].threadId !== -1 && performance.now() - t0 < 5_000) await sleep(20);
    expect(threads?.[1].threadId).toBe(-1);
    await stillWorks();
  }, 60_000);

  it('a run past its timeoutMs rejects (deadline) once its workers have exited; the next call works', async () => {
    await stillWorks();
    const threads = threadsOf(2);
    const { error, ms } = await failure(
      simulateProtocolRiskParallel(protocol, market, { ...long, threads: 2, timeoutMs: 300 }),
    );
    expect(error).toBeInstanceOf(MonteCarloPoolError);
    expect((error as MonteCarloPoolError).code).toBe('deadline');
    expect((error as Error).message).toContain('deadline of 300 ms');
    console.log(`deadline of 300 ms surfaced in ${ms.toFixed(0)} ms`);
    expect(ms).toBeGreaterThanOrEqual(299);
    expect(ms).toBeLessThan(5_000);
    expect(threads?.map((t) => t.threadId)).toEqual([-1, -1]);
    await stillWorks();
  }, 60_000);

  it('a run that meets its timeoutMs gives the single-thread result', async () => {
    const r = await simulateProtocolRiskParallel(protocol, market, { ...small, threads: 3, timeoutMs: 60_000 });
    expect(JSON.stringify(r)).toBe(JSON.stringify(want));
  }, 60_000);

  it('a process whose run timed out exits by itself (no worker thread left running)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'nodeProtocolRiskChild.ts'), '500'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const t0 = performance.now();
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const wait = await Promise.race([exited, sleep(40_000).then(() => 'hang' as const)]);
    if (wait === 'hang') child.kill('SIGKILL');
    expect(wait).toBe(0);
    const line = JSON.parse(out.trim()) as { name: string; code: string; ms: number };
    expect(line).toMatchObject({ name: 'MonteCarloPoolError', code: 'deadline' });
    console.log(
      `child: deadline surfaced ${line.ms} ms after the call, exit ${(performance.now() - t0).toFixed(0)} ms after spawn`,
    );
  }, 60_000);

  it('timeoutMs and the option keys are checked: a RiskInputError naming the field, before any worker runs', async () => {
    for (const timeoutMs of [0, -1, 1e308, Number.NaN, '100', 2 ** 31])
      await expect(
        simulateProtocolRiskParallel(protocol, market, { ...small, timeoutMs: timeoutMs as number }),
      ).rejects.toMatchObject({ name: 'RiskInputError', path: 'options.timeoutMs' });
    await expect(simulateProtocolRiskParallel(protocol, market, { ...small, timeoutMS: 100 } as never)).rejects.toThrow(
      /options\.timeoutMS is not a field; did you mean timeoutMs/,
    );
    await expect(simulateProtocolRiskParallel(protocol, market, { ...small, threds: 2 } as never)).rejects.toThrow(
      /options\.threds is not a field; did you mean threads/,
    );
    // `shards` is a field of planProtocolRiskShards, not of this call (it was silently overridden before)
    await expect(
      simulateProtocolRiskParallel(protocol, market, { ...small, shards: 4 } as never),
    ).rejects.toBeInstanceOf(RiskInputError);
  });
});
