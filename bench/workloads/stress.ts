/**
 * Workload 'stress', single thread, seeded (pure-rand xoroshiro128+). numpy_reference.py has no such workload: no
 * ratio. Records carry `items_per_s` (the table's column) and the named rate:
 * - mode 'cascade': 10,000 accounts (half lending: collateral + debt, half perps: cash + long or short perp) through
 *   a 20-round liquidation cascade (−12% then −1% a round, linear impact, 1-round oracle latency, insurance fund,
 *   ADL), exact decimals; `accounts_rounds_per_s` = 10,000 × 20 / seconds. These books stay within Money's 60
 *   digits (src/stress/cascadePrecision.ts) and below the price ceiling. Modes 'cascade' and 'cascade-multi' guard
 *   src/stress/kernels/ (the float liquidation screen).
 * - mode 'cascade-multi': 10,000 cross-collateral accounts over BTC, ETH and SOL (half lending: collateral in 1–3
 *   assets + debt; half perps: cash + 1–2 long or short perps on different assets) through a 20-round multi-asset
 *   cascade (each asset its own path, −8…−15% then −1% a round, own depth, 1-round oracle latency; shared fund,
 *   ADL); `accounts_rounds_per_s` = 10,000 × 20 / seconds.
 * - mode 'scenarios': 1,000 scenarios (16 SPAN, 8 historical, a 12 × 8 price × vol grid, the rest random joint
 *   moves) on a 500-option book over BTC, ETH and SOL (calls and puts, linear and inverse, bsm and black76), full
 *   revaluation; `scenarios_per_s`.
 * - mode 'scenarios+margin': the same book as a netting account with collateral, 100 scenarios each re-margined by
 *   portfolio margin (accountMargin); `scenarios_per_s`.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { medianSeconds, type BenchRecord, type Workload } from '../harness.js';
import type { Market, Position } from '../../src/index.js';
import {
  historicalScenarios,
  priceVolGrid,
  simulateLiquidationCascade,
  spanScenarios,
  stressTest,
} from '../../src/stress/index.js';
import type {
  CascadeAccount,
  MultiAssetCascadeAccount,
  MultiAssetCascadeParams,
  Scenario,
} from '../../src/stress/index.js';

function rng(seed: number) {
  const g = xoroshiro128plus(seed);
  return () => ((g.next() >>> 0) + 0.5) / 4294967296;
}

export function cascadeAccounts(n: number, seed = 7): CascadeAccount[] {
  const u = rng(seed);
  const out: CascadeAccount[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      const c = 1 + 99 * u();
      // LTV at 1000 spread in [0.45, 0.79]
      out.push({ id: `l${i}`, collateral: c.toFixed(6), debt: (c * 1000 * (0.45 + 0.34 * u())).toFixed(2) });
    } else {
      const size = (u() < 0.8 ? 1 : -1) * (1 + 49 * u());
      const lev = 2 + 18 * u();
      out.push({
        id: `p${i}`,
        cash: ((Math.abs(size) * 1000) / lev).toFixed(2),
        perp: { size: size.toFixed(6), entryPrice: (950 + 100 * u()).toFixed(2) },
      });
    }
  }
  return out;
}

const UNDERLYINGS = ['BTC', 'ETH', 'SOL'];
const CASCADE_PRICES: Record<string, number> = { BTC: 60000, ETH: 3000, SOL: 150 };

/** Cross-collateral accounts over BTC, ETH and SOL at CASCADE_PRICES (LTV at those prices in [0.45, 0.79]). */
export function multiCascadeAccounts(n: number, seed = 11): MultiAssetCascadeAccount[] {
  const u = rng(seed);
  const out: MultiAssetCascadeAccount[] = [];
  for (let i = 0; i < n; i++) {
    const first = Math.floor(u() * 3);
    const count = 1 + Math.floor(u() * (i % 2 === 0 ? 3 : 2));
    const assets = Array.from({ length: count }, (_, k) => UNDERLYINGS[(first + k) % 3]);
    if (i % 2 === 0) {
      const collateral: Record<string, string> = {};
      let value = 0;
      for (const a of assets) {
        const units = (1000 + 99_000 * u()) / CASCADE_PRICES[a];
        collateral[a] = units.toFixed(6);
        value += Number(collateral[a]) * CASCADE_PRICES[a];
      }
      out.push({ id: `l${i}`, collateral, debt: (value * (0.45 + 0.34 * u())).toFixed(2) });
    } else {
      let notional = 0;
      const perps = assets.map((a) => {
        const p = CASCADE_PRICES[a];
        const size = ((u() < 0.7 ? 1 : -1) * (1000 + 49_000 * u())) / p;
        notional += Math.abs(size) * p;
        return { asset: a, size: size.toFixed(6), entryPrice: (p * (0.95 + 0.1 * u())).toFixed(2) };
      });
      out.push({ id: `p${i}`, cash: (notional / (2 + 18 * u())).toFixed(2), perps });
    }
  }
  return out;
}

export function multiCascadeParams(rounds: number): MultiAssetCascadeParams {
  const path = (first: number, then: number) => [first, ...Array(rounds - 1).fill(then)];
  return {
    assets: {
      BTC: { price: '60000', path: path(-0.08, -0.01), depth: '3000000000', oracle: { latency: 1 } },
      ETH: { price: '3000', path: path(-0.12, -0.01), depth: '1500000000', oracle: { latency: 1 } },
      SOL: {
        price: '150',
        path: path(-0.15, -0.015),
        depth: '500000000',
        oracle: { latency: 1 },
        liquidationThreshold: 0.75,
      },
    },
    rounds,
    insuranceFund: '100000',
  };
}
export const STRESS_MARKET: Market = {
  assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.75 }, SOL: { price: 150, vol: 0.95 } },
  rate: 0.04,
};

