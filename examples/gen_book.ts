/**
 * Writes examples/book.json: a sample crypto options desk for `npm run demo` / `riskcore report`.
 *
 * - Market: BTC and ETH (spot, perp marks, ATM vols and a BTC smile), stETH, USDC and USDT collateral, a BTC/ETH
 *   correlation, a 4.5% USD rate.
 * - Price history: 500 daily closes per asset, SYNTHETIC (Student-t(4) daily log-returns with a common factor,
 *   generated here deterministically) — it is a sample, not market data.
 * - The desk: two market-making accounts with sub-accounts (linear and inverse options, perps, a dated future, a
 *   cash-and-carry basis sub-account in isolated mode) and spot/stablecoin collateral.
 * - A few hundred accounts of the venue's other users on ETH (lending and leveraged perps) for the liquidation
 *   cascade, with the cascade's shock, depth, penalty, insurance fund and oracle latency.
 *
 * Deterministic: the same file on every run (`npx tsx examples/gen_book.ts`).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
const rand = rng(20250630);
const normal = () => {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};
/** Student-t(ν) scaled to unit variance. */
const studentT = (nu: number) => {
  let chi = 0;
  for (let i = 0; i < nu; i++) chi += normal() ** 2;
  return (normal() / Math.sqrt(chi / nu)) * Math.sqrt((nu - 2) / nu);
};
const round = (x: number, d: number) => Number(x.toFixed(d));

const spot = { BTC: 95000, ETH: 3400 };
const market = {
  quote: 'USD',
  rate: 0.045,
  assets: {
    BTC: {
      price: spot.BTC,
      mark: 95040,
      vol: 0.52,
      smile: {
        strikes: [70000, 80000, 90000, 95000, 100000, 110000, 130000],
        vols: [0.66, 0.58, 0.535, 0.52, 0.515, 0.53, 0.58],
      },
      dividendYield: 0,
    },
    ETH: { price: spot.ETH, mark: 3401.5, vol: 0.68 },
    stETH: { price: 3392 },
    USDC: { price: 1 },
    USDT: { price: 1 },
  },
  correlation: {
    assets: ['BTC', 'ETH'],
    matrix: [
      [1, 0.82],
      [0.82, 1],
    ],
  },
};

// Synthetic daily history ending at today's prices: common factor + idiosyncratic, Student-t(4) shocks.
const days = 500;
const dailyVol = { BTC: 0.5 / Math.sqrt(365), ETH: 0.66 / Math.sqrt(365) };
const rets: Record<'BTC' | 'ETH' | 'stETH', number[]> = { BTC: [], ETH: [], stETH: [] };
for (let i = 0; i < days - 1; i++) {
  const common = studentT(4);
  const eth = 0.82 * common + Math.sqrt(1 - 0.82 ** 2) * studentT(4);
  rets.BTC.push(dailyVol.BTC * common);
  rets.ETH.push(dailyVol.ETH * eth);
  rets.stETH.push(dailyVol.ETH * eth + 0.0008 * normal());
}
const path = (last: number, r: number[]) => {
  const out = new Array<number>(r.length + 1);
  out[r.length] = last;
  for (let i = r.length - 1; i >= 0; i--) out[i] = out[i + 1] / Math.exp(r[i]);
  return out.map((x) => round(x, 2));
};
const history = {
  interval: 1 / 365,
  synthetic: true,
  prices: {
    BTC: path(spot.BTC, rets.BTC),
    ETH: path(spot.ETH, rets.ETH),
    stETH: path(market.assets.stETH.price, rets.stETH),
  },
};

const opt = (
  underlying: 'BTC' | 'ETH',
  type: 'call' | 'put',
  strike: number,
  expiryDays: number,
  quantity: number,
  settlement: 'linear' | 'inverse' = 'linear',
  id?: string,
) => ({
  ...(id ? { id } : {}),
  kind: 'option',
  underlying,
  type,
  strike,
  expiry: round(expiryDays / 365, 6),
  quantity,
  settlement,
});

