/**
 * Generated account lists for `riskcore report --accounts`: N retail-style margin accounts on the market of
 * examples/book.json (USDC / BTC / ETH / stETH collateral; linear and inverse BTC and ETH perps with or without an
 * entry price, a dated ETH future, BTC options on a small strike × expiry set, now and then an isolated
 * sub-account). Deterministic for a given seed.
 *
 * ```sh
 * npx tsx examples/gen_accounts.ts 10000 /tmp/book.json /tmp/accounts.jsonl
 * ```
 * writes `/tmp/book.json` (the example book's market, history and parameters, no accounts) and the accounts, one
 * JSON object per line; with only the first path the accounts go into the book's `accounts` array instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** mulberry32: a small deterministic 32-bit generator, enough for sample data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRIKES = [80000, 90000, 95000, 100000, 110000];
const EXPIRIES = [0.082192, 0.246575];

/** `n` generated accounts (ids `acct-0`, `acct-1`, …). */
export function generateAccounts(n: number, seed = 1): Record<string, unknown>[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const qty = (scale: number) => Number(((rand() - 0.5) * 2 * scale).toFixed(3)) || scale / 10;
  const position = (): Record<string, unknown> => {
    const r = rand();
    if (r < 0.35) {
      const u = pick(['BTC', 'ETH'] as const);
      const p: Record<string, unknown> = { kind: 'perp', underlying: u, quantity: qty(u === 'BTC' ? 2 : 30) };
      if (rand() < 0.5) p.entryPrice = (u === 'BTC' ? 90000 : 3200) + 100 * Math.floor(rand() * 20);
      return p;
    }
    if (r < 0.45) return { kind: 'perp', underlying: 'BTC', quantity: qty(100000), settlement: 'inverse' };
    if (r < 0.55) return { kind: 'future', underlying: 'ETH', expiry: 0.246575, quantity: qty(20) };
    return {
      kind: 'option',
      underlying: 'BTC',
      type: rand() < 0.5 ? 'call' : 'put',
      strike: pick(STRIKES),
      expiry: pick(EXPIRIES),
      quantity: qty(5),
      settlement: 'linear',
    };
  };
  const accounts: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const collateral: Record<string, unknown>[] = [{ asset: 'USDC', amount: (10000 + rand() * 490000).toFixed(2) }];
    if (rand() < 0.3) collateral.push({ asset: pick(['BTC', 'ETH', 'stETH']), amount: (rand() * 5).toFixed(4) });
    const positions = Array.from({ length: 1 + Math.floor(rand() * 4) }, position);
    const a: Record<string, unknown> = { id: `acct-${i}`, collateral, positions };
    if (rand() < 0.1) {
      a.subAccounts = [
        {
          id: 'isolated',
          marginMode: 'isolated',
          collateral: [{ asset: 'USDC', amount: (5000 + rand() * 20000).toFixed(2) }],
          positions: [{ kind: 'perp', underlying: 'ETH', quantity: qty(10) }],
        },
      ];
    }
    accounts.push(a);
  }
  return accounts;
}

/** The example book's market, history and parameters (no accounts, no cascade, no limits). */
export function exampleBookHead(): Record<string, unknown> {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'book.json');
  const book = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return { name: 'generated accounts', market: book.market, history: book.history, parameters: book.parameters };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [n, bookPath, jsonlPath] = process.argv.slice(2);
  const accounts = generateAccounts(Number(n));
  if (jsonlPath === undefined) writeFileSync(bookPath, JSON.stringify({ ...exampleBookHead(), accounts }));
  else {
    writeFileSync(bookPath, JSON.stringify(exampleBookHead()));
    writeFileSync(jsonlPath, `${accounts.map((a) => JSON.stringify(a)).join('\n')}\n`);
  }
}
