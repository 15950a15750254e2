/** Inputs shared by the simulation tests: a three-asset market and a random Black option column entry. */
import fc from 'fast-check';
import type { Market } from '../../src/core/model.js';

export const market: Market = {
  assets: {
    BTC: {
      price: 60000,
      mark: 60050,
      vol: 0.6,
      dividendYield: 0.01,
      smile: { strikes: [50000, 60000, 70000], vols: [0.7, 0.6, 0.65] },
    },
    ETH: { price: 3000, vol: 0.8 },
    SOL: { price: 150, vol: 1.0 },
  },
  rate: 0.03,
  correlation: {
    assets: ['BTC', 'ETH', 'SOL'],
    matrix: [
      [1, 0.7, 0.5],
      [0.7, 1, 0.6],
      [0.5, 0.6, 1],
    ],
  },
};

/** A random Black option of a column: strike K, total vol v, call/put, signed quantity × discount qd, carry factor cf. */
export const blackOption = fc.record({
  K: fc.double({ min: 1, max: 1e5, noNaN: true }),
  v: fc.double({ min: 1e-4, max: 5, noNaN: true }),
  call: fc.boolean(),
  qd: fc.double({ min: -100, max: 100, noNaN: true }),
  cf: fc.double({ min: 0.5, max: 2, noNaN: true }),
});
