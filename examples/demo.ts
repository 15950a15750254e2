/**
 * riskcore demo: a small crypto book (BTC/ETH options linear and inverse, perps, a future, spot) → Greeks per
 * position and portfolio Greeks per underlying, in USD per unit move of spot.
 *
 *   npx tsx examples/demo.ts      (or: npm run demo)
 */
import type { Market, Position } from '../src/index.js';
import { portfolioGreeks, type PositionGreeks } from '../src/greeks/index.js';

const market: Market = {
  assets: {
    BTC: { price: 64000, mark: 64050, vol: 0.55, smile: { strikes: [50000, 64000, 80000], vols: [0.68, 0.55, 0.6] } },
    ETH: { price: 3100, mark: 3102, vol: 0.7, dividendYield: 0.03 },
  },
  rate: 0.045,
};

const book: Position[] = [
  {
    id: 'BTC-27DEC-70000-C',
    kind: 'option',
    underlying: 'BTC',
    quantity: 5,
    type: 'call',
    strike: 70000,
    expiry: 0.25,
    settlement: 'inverse',
    model: 'black76',
  },
  {
    id: 'BTC-27DEC-58000-P',
    kind: 'option',
    underlying: 'BTC',
    quantity: -8,
    type: 'put',
    strike: 58000,
    expiry: 0.25,
    settlement: 'inverse',
    model: 'black76',
  },
  {
    id: 'BTC-USDC 65000 C',
    kind: 'option',
    underlying: 'BTC',
    quantity: -2,
    type: 'call',
    strike: 65000,
    expiry: 0.08,
  },
  { id: 'BTC-PERPETUAL', kind: 'perp', underlying: 'BTC', quantity: 150000, settlement: 'inverse', entryPrice: 61000 },
  { id: 'BTCUSDT perp', kind: 'perp', underlying: 'BTC', quantity: -1.2, entryPrice: 65500 },
  { id: 'BTC-28MAR future', kind: 'future', underlying: 'BTC', quantity: 0.8, expiry: 0.33, entryPrice: 62500 },
  { id: 'ETH-USDC 3000 P', kind: 'option', underlying: 'ETH', quantity: 40, type: 'put', strike: 3000, expiry: 0.12 },
  {
    id: 'ETH-USDC 3600 C',
    kind: 'option',
    underlying: 'ETH',
    quantity: -25,
    type: 'call',
    strike: 3600,
    expiry: 0.5,
    vol: 0.66,
  },
  { id: 'ETHUSDT perp', kind: 'perp', underlying: 'ETH', quantity: 12, entryPrice: 2950 },
  { id: 'ETH spot', kind: 'spot', underlying: 'ETH', quantity: 30 },
];

const cols: [string, keyof PositionGreeks, number][] = [
  ['value $', 'value', 0],
  ['delta', 'delta', 4],
  ['cash Δ $', 'cashDelta', 0],
  ['gamma', 'gamma', 8],
  ['cash Γ(1%) $', 'cashGamma', 2],
  ['vega $', 'vega', 1],
  ['theta $/yr', 'theta', 0],
  ['rho $', 'rho', 1],
  ['vanna', 'vanna', 4],
  ['volga $', 'volga', 1],
  ['charm /yr', 'charm', 4],
];

function table(rows: [string, PositionGreeks][]): string {
  const head = ['', ...cols.map((c) => c[0])];
  const body = rows.map(([name, g]) => [
    name,
    ...cols.map(([, k, d]) => g[k].toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d })),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const g = portfolioGreeks(book, market);
console.log(
  `riskcore demo — market: BTC ${market.assets.BTC.price}, ETH ${market.assets.ETH.price}, rate ${(market.rate ?? 0) * 100}%\n`,
);
console.log('Greeks per position (USD, per unit move of spot; vega per 1.00 vol, theta per year, rho per 1.00 rate)\n');
console.log(table(g.positions.map((p, i) => [book[i].id ?? `#${i}`, p])));
console.log('\nPortfolio Greeks per underlying\n');
console.log(table([...Object.entries(g.byUnderlying), ['TOTAL (USD figures)', g.total]]));
console.log(
  '\ncash Γ(1%) = ½·Γ·S²·(1%)²: the P&L from gamma of a 1% spot move. Book delta/gamma totals mix units; read them per underlying.',
);
