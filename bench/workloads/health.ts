/**
 * Workload 'health': health factor and liquidation amounts for 100,000 lending positions of 5 reserves each
 * (WETH, wstETH, WBTC, USDC, DAI of the Aave v3 Ethereum parameter set), positions per second, single thread.
 * Each position: the exact health factor (fastAccountHealth, floor at 18 decimals) and one Aave v3.3 liquidation call
 * (fastLiquidation, to the wei) on its largest collateral and largest debt (chosen when the inputs are drawn). Balances
 * are seeded (pure-rand xoroshiro128+) with HF spread around 1 so that about half are liquidatable.
 * Mode 'fast-bigint' is the timed path; mode 'decimal' times the Decimal API (accountHealth + liquidationAmounts with
 * rounding 'aave') on a 2,000-position slice for comparison. numpy_reference.py has no such workload: no ratio.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { medianSeconds, type BenchRecord, type Workload } from '../harness.js';
import {
  AAVE_V3_ETHEREUM,
  accountHealth,
  fastAccountHealth,
  fastLiquidation,
  fastMarket,
  lendingMarket,
  liquidationAmounts,
} from '../../src/lending/index.js';

const ASSETS = ['WETH', 'wstETH', 'WBTC', 'USDC', 'DAI'];
const PRICES: Record<string, string> = {
  WETH: '3012.45',
  wstETH: '3450.1234',
  WBTC: '61234.5',
  USDC: '0.99995',
  DAI: '1.0001',
  USDT: '1',
  UNI: '6.5',
};

export interface HealthInputs {
  n: number;
  supplies: bigint[][];
  borrows: bigint[][];
  collateral: Int32Array;
  debt: Int32Array;
}

/** Seeded positions over the market's reserve order (`fastMarket(...).assets`). */
export function healthInputs(n: number, seed = 11): HealthInputs {
  const fm = fastMarket(AAVE_V3_ETHEREUM, PRICES);
  const rng = xoroshiro128plus(seed);
  const u = () => ((rng.next() >>> 0) + 0.5) / 4294967296;
  const idx = ASSETS.map((a) => fm.assets.indexOf(a));
  const usd = (i: number) => Number(fm.price[i]) / 1e8;
  const supplies: bigint[][] = [];
  const borrows: bigint[][] = [];
  const collateral = new Int32Array(n);
  const debt = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const s = new Array<bigint>(fm.assets.length).fill(0n);
    const b = new Array<bigint>(fm.assets.length).fill(0n);
    const size = 10 ** (2 + 5 * u()); // $100 … $10M
    let collUsd = 0;
    let best = -1,
      bestV = 0;
    for (const i of idx) {
      if (u() < 0.6) {
        const v = size * u();
        s[i] = BigInt(Math.floor((v / usd(i)) * 10 ** fm.decimals[i]));
        collUsd += (v * Number(fm.ltBps[i])) / 1e4;
        if (v > bestV) {
          bestV = v;
          best = i;
        }
      }
    }
    if (best < 0) {
      best = idx[0];
      s[best] = 10n ** BigInt(fm.decimals[best]);
      collUsd = usd(best) * 0.8;
    }
    // debt spread so that HF ~ U(0.7, 1.4)
    const target = collUsd / (0.7 + 0.7 * u());
    const shares: number[] = idx.map(() => (u() < 0.5 ? u() : 0));
    if (!shares.some((x) => x > 0)) shares[3] = 1;
    const tot = shares.reduce((a, x) => a + x, 0);
    let dBest = -1,
      dV = 0;
    idx.forEach((i, k) => {
      const v = (target * shares[k]) / tot;
      if (v > 0) {
        b[i] = BigInt(Math.floor((v / usd(i)) * 10 ** fm.decimals[i]));
        if (v > dV) {
          dV = v;
          dBest = i;
        }
      }
    });
    supplies.push(s);
    borrows.push(b);
    collateral[p] = best;
    debt[p] = dBest;
  }
  return { n, supplies, borrows, collateral, debt };
}

const workload: Workload = {
  name: 'health',
  throughputKey: 'positions_per_s',
  async run(ctx) {
    const n = ctx.quick ? 20_000 : 100_000;
    const inp = healthInputs(n);
    const fm = fastMarket(AAVE_V3_ETHEREUM, PRICES);
    let liquidatable = 0;
    let repaidChecksum = 0n;
    const runFast = () => {
      liquidatable = 0;
      repaidChecksum = 0n;
      for (let p = 0; p < n; p++) {
        const h = fastAccountHealth(inp.supplies[p], inp.borrows[p], fm);
        const liq = fastLiquidation(fm, inp.supplies[p], inp.borrows[p], inp.collateral[p], inp.debt[p]);
        if (h.liquidatable) liquidatable++;
        repaidChecksum += liq.debtRepaid;
      }
    };
    const seconds = await medianSeconds(runFast, { quick: ctx.quick, iterations: ctx.quick ? 2 : 5, warmup: 1 });
    const recs: BenchRecord[] = [
      {
        workload: 'health',
        threads: 1,
        mode: 'fast-bigint',
        positions: n,
        reserves: 5,
        seconds,
        positions_per_s: n / seconds,
        liquidatable,
        checksum: Number(repaidChecksum % 1_000_000_007n),
      },
    ];
    // The Decimal API on a slice, same rounding ('aave') and same answers.
    const m = 2_000;
    const market = lendingMarket(AAVE_V3_ETHEREUM);
    const accounts = Array.from({ length: m }, (_, p) => ({
      supplies: fm.assets.map((a, i) => ({ asset: a, amount: inp.supplies[p][i] })),
      borrows: fm.assets.map((a, i) => ({ asset: a, amount: inp.borrows[p][i] })),
    }));
    const sDec = await medianSeconds(
      () => {
        for (let p = 0; p < m; p++) {
          accountHealth(accounts[p], market, PRICES);
          liquidationAmounts(accounts[p], market, PRICES, {
            collateralAsset: fm.assets[inp.collateral[p]],
            debtAsset: fm.assets[inp.debt[p]],
            rounding: 'aave',
          });
        }
      },
      { quick: true, iterations: 3, warmup: 1 },
    );
    recs.push({
      workload: 'health',
      threads: 1,
      mode: 'decimal',
      positions: m,
      reserves: 5,
      seconds: sDec,
      positions_per_s: m / sDec,
    });
    return recs;
  },
};

export default workload;
