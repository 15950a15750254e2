/**
 * Child process of the crash test: runs a deterministic event stream forever, appending every accepted event's log
 * entry to `<dir>/log.jsonl` and writing a snapshot (atomically, by rename) after event 200; killed by the parent.
 */
import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMarginEngine, type EngineEvent } from '../../src/engine/index.js';
import { MARKET } from './streams.js';

const dir = process.argv[2];
const engine = createMarginEngine(MARKET, { method: 'cross' });
let seed = 7;
const rnd = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
for (let i = 0; ; i++) {
  const account = `a${Math.floor(rnd() * 50)}`;
  const x = rnd();
  const ev: EngineEvent =
    x < 0.3
      ? { type: 'deposit', account, asset: 'USD', amount: String(1 + Math.floor(rnd() * 5000)) }
      : x < 0.7
        ? {
            type: 'fill',
            account,
            instrument: { kind: 'perp', underlying: rnd() < 0.5 ? 'BTC' : 'ETH' },
            quantity: Math.round((rnd() - 0.5) * 40) / 10 || 0.1,
            price: rnd() < 0.5 ? 60000 * (0.95 + rnd() * 0.1) : 3000 * (0.95 + rnd() * 0.1),
          }
        : { type: 'tick', underlying: 'BTC', price: 60000 * (0.9 + rnd() * 0.2) };
  const r = engine.apply(ev);
  if (r.log) appendFileSync(join(dir, 'log.jsonl'), `${JSON.stringify(r.log)}\n`);
  if (i === 200) {
    writeFileSync(join(dir, 'snap.tmp'), engine.snapshot());
    renameSync(join(dir, 'snap.tmp'), join(dir, 'snap.bin'));
    writeFileSync(join(dir, 'ready'), '1');
  }
}
