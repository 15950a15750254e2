/**
 * simulateProtocolRiskParallel (riskcore/montecarlo/node) with importance sampling: the weighted figures of a run
 * spread over worker threads equal the single-thread simulateProtocolRisk result bit for bit, weights included.
 */
import { describe, expect, it } from 'vitest';
import { simulateProtocolRiskParallel } from '../../src/montecarlo/node/index.js';
import { simulateProtocolRisk } from '../../src/stress/index.js';
import type { Protocol } from '../../src/stress/index.js';
import { market, protocol as thinBook } from '../stress/protocolRisk/thinBook.js';

// the shared thin book without its third account
const protocol = { ...thinBook, accounts: thinBook.accounts.slice(0, 2) } as Protocol;
// 4,500 paths: two substream blocks, cut by the chunks anywhere
const options = {
  paths: 4500,
  steps: 5,
  dt: 1 / 365,
  seed: 9,
  detail: 2,
  batches: 5,
  importanceSampling: { shift: { ETH: -10, BTC: -4 } },
};

describe('simulateProtocolRiskParallel with importance sampling', () => {
  const single = simulateProtocolRisk(protocol, market, options);

  it('2 threads: the single-thread weighted result bit for bit', async () => {
    const r = await simulateProtocolRiskParallel(protocol, market, { ...options, threads: 2 });
    expect(JSON.stringify(r)).toBe(JSON.stringify(single));
    expect(r.importanceSampling?.weightByPath.length).toBe(4500);
    expect(single.badDebt.tail[0].es.value).toBeGreaterThan(0);
  });

  it('a bad shift rejects naming the field, before any worker runs', async () => {
    await expect(
      simulateProtocolRiskParallel(protocol, market, { ...options, importanceSampling: { shift: { SOL: -1 } } }),
    ).rejects.toMatchObject({ path: 'options.importanceSampling.shift.SOL' });
  });
});
