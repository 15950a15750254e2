/**
 * simulateProtocolRiskParallel (riskcore/montecarlo/node) with importance sampling: the weighted figures of a run
 * spread over worker threads equal the single-thread simulateProtocolRisk result bit for bit, weights included.
 */
import { describe, expect, it } from 'vitest';
import { simulateProtocolRiskParallel } from '../../src/montecarlo/node/index.js';
import { simulateProtocolRisk } from '../../src/stress/index.js';
import type { Protocol, ProtocolMarket } from '../../src/stress/index.js';

const protocol: Protocol = {
  accounts: [
    { id: 'b', collateral: { ETH: '4', BTC: '0.05' }, debt: '8600' },
    { id: 'a', collateral: { ETH: '2' }, debt: '3900', perps: [{ asset: 'BTC', size: '-0.2', entryPrice: '60000' }] },
  ],
  params: {
    assets: {
      ETH: { price: '2500', depth: '400000', oracle: { latency: 1 } },
      BTC: { price: '60000', depth: '2000000', liquidationThreshold: 0.85 },
    },
    insuranceFund: '300',
  },
};
const market: ProtocolMarket = {
  assets: { BTC: { vol: 0.9 }, ETH: { vol: 1.3, drift: -0.3, jumpIntensity: 30, jumpMean: -0.04, jumpVol: 0.05 } },
  correlation: [
    [1, 0.6],
    [0.6, 1],
  ],
};
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
