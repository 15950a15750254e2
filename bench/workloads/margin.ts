/**
 * Workload 'margin': `accountMargin` (portfolio method, Deribit 27-scenario grid, full revaluation) for accounts of
 * 500 option positions on 3 underlyings (BTC, ETH, SOL), single thread, in accounts per second. The accounts draw
 * their positions from one listed-options universe (3 underlyings × 6 expiries × 15 strikes × call/put, linear and
 * inverse) so that, as on a venue, a market snapshot's risk arrays are computed once (`prepareMargin`) and shared by
 * every account; each account is still validated in full. A second record times accounts validated once at the
 * boundary (`validateAccount`, a branded value margined without validating again), as a venue re-margining its
 * accounts on every snapshot would; a third a cold context (risk arrays rebuilt every account) for comparison.
 * Target: ≥ 1,000 accounts/s.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { medianSeconds, type BenchRecord, type Workload } from '../harness.js';
import {
  accountMargin,
  prepareMargin,
  validateAccount,
  type Account,
  type AccountPosition,
} from '../../src/netting/index.js';

export const MARGIN_MARKET = {
  assets: { BTC: { price: 60000, vol: 0.55 }, ETH: { price: 3000, vol: 0.7 }, SOL: { price: 150, vol: 0.9 } },
  rate: 0.04,
};

/** `count` accounts of `size` option positions each, seeded. */
export function marginAccounts(count: number, size = 500, seed = 11): Account[] {
  const rng = xoroshiro128plus(seed);
  const u = () => ((rng.next() >>> 0) + 0.5) / 4294967296;
  const names = ['BTC', 'ETH', 'SOL'] as const;
  const expiries = [2, 7, 14, 30, 90, 180].map((d) => d / 365);
  const out: Account[] = [];
  for (let a = 0; a < count; a++) {
    const positions: AccountPosition[] = [];
    for (let i = 0; i < size; i++) {
      const name = names[Math.floor(u() * 3)];
      const s = MARGIN_MARKET.assets[name].price;
      const strike = s * (0.65 + 0.05 * Math.floor(u() * 15));
      positions.push({
        kind: 'option',
        underlying: name,
        type: u() < 0.5 ? 'call' : 'put',
        strike,
        expiry: expiries[Math.floor(u() * 6)],
        quantity: Math.round((u() - 0.5) * 200) / 10 || 0.1,
        settlement: u() < 0.3 ? 'inverse' : 'linear',
      });
    }
    out.push({ collateral: [{ asset: 'USDC', amount: '5000000' }], positions });
  }
  return out;
}

const workload: Workload = {
  name: 'margin',
  throughputKey: 'accounts_per_s',
  async run(ctx) {
    const n = ctx.quick ? 50 : 200;
    const accounts = marginAccounts(n);
    const shared = prepareMargin(MARGIN_MARKET);
    let checksum = 0;
    const seconds = await medianSeconds(
      () => {
        checksum = 0;
        for (const a of accounts) checksum += accountMargin(a, shared).initialMargin.toNumber();
      },
      { quick: ctx.quick },
    );
    const validated = accounts.map((a) => validateAccount(a));
    const validatedSeconds = await medianSeconds(
      () => {
        for (const a of validated) accountMargin(a, shared);
      },
      { quick: ctx.quick },
    );
    const cold = accounts.slice(0, 10);
    const coldSeconds = await medianSeconds(
      () => {
        for (const a of cold) accountMargin(a, MARGIN_MARKET);
      },
      { quick: true },
    );
    const recs: BenchRecord[] = [
      {
        workload: 'margin',
        threads: 1,
        mode: 'shared-context',
        accounts: n,
        positions: 500,
        scenarios: 27,
        seconds,
        accounts_per_s: n / seconds,
        checksum,
      },
      {
        workload: 'margin',
        threads: 1,
        mode: 'validated-once',
        accounts: n,
        positions: 500,
        scenarios: 27,
        seconds: validatedSeconds,
        accounts_per_s: n / validatedSeconds,
      },
      {
        workload: 'margin',
        threads: 1,
        mode: 'cold-context',
        accounts: cold.length,
        positions: 500,
        scenarios: 27,
        seconds: coldSeconds,
        accounts_per_s: cold.length / coldSeconds,
      },
    ];
    return recs;
  },
};

export default workload;
