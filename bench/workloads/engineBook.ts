/**
 * The delta-one book of the engine workloads (a helper module, not a workload): account `acc<i>` gets a USD
 * deposit and a linear BTC perp, every other account an ETH perp, every tenth a BTC spot holding — the book of
 * bench/workloads/engine.ts. Events are generated account by account from a fixed seed.
 */
import type { EngineEvent } from '../../src/engine/index.js';

export const BOOK_MARKET = { assets: { BTC: { price: 60000 }, ETH: { price: 3000 } } };
export const BOOK_OPTIONS = { method: 'cross' as const };

const btcPerp = { kind: 'perp', underlying: 'BTC' } as const;
const ethPerp = { kind: 'perp', underlying: 'ETH' } as const;
const btcSpot = { kind: 'spot', underlying: 'BTC' } as const;

/** Calls `emit` with the events of accounts `0 … n − 1`, in order. */
export function bookEvents(n: number, emit: (e: EngineEvent) => void): void {
  let seed = 19;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < n; i++) {
    const account = `acc${i}`;
    emit({ type: 'deposit', account, asset: 'USD', amount: String(2000 + Math.floor(rnd() * 20000)) });
    const q = Math.round((rnd() - 0.5) * 400) / 100 || 0.01;
    emit({ type: 'fill', account, instrument: btcPerp, quantity: q, price: 60000 + Math.round(rnd() * 600 - 300) });
    if (i % 2 === 0)
      emit({
        type: 'fill',
        account,
        instrument: ethPerp,
        quantity: -q * 10,
        price: 3000 + Math.round(rnd() * 30 - 15),
      });
    if (i % 10 === 0) emit({ type: 'fill', account, instrument: btcSpot, quantity: 0.01, price: 60000 });
  }
}

/** `count` later events on a book of `n` accounts: fills and deposits on random accounts, a BTC tick every `tickEvery` (0: none). */
export function laterEvents(n: number, count: number, tickEvery: number, emit: (e: EngineEvent) => void): void {
  let seed = 77;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let k = 0; k < count; k++) {
    const account = `acc${Math.floor(rnd() * n)}`;
    const x = rnd();
    if (tickEvery > 0 && k % tickEvery === tickEvery - 1)
      emit({ type: 'tick', underlying: 'BTC', price: 60000 + Math.round(rnd() * 200 - 100) });
    else if (x < 0.3) emit({ type: 'deposit', account, asset: 'USD', amount: String(1 + Math.floor(rnd() * 500)) });
    else
      emit({
        type: 'fill',
        account,
        instrument: x < 0.8 ? btcPerp : ethPerp,
        quantity: Math.round((rnd() - 0.5) * 20) / 100 || 0.01,
        price: x < 0.8 ? 60000 + Math.round(rnd() * 200 - 100) : 3000 + Math.round(rnd() * 10 - 5),
      });
  }
}
