/**
 * Child process of nodeProtocolRiskFaults.test.ts: starts a long simulateProtocolRiskParallel run with a short
 * `timeoutMs`, prints the rejection (one JSON line: name, code, ms from the call) and returns without calling
 * process.exit: the process ends only if the run left no worker thread running.
 */
import { simulateProtocolRiskParallel } from '../../src/montecarlo/node/index.js';
import type { Protocol } from '../../src/stress/index.js';

const protocol: Protocol = {
  accounts: [
    { id: 'a', collateral: { ETH: '2' }, debt: '3900', perps: [{ asset: 'BTC', size: '-0.2', entryPrice: '60000' }] },
    { id: 'c', collateral: { BTC: '0.3' }, debt: '14500', perps: [{ asset: 'ETH', size: '5', entryPrice: '2500' }] },
  ],
  params: { assets: { ETH: { price: '2500', depth: '400000' }, BTC: { price: '60000', depth: '2000000' } } },
};
const market = { assets: { BTC: { vol: 0.9 }, ETH: { vol: 1.3 } } };
const timeoutMs = Number(process.argv[2] ?? 500);
const t0 = performance.now();
// about a minute of one core per 10⁶ paths of this book: far longer than the deadline and the parent's wait
simulateProtocolRiskParallel(protocol, market, {
  paths: 1_000_000,
  steps: 6,
  dt: 1 / 365,
  seed: 1,
  threads: 2,
  timeoutMs,
}).then(
  () => console.log(JSON.stringify({ settled: 'resolved' })),
  (e: { name?: string; code?: string }) =>
    console.log(JSON.stringify({ name: e.name, code: e.code, ms: Math.round(performance.now() - t0) })),
);
