/** 'options' exactly as numpy_reference.py: 5 underlyings, 200 calls fully repriced, 100,000 paths, 99% VaR/ES. */
import type { Workload } from '../harness.js';
import type { Market, Position } from '../../src/core/model.js';
import type { SimulationOptions } from '../../src/montecarlo/index.js';
import { corr, H, linspace, runExact } from './linear.js';

/**
 * 'options': 5 underlyings S0 = linspace(100, 3000), vols linspace(0.5, 0.9), ρ = 0.6; 200 European calls, option m on
 * underlying m % 5, strike S0·linspace(0.7, 1.3, 200)[m], expiry linspace(7, 180, 200)[m]/365 days, quantity −10
 * when m % 3 = 0 else 5, implied vol = the underlying's vol, r = 0; lognormal 1-day move with −σ²h/2 drift.
 */
export function optionsBook(): { positions: Position[]; market: Market; model: Pick<SimulationOptions, 'horizon'> } {
  const k = 5;
  const m = 200;
  const S0 = linspace(100, 3000, k);
  const vol = linspace(0.5, 0.9, k);
  const mult = linspace(0.7, 1.3, m);
  const T = linspace(7, 180, m).map((d) => d / 365);
  const names = S0.map((_, i) => `U${i}`);
  const assets: Market['assets'] = {};
  names.forEach((u, i) => (assets[u] = { price: S0[i], vol: vol[i] }));
  const positions: Position[] = [];
  for (let i = 0; i < m; i++) {
    const a = i % k;
    positions.push({ kind: 'option', type: 'call', underlying: names[a], quantity: i % 3 === 0 ? -10 : 5, strike: S0[a] * mult[i], expiry: T[i] });
  }
  return { positions, market: { assets, rate: 0, correlation: { assets: names, matrix: corr(k, 0.6) } }, model: { horizon: H } };
}

const w: Workload = {
  name: 'options',
  numpy: 'options',
  throughputKey: 'paths_per_s',
  run: (ctx) => runExact('options', optionsBook(), 100_000, ctx),
};
export default w;