export function optionBook(n: number, seed = 5): Position[] {
  const u = rng(seed);
  const out: Position[] = [];
  for (let i = 0; i < n; i++) {
    const und = UNDERLYINGS[i % 3];
    const S = STRESS_MARKET.assets[und].price;
    out.push({
      kind: 'option',
      underlying: und,
      quantity: Math.round((u() - 0.5) * 40) || 1,
      type: u() < 0.5 ? 'call' : 'put',
      strike: Math.round(S * (0.6 + 0.8 * u())),
      expiry: 0.01 + 1.5 * u(),
      settlement: u() < 0.3 ? 'inverse' : 'linear',
      model: u() < 0.3 ? 'black76' : 'bsm',
    });
  }
  return out;
}

export function stressScenarios(n: number, seed = 3): Scenario[] {
  const u = rng(seed);
  const s: Scenario[] = [
    ...spanScenarios({ priceScanRange: 0.2, volScanRange: 0.15 }),
    ...historicalScenarios(),
    ...priceVolGrid({
      priceMoves: [-0.5, -0.4, -0.3, -0.2, -0.1, -0.05, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5],
      volShifts: [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.5],
    }),
  ];
  while (s.length < n) {
    s.push({
      name: `random ${s.length}`,
      moves: { BTC: -0.5 + u(), ETH: -0.6 + 1.2 * u(), SOL: -0.7 + 1.4 * u() },
      volShift: { '*': -0.2 + 0.6 * u() },
    });
  }
  return s.slice(0, n);
}

const workload: Workload = {
  name: 'stress',
  throughputKey: 'items_per_s',
  async run(ctx) {
    const recs: BenchRecord[] = [];
    // cascade
    const nAcc = 10_000;
    const rounds = 20;
    const accounts = cascadeAccounts(nAcc);
    const path = [-0.12, ...Array(rounds - 1).fill(-0.01)];
    const params = {
      price: '1000',
      path,
      rounds,
      depth: '2000000000',
      insuranceFund: '100000',
      oracle: { latency: 1 },
    };
    let res = simulateLiquidationCascade(accounts, params);
    const sc = await medianSeconds(
      () => {
        res = simulateLiquidationCascade(accounts, params);
      },
      { quick: ctx.quick, iterations: ctx.quick ? 2 : 5, warmup: 1 },
    );
    recs.push({
      workload: 'stress',
      threads: 1,
      mode: 'cascade',
      seconds: sc,
      accounts: nAcc,
      rounds,
      items_per_s: (nAcc * rounds) / sc,
      accounts_rounds_per_s: (nAcc * rounds) / sc,
      liquidated: res.liquidated.length,
      bad_debt: res.totalBadDebt.toNumber(),
      final_price: res.finalPrice.toNumber(),
    });
    // multi-asset cascade
    const multiAcc = multiCascadeAccounts(nAcc);
    const multiParams = multiCascadeParams(rounds);
    let mres = simulateLiquidationCascade(multiAcc, multiParams);
    const sm3 = await medianSeconds(
      () => {
        mres = simulateLiquidationCascade(multiAcc, multiParams);
      },
      { quick: ctx.quick, iterations: ctx.quick ? 2 : 5, warmup: 1 },
    );
    recs.push({
      workload: 'stress',
      threads: 1,
      mode: 'cascade-multi',
      seconds: sm3,
      accounts: nAcc,
      assets: 3,
      rounds,
      items_per_s: (nAcc * rounds) / sm3,
      accounts_rounds_per_s: (nAcc * rounds) / sm3,
      liquidated: mres.liquidated.length,
      bad_debt: mres.totalBadDebt.toNumber(),
      ...Object.fromEntries(Object.entries(mres.finalPrices).map(([a, p]) => [`final_price_${a}`, p.toNumber()])),
    });
    // scenarios on a 500-option book
    const book = optionBook(500);
    const scen = stressScenarios(1000);
    let worst = 0;
    const ss = await medianSeconds(
      () => {
        const r = stressTest(book, STRESS_MARKET, scen);
        worst = r.scenarios[r.worst].pnl;
      },
      { quick: ctx.quick, iterations: ctx.quick ? 2 : 5, warmup: 1 },
    );
    recs.push({
      workload: 'stress',
      threads: 1,
      mode: 'scenarios',
      seconds: ss,
      options: 500,
      scenarios: 1000,
      items_per_s: 1000 / ss,
      scenarios_per_s: 1000 / ss,
      worst_pnl: worst,
    });
    // scenarios with portfolio margin
    const account = { collateral: [{ asset: 'USDC', amount: '5000000' }], positions: book };
    const scenM = scen.slice(0, 100);
    let liq = 0;
    const sm = await medianSeconds(
      () => {
        liq = stressTest(account, STRESS_MARKET, scenM).liquidating.length;
      },
      { quick: ctx.quick, iterations: ctx.quick ? 1 : 3, warmup: 1 },
    );
    recs.push({
      workload: 'stress',
      threads: 1,
      mode: 'scenarios+margin',
      seconds: sm,
      options: 500,
      scenarios: 100,
      items_per_s: 100 / sm,
      scenarios_per_s: 100 / sm,
      liquidating: liq,
    });
    return recs;
  },
};
export default workload;
