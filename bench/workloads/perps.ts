/**
 * Workload 'perps': the venue clearing rules of riskcore/perps on a 20-position account.
 * - `pre-trade <venue>`: one order checked against the account (the public function, inputs validated every call):
 *   p50 and p99 of the CPU time per call (µs, process.cpuUsage around each call), target p99 ≤ 50 µs;
 * - `account margin <venue>`: accounts margined per second by the venue's account function on the same account;
 * - `pre-trade <venue>, prepared` and `account margin <venue>, prepared`: the same calls on a market prepared once
 *   (`prepareDydxMarket`, `prepareDriftMarket`, `prepareHyperliquidMarket`) and the raw account, validated every
 *   call; and `…, prepared account`: market and account both prepared once (only the order is validated per call).
 * Venues: dYdX v4 (bigint quantums, genesis-style liquidity tiers), Drift v2 (bigint fixed point, √size margin
 * premiums and weighted unrealized P&L; the account also holds USDC, SOL and jitoSOL deposits, the check computes
 * initial margin before and after the order and maintenance after) and Hyperliquid (exact decimals, published margin
 * tables). Each account holds 20 perpetual positions, half long, half short; each order reduces a short position.
 */
import {
  HYPERLIQUID_MARGIN_TABLES,
  driftAccountMargin,
  driftOrderMarginCheck,
  dydxAccountRisk,
  dydxPreTradeCheck,
  hyperliquidAccountMargin,
  hyperliquidPreTradeCheck,
  prepareDriftAccount,
  prepareDriftMarket,
  prepareDydxMarket,
  prepareDydxSubaccount,
  prepareHyperliquidAccount,
  prepareHyperliquidMarket,
} from '../../src/perps/index.js';
import type { DriftPerpMarketInput } from '../../src/perps/index.js';
import { medianSeconds, type BenchRecord, type Workload } from '../harness.js';

const N = 20;

function dydxSetup() {
  const perpetuals = Array.from({ length: N }, (_, i) => ({
    id: i,
    atomicResolution: -9,
    price: BigInt(1_000_000 + 37_000 * i),
    priceExponent: -3,
    liquidityTier: { initialMarginPpm: i < 4 ? 50_000 : 100_000, maintenanceFractionPpm: 600_000 },
  }));
  const subaccount = {
    usdcQuantums: 50_000_000_000n,
    positions: perpetuals.map((p, i) => ({
      perpetualId: p.id,
      quantums: BigInt((i % 2 === 0 ? 1 : -1) * (1 + i) * 1_000_000_000),
    })),
  };
  const order = { perpetualId: 3, side: 'buy' as const, quantums: 500_000_000n, subticks: BigInt(1_111_000) * 1_000n };
  return { perpetuals, subaccount, order };
}

function driftSetup() {
  const perpMarkets: Record<string, DriftPerpMarketInput> = {};
  const perpPositions = [];
  for (let i = 0; i < N; i++) {
    const market = `P${i}-PERP`;
    const oraclePrice = 10_000_000n + 13_700_000n * BigInt(i);
    perpMarkets[market] = {
      marginRatioInitial: i < 4 ? 500 : 1000,
      marginRatioMaintenance: i < 4 ? 250 : 500,
      imfFactor: 1000,
      unrealizedPnlImfFactor: 1000,
      oraclePrice,
      cumulativeFundingRateLong: 1_000_000n * BigInt(i),
      cumulativeFundingRateShort: 1_000_000n * BigInt(i),
      orderStepSize: 10_000_000n,
      contractTier: i < 4 ? 'A' : 'C',
    };
    const baseAssetAmount = BigInt((i % 2 === 0 ? 1 : -1) * (5 + i)) * 1_000_000_000n;
    const quoteAssetAmount = -(baseAssetAmount * oraclePrice * 98n) / 100n / 1_000_000_000n;
    perpPositions.push({ market, baseAssetAmount, quoteAssetAmount, lastCumulativeFundingRate: 900_000n * BigInt(i) });
  }
  const spot = (marketIndex: number, decimals: number, oraclePrice: bigint, w: readonly number[], imfFactor = 0) => ({
    marketIndex,
    decimals,
    oraclePrice,
    initialAssetWeight: w[0],
    maintenanceAssetWeight: w[1],
    initialLiabilityWeight: w[2],
    maintenanceLiabilityWeight: w[3],
    imfFactor,
  });
  const spotMarkets = {
    USDC: spot(0, 6, 1_000_000n, [10000, 10000, 10000, 10000]),
    SOL: { ...spot(1, 9, 150_000_000n, [8000, 9000, 12000, 11000], 1000), oracleTwap: 149_500_000n },
    jitoSOL: {
      ...spot(6, 9, 170_000_000n, [7000, 8000, 14000, 12000], 2000),
      scaleInitialAssetWeightStart: 10_000_000_000_000n,
      totalDeposits: 50_000_000_000_000_000n,
    },
  };
  const account = {
    spotPositions: [
      { market: 'USDC', tokenAmount: 30_000_000_000n },
      { market: 'SOL', tokenAmount: 100_000_000_000n },
      { market: 'jitoSOL', tokenAmount: 40_000_000_000n },
    ],
    perpPositions,
  };
  const order = { market: 'P3-PERP', direction: 'long' as const, baseAssetAmount: 1_500_000_000n };
  return { market: { perpMarkets, spotMarkets }, account, order };
}