const desk = [
  {
    id: 'desk-mm',
    collateral: [
      { asset: 'USDC', amount: '6500000' },
      { asset: 'BTC', amount: '25' },
      { asset: 'ETH', amount: '400' },
    ],
    positions: [
      opt('BTC', 'call', 100000, 30, -40, 'linear', 'BTC-30D-100000-C'),
      opt('BTC', 'put', 90000, 30, -35, 'linear', 'BTC-30D-90000-P'),
      opt('BTC', 'call', 110000, 90, 25, 'linear', 'BTC-90D-110000-C'),
      opt('BTC', 'put', 80000, 90, 30, 'linear', 'BTC-90D-80000-P'),
      opt('BTC', 'call', 95000, 7, -15, 'linear', 'BTC-7D-95000-C'),
      opt('BTC', 'put', 95000, 7, -15, 'linear', 'BTC-7D-95000-P'),
      { id: 'BTC-PERP', kind: 'perp', underlying: 'BTC', quantity: 6.5, entryPrice: 93800 },
      opt('ETH', 'call', 4000, 60, -600, 'linear', 'ETH-60D-4000-C'),
      opt('ETH', 'put', 3000, 60, 500, 'linear', 'ETH-60D-3000-P'),
      { id: 'ETH-PERP', kind: 'perp', underlying: 'ETH', quantity: 180, entryPrice: 3450 },
    ],
    subAccounts: [
      {
        id: 'inverse-book',
        marginMode: 'cross',
        collateral: [{ asset: 'BTC', amount: '40' }],
        positions: [
          opt('BTC', 'call', 105000, 45, -30, 'inverse', 'BTC-45D-105000-C-INV'),
          opt('BTC', 'put', 85000, 45, -30, 'inverse', 'BTC-45D-85000-P-INV'),
          {
            id: 'BTC-PERP-INV',
            kind: 'perp',
            underlying: 'BTC',
            quantity: 1500000,
            settlement: 'inverse',
            entryPrice: 96500,
          },
          {
            id: 'BTC-FUT-90D',
            kind: 'future',
            underlying: 'BTC',
            quantity: -10,
            expiry: round(90 / 365, 6),
            entryPrice: 96200,
          },
        ],
      },
      {
        id: 'btc-basis',
        marginMode: 'isolated',
        collateral: [{ asset: 'USDT', amount: '1200000' }],
        positions: [
          { id: 'BTC-SPOT', kind: 'spot', underlying: 'BTC', quantity: 60 },
          {
            id: 'BTC-PERP-BASIS',
            kind: 'perp',
            underlying: 'BTC',
            quantity: -60,
            entryPrice: 95200,
            marginMode: 'isolated',
          },
        ],
      },
    ],
  },
  {
    id: 'desk-vol',
    collateral: [
      { asset: 'USDC', amount: '2500000' },
      { asset: 'stETH', amount: '900' },
    ],
    positions: [
      opt('ETH', 'call', 3400, 21, -800, 'linear', 'ETH-21D-3400-C'),
      opt('ETH', 'put', 3400, 21, -800, 'linear', 'ETH-21D-3400-P'),
      opt('ETH', 'call', 3800, 120, 900, 'linear', 'ETH-120D-3800-C'),
      opt('ETH', 'put', 2800, 120, 700, 'linear', 'ETH-120D-2800-P'),
      { id: 'ETH-PERP-HEDGE', kind: 'perp', underlying: 'ETH', quantity: -120 },
      opt('BTC', 'call', 120000, 180, 20, 'linear', 'BTC-180D-120000-C'),
    ],
    subAccounts: [
      {
        id: 'eth-inverse',
        marginMode: 'cross',
        collateral: [{ asset: 'ETH', amount: '150' }],
        positions: [
          opt('ETH', 'put', 3200, 30, -400, 'inverse', 'ETH-30D-3200-P-INV'),
          {
            id: 'ETH-PERP-INV',
            kind: 'perp',
            underlying: 'ETH',
            quantity: -400000,
            settlement: 'inverse',
            entryPrice: 3380,
          },
        ],
      },
    ],
  },
];

// The venue's other users on ETH, for the liquidation cascade: lending positions (ETH collateral, USD debt) and
// leveraged ETH perps on USD cash margin.
const cascadeAccounts = [];
for (let i = 0; i < 300; i++) {
  const id = `user-${String(i + 1).padStart(4, '0')}`;
  const usd = Math.round(Math.exp(Math.log(2000) + rand() * Math.log(500)) / 100) * 100; // 2k .. 1M USD
  if (rand() < 0.6) {
    const ltv = 0.35 + 0.43 * rand(); // debt / collateral value, 35% .. 78%
    cascadeAccounts.push({ id, collateral: (usd / spot.ETH).toFixed(6), debt: (usd * ltv).toFixed(2) });
  } else {
    const leverage = 2 + rand() * rand() * 23;
    const long = rand() < 0.75;
    const size = (((long ? 1 : -1) * usd * leverage) / spot.ETH).toFixed(4);
    cascadeAccounts.push({
      id,
      cash: String(usd),
      perp: { size, entryPrice: round(spot.ETH * (1 + 0.04 * normal()), 2) },
    });
  }
}
const cascade = {
  asset: 'ETH',
  accounts: cascadeAccounts,
  path: [-0.12, -0.04, -0.02],
  rounds: 12,
  liquidationThreshold: 0.83,
  maintenanceMargin: 0.05,
  penalty: 0.05,
  depth: '1500000000',
  insuranceFund: '1500000',
  oracle: { latency: 1 },
};

const book = {
  $schema: '../schema/book.schema.json',
  name: 'Sample crypto options desk',
  asOf: '2025-06-30',
  market,
  history,
  accounts: desk,
  cascade,
  limits: { var: 250000, es: 350000, historicalVar: 250000, initialMargin: 5000000, stressLoss: 3000000 },
  parameters: {
    confidence: 0.99,
    horizonDays: 1,
    paths: 20000,
    seed: 7,
    priceMoves: [-0.5, -0.3, -0.2, -0.1, -0.05, 0, 0.05, 0.1, 0.2, 0.3, 0.5],
    volShifts: [-0.2, -0.1, 0, 0.1, 0.2, 0.4],
    haircuts: { USDC: 0.02, USDT: 0.03, BTC: 0.1, ETH: 0.12, stETH: 0.15 },
  },
};

const out = join(dirname(fileURLToPath(import.meta.url)), 'book.json');
writeFileSync(out, `${JSON.stringify(book, null, 1)}\n`);
console.log(`wrote ${out}: ${book.accounts.length} accounts, ${cascade.accounts.length} cascade accounts`);
