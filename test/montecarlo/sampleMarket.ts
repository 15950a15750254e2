/** The three-asset market (a BTC smile, a dividend yield, a full correlation) shared by the simulation tests. */
import type { Market } from '../../src/core/model.js';

export const market: Market = {
  assets: {
    BTC: { price: 60000, mark: 60050, vol: 0.6, dividendYield: 0.01, smile: { strikes: [50000, 60000, 70000], vols: [0.7, 0.6, 0.65] } },
    ETH: { price: 3000, vol: 0.8 },
    SOL: { price: 150, vol: 1.0 },
  },
  rate: 0.03,
  correlation: { assets: ['BTC', 'ETH', 'SOL'], matrix: [[1, 0.7, 0.5], [0.7, 1, 0.6], [0.5, 0.6, 1]] },
};
