/**
 * The thin two-asset book the protocol-risk sharding, thread and queue tests share: jumps on ETH, thin books, a lagging
 * oracle, a small fund and perps, so that bad paths carry bad debt.
 */
import type { Protocol, ProtocolMarket } from '../../../src/stress/index.js';

export const protocol: Protocol = {
  accounts: [
    { id: 'b', collateral: { ETH: '4', BTC: '0.05' }, debt: '8600' },
    { id: 'a', collateral: { ETH: '2' }, debt: '3900', perps: [{ asset: 'BTC', size: '-0.2', entryPrice: '60000' }] },
    { id: 'c', collateral: { BTC: '0.3' }, debt: '14500', perps: [{ asset: 'ETH', size: '5', entryPrice: '2500' }] },
  ],
  params: {
    assets: {
      ETH: { price: '2500', depth: '400000', oracle: { latency: 1 } },
      BTC: { price: '60000', depth: '2000000', liquidationThreshold: 0.85 },
    },
    insuranceFund: '300',
  },
};
export const market: ProtocolMarket = {
  assets: { BTC: { vol: 0.9 }, ETH: { vol: 1.3, drift: -0.3, jumpIntensity: 30, jumpMean: -0.04, jumpVol: 0.05 } },
  correlation: [
    [1, 0.6],
    [0.6, 1],
  ],
};
