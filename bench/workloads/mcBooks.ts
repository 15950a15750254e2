/**
 * The 'linear' and 'options' books of ../shared/bench/numpy_reference.py, expressed as riskcore positions and
 * markets (shared by the montecarlo bench workloads).
 */
import type { Market, Position } from '../../src/core/model.js';
import type { SimulationOptions } from '../../src/montecarlo/index.js';

const linspace = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => (n === 1 ? a : a + ((b - a) * i) / (n - 1)));
const corr = (n: number, rho: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 1 : rho)));

export const H = 1 / 365;

/**
 * 'linear': 20 assets, vols linspace(0.4, 0.9) annual, ρ = 0.5, exposures linspace(−1e6, 2e6) USD,
 * P&L = Σ expo·expm1(σ√h·(Lz)) — spot holdings of expo units at price 1 with drift σ²/2 (so the log-return is
 * exactly σ√h·(Lz), as numpy's).
 */
export function linearBook(): { positions: Position[]; market: Market; model: Pick<SimulationOptions, 'horizon' | 'drift'> } {
  const n = 20;
  const vol = linspace(0.4, 0.9, n);
  const expo = linspace(-1e6, 2e6, n);
  const names = vol.map((_, i) => `A${i}`);
  const assets: Market['assets'] = {};
  const drift: Record<string, number> = {};
  names.forEach((u, i) => {
    assets[u] = { price: 1, vol: vol[i] };
    drift[u] = 0.5 * vol[i] * vol[i];
  });
  const positions: Position[] = names.map((u, i) => ({ kind: 'spot', underlying: u, quantity: expo[i] }));
  return { positions, market: { assets, correlation: { assets: names, matrix: corr(n, 0.5) } }, model: { horizon: H, drift } };
}

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