function hyperliquidSetup() {
  const names = ['BTC', 'ETH', 'SOL', 'XRP'];
  const assets: Record<string, { markPrice: string; marginTable: (typeof HYPERLIQUID_MARGIN_TABLES)['BTC'] }> = {};
  const positions = [];
  for (let i = 0; i < N; i++) {
    const asset = i < names.length ? names[i] : `ALT${i}`;
    const table = i < names.length ? HYPERLIQUID_MARGIN_TABLES[asset as 'BTC'] : HYPERLIQUID_MARGIN_TABLES.TIER_10X_3M;
    const mark = (10 + 13.7 * i).toFixed(4);
    assets[asset] = { markPrice: mark, marginTable: table };
    positions.push({
      asset,
      size: ((i % 2 === 0 ? 1 : -1) * (5 + i)).toString(),
      entryPrice: (Number(mark) * 0.98).toFixed(4),
      leverage: 5,
      marginMode: 'cross' as const,
    });
  }
  const account = { balance: '50000', positions };
  const order = { asset: 'ETH', side: 'buy' as const, size: '1.5', price: assets.ETH.markPrice, leverage: 5 };
  return { market: { assets }, account, order };
}

/** p50 and p99 of the CPU time of `runs` calls, µs. */
function cpuPercentiles(fn: () => unknown, runs: number): { p50: number; p99: number } {
  for (let i = 0; i < 200; i++) fn(); // warm-up
  const t = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    t[i] = c.user + c.system;
  }
  t.sort();
  return { p50: t[Math.floor(runs * 0.5)], p99: t[Math.floor(runs * 0.99)] };
}

function loop(fn: () => unknown, k: number): void {
  for (let i = 0; i < k; i++) fn();
}

const workload: Workload = {
  name: 'perps',
  throughputKey: 'checks_per_s',
  async run(ctx) {
    const runs = ctx.quick ? 2_000 : 20_000;
    const recs: BenchRecord[] = [];
    const d = dydxSetup();
    const r = driftSetup();
    const h = hyperliquidSetup();
    const dm = prepareDydxMarket({ perpetuals: d.perpetuals });
    const ds = prepareDydxSubaccount(d.subaccount, dm);
    const rm = prepareDriftMarket(r.market);
    const ra = prepareDriftAccount(r.account, rm);
    const hm = prepareHyperliquidMarket(h.market);
    const ha = prepareHyperliquidAccount(h.account, hm);
    const dydx = (subaccount: typeof d.subaccount | typeof ds, perpetuals: typeof d.perpetuals | typeof dm) => ({
      check: () => dydxPreTradeCheck(d.order, { subaccount, perpetuals, quantumConversionExponent: -9 }),
      margin: () => dydxAccountRisk(subaccount, Array.isArray(perpetuals) ? { perpetuals } : (perpetuals as typeof dm)),
    });
    const venues = [
      { venue: 'dydx', ...dydx(d.subaccount, d.perpetuals) },
      { venue: 'dydx, prepared', ...dydx(d.subaccount, dm) },
      { venue: 'dydx, prepared account', ...dydx(ds, dm) },
      {
        venue: 'drift',
        check: () => driftOrderMarginCheck(r.order, { account: r.account, ...r.market }),
        margin: () => driftAccountMargin(r.account, r.market),
      },
      {
        venue: 'drift, prepared',
        check: () => driftOrderMarginCheck(r.order, { account: r.account, market: rm }),
        margin: () => driftAccountMargin(r.account, rm),
      },
      {
        venue: 'drift, prepared account',
        check: () => driftOrderMarginCheck(r.order, { account: ra, market: rm }),
        margin: () => driftAccountMargin(ra, rm),
      },
      {
        venue: 'hyperliquid',
        check: () => hyperliquidPreTradeCheck(h.order, { account: h.account, market: h.market }),
        margin: () => hyperliquidAccountMargin(h.account, h.market),
      },
      {
        venue: 'hyperliquid, prepared',
        check: () => hyperliquidPreTradeCheck(h.order, { account: h.account, market: hm }),
        margin: () => hyperliquidAccountMargin(h.account, hm),
      },
      {
        venue: 'hyperliquid, prepared account',
        check: () => hyperliquidPreTradeCheck(h.order, { account: ha, market: hm }),
        margin: () => hyperliquidAccountMargin(ha, hm),
      },
    ];
    for (const v of venues) {
      const { p50, p99 } = cpuPercentiles(v.check, runs);
      const s = (await medianSeconds(() => loop(v.check, 1000), { quick: ctx.quick })) / 1000;
      recs.push({
        workload: 'perps',
        threads: 1,
        mode: `pre-trade ${v.venue}`,
        positions: N,
        seconds: s,
        checks_per_s: 1 / s,
        p50_cpu_us: p50,
        p99_cpu_us: p99,
      });
      const m = (await medianSeconds(() => loop(v.margin, 1000), { quick: ctx.quick })) / 1000;
      recs.push({
        workload: 'perps',
        threads: 1,
        mode: `account margin ${v.venue}`,
        throughput_key: 'accounts_per_s',
        positions: N,
        seconds: m,
        accounts_per_s: 1 / m,
      });
    }
    return recs;
  },
};
export default workload;
