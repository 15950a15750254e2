import { describe, expect, it } from 'vitest';
import type { Market, Position } from '../../src/core/model.js';
import { market } from './shared.js';
import { positionValue, withEntryPrices } from '../../src/greeks/valuation.js';
import {
  combineShards,
  planShards,
  runShard,
  simulatePnL,
  TailBuffer,
  tailCapacity,
  tailVaRES,
  RiskInputError,
} from '../../src/montecarlo/index.js';
import { normalQuantile } from '../../src/core/normal.js';

const book: Position[] = [
  { kind: 'spot', underlying: 'BTC', quantity: 1.5 },
  { kind: 'perp', underlying: 'ETH', quantity: -20 },
  { kind: 'perp', underlying: 'BTC', quantity: 50000, settlement: 'inverse', entryPrice: 58000 },
  { kind: 'future', underlying: 'SOL', quantity: 300, expiry: 0.25 },
  { kind: 'future', underlying: 'BTC', quantity: -30000, expiry: 0.5, settlement: 'inverse', entryPrice: 61000 },
  { kind: 'option', underlying: 'BTC', quantity: -2, type: 'call', strike: 65000, expiry: 0.1 },
  { kind: 'option', underlying: 'BTC', quantity: 3, type: 'put', strike: 55000, expiry: 0.3, model: 'black76' },
  { kind: 'option', underlying: 'ETH', quantity: 40, type: 'call', strike: 3200, expiry: 0.05, settlement: 'inverse' },
  {
    kind: 'option',
    underlying: 'ETH',
    quantity: -25,
    type: 'put',
    strike: 2900,
    expiry: 0.5,
    model: 'bachelier',
    vol: 1500,
  },
  { kind: 'option', underlying: 'SOL', quantity: 100, type: 'call', strike: 150, expiry: 2 / 365 }, // expires inside a 3-day horizon
  { kind: 'option', underlying: 'SOL', quantity: -80, type: 'put', strike: 140, expiry: 0.2, vol: 0 },
];
const h = 3 / 365;

describe('simulatePnL reproducibility', () => {
  const opts = { paths: 10_000, horizon: h, seed: 11 };
  const full = simulatePnL(book, market, opts);

  it('is bit-identical however the run is cut (1, 2, 3 shards; arbitrary offsets)', () => {
    for (const cuts of [
      [0, 10_000],
      [0, 4096, 10_000],
      [0, 3000, 7777, 10_000],
      [0, 1, 5000, 9999, 10_000],
    ]) {
      const parts = new Float64Array(10_000);
      for (let i = 0; i + 1 < cuts.length; i++) {
        const part = simulatePnL(book, market, { ...opts, pathOffset: cuts[i], paths: cuts[i + 1] - cuts[i] });
        parts.set(part, cuts[i]);
      }
      expect(Buffer.from(parts.buffer).equals(Buffer.from(full.buffer))).toBe(true);
    }
  });

  it('JSON shards merge to the exact single-run VaR/ES (1, 2, 3 shards)', () => {
    const tb = new TailBuffer(tailCapacity(10_000, 0.99));
    tb.pushPnL(full);
    const want = tailVaRES(tb, 10_000, 0.99);
    for (const shards of [1, 2, 3]) {
      const jobs = planShards({
        positions: book,
        market,
        options: { horizon: h, seed: 11 },
        totalPaths: 10_000,
        confidence: 0.99,
        shards,
      });
      expect(jobs.length).toBe(shards);
      const res = jobs.reverse().map((j) => JSON.parse(JSON.stringify(runShard(JSON.parse(JSON.stringify(j))))));
      const r = combineShards(res, 0.99);
      expect(r.var).toBe(want.var);
      expect(r.es).toBeCloseTo(want.es, 9);
      expect(r.paths).toBe(10_000);
    }
  });

  it('different seeds and substreams give different paths; multivariate t is reproducible too', () => {
    const other = simulatePnL(book, market, { ...opts, seed: 12, paths: 100 });
    expect(other[0]).not.toBe(full[0]);
    const t1 = simulatePnL(book, market, { ...opts, dist: 't', dof: 4 });
    const t2 = simulatePnL(book, market, { ...opts, dist: 't', dof: 4, pathOffset: 5000, paths: 5000 });
    expect(Array.from(t2)).toEqual(Array.from(t1.subarray(5000)));
  });
});

describe('full revaluation equals positionValue (greeks module) path by path', () => {
  it('matches Σ positionValue(shocked) − positionValue(base) to 1e-9 of the book notional', () => {
    const paths = 300;
    const pnl = simulatePnL(book, market, { paths, horizon: h, seed: 5 });
    // probe: unit spot holdings in the same assets (same order of first appearance) expose S_h path by path
    const probeNames = ['BTC', 'ETH', 'SOL'];
    const probes = probeNames.map((u) =>
      simulatePnL(
        [...probeNames.map((v) => ({ kind: 'spot' as const, underlying: v, quantity: v === u ? 1 : 1e-300 }))],
        market,
        { paths, horizon: h, seed: 5 },
      ),
    );
    const fixed = withEntryPrices(book, market);
    const shifted = fixed.map((p) =>
      p.kind === 'option' || p.kind === 'future' ? { ...p, expiry: Math.max(p.expiry - h, 0) } : p,
    );
    const base = fixed.reduce((s, p) => s + positionValue(p, market), 0);

    let worst = 0;
    for (let i = 0; i < paths; i++) {
      const shocked: Market = JSON.parse(JSON.stringify(market));
      probeNames.forEach((u, k) => {
        const S1 = market.assets[u].price + probes[k][i];
        shocked.assets[u].price = S1;
        if (market.assets[u].mark !== undefined)
          shocked.assets[u].mark = (market.assets[u].mark! * S1) / market.assets[u].price;
      });
      const ref = shifted.reduce((s, p) => s + positionValue(p, shocked), 0) - base;
      worst = Math.max(worst, Math.abs(pnl[i] - ref));
    }
    expect(worst).toBeLessThan(1e-9);
    console.info(`montecarlo: worst |full − positionValue| over ${paths} paths = ${worst.toExponential(2)} USD`);
  });
});

describe('model properties', () => {
  it('simulated log-moves have the input correlation and vol within sampling error', () => {
    const names = ['BTC', 'ETH', 'SOL'];
    const n = 40_000;
    const hh = 1 / 365;
    const moves = names.map((u) => {
      const pnl = simulatePnL(
        names.map((v) => ({ kind: 'spot' as const, underlying: v, quantity: v === u ? 1 : 1e-300 })),
        market,
        { paths: n, horizon: hh, seed: 77 },
      );
      return Float64Array.from(pnl, (d) => Math.log1p(d / market.assets[u].price));
    });
    const C = market.correlation!.matrix;
    const stats = moves.map((x) => {
      const m = x.reduce((s, v) => s + v, 0) / n;
      const sd = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
      return { m, sd };
    });
    names.forEach((u, i) => {
      const sigma = market.assets[u].vol! * Math.sqrt(hh);
      expect(Math.abs(stats[i].sd / sigma - 1)).toBeLessThan(4.5 / Math.sqrt(2 * n));
      expect(Math.abs(stats[i].m + 0.5 * sigma * sigma)).toBeLessThan((4.5 * sigma) / Math.sqrt(n));
    });
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < i; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += (moves[i][k] - stats[i].m) * (moves[j][k] - stats[j].m);
        const rho = s / (n - 1) / (stats[i].sd * stats[j].sd);
        // se of a sample correlation ≈ (1 − ρ²)/√n
        expect(Math.abs(rho - C[i][j])).toBeLessThan((4.5 * (1 - C[i][j] ** 2)) / Math.sqrt(n));
      }
  });

  it('a linear normal portfolio: 99% VaR within its MC standard error of the closed form', () => {
    // P&L ≈ Σ q_i S_i σ_i √h Y_i for small h: VaR = z_0.99·sd; with h = 1e-6 years the lognormal curvature is negligible
    const hh = 1e-6;
    const pos: Position[] = [
      { kind: 'spot', underlying: 'BTC', quantity: 2 },
      { kind: 'spot', underlying: 'ETH', quantity: -30 },
    ];
    const e = [2 * 60000 * 0.6, -30 * 3000 * 0.8];
    const sd = Math.sqrt(e[0] ** 2 + e[1] ** 2 + 2 * 0.7 * e[0] * e[1]) * Math.sqrt(hh);
    const n = 200_000;
    const pnl = simulatePnL(pos, market, { paths: n, horizon: hh, seed: 3, drift: { BTC: 0.18, ETH: 0.32 } });
    const tb = new TailBuffer(tailCapacity(n, 0.99));
    tb.pushPnL(pnl);
    const { var: v } = tailVaRES(tb, n, 0.99);
    const z = normalQuantile(0.99);
    const want = z * sd;
    // se of a sample quantile: √(p(1−p)/n)/φ(z)·sd
    const se = (Math.sqrt((0.99 * 0.01) / n) / (Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI))) * sd;
    expect(Math.abs(v - want)).toBeLessThan(4.5 * se);
  });

  it('degenerate inputs: empty book and zero horizon give zeros; zero quantities are ignored', () => {
    expect(Array.from(simulatePnL([], market, { paths: 5, horizon: h, seed: 1 }))).toEqual([0, 0, 0, 0, 0]);
    const z = simulatePnL(book, market, { paths: 50, horizon: 0, seed: 1 });
    for (const x of z) expect(Math.abs(x)).toBeLessThan(1e-9);
    expect(
      Array.from(
        simulatePnL([{ kind: 'spot', underlying: 'BTC', quantity: 0 }], market, { paths: 3, horizon: h, seed: 1 }),
      ),
    ).toEqual([0, 0, 0]);
  });

  it('delta-gamma approximates the full revaluation for small moves (no option expiring inside the horizon)', () => {
    const opts = { paths: 2000, horizon: 1 / 365, seed: 9 };
    const live = book.filter((p) => !(p.kind === 'option' && (p.expiry < 0.01 || p.vol === 0)));
    const f = simulatePnL(live, market, opts);
    const dg = simulatePnL(live, market, { ...opts, mode: 'delta-gamma' });
    let err = 0,
      scale = 0;
    for (let i = 0; i < f.length; i++) {
      err = Math.max(err, Math.abs(f[i] - dg[i]));
      scale = Math.max(scale, Math.abs(f[i]));
    }
    expect(err).toBeLessThan(0.05 * scale);
    expect(err).toBeGreaterThan(0);
  });
});

describe('validation', () => {
  it('names the offending field', () => {
    expect(() => simulatePnL(book, market, { paths: 0, horizon: h, seed: 1 })).toThrow(/options\.paths/);
    expect(() => simulatePnL(book, market, { paths: 10, horizon: -1, seed: 1 })).toThrow(/options\.horizon/);
    expect(() => simulatePnL(book, market, { paths: 10, horizon: h, seed: 1.5 })).toThrow(/options\.seed/);
    expect(() => simulatePnL(book, market, { paths: 10, horizon: h, seed: 1, dist: 't', dof: 2 })).toThrow(
      /options\.dof/,
    );
    expect(() => simulatePnL(book, market, { paths: 10, horizon: h, seed: 1, vols: { XRP: 1 } })).toThrow(
      /options\.vols\.XRP/,
    );
    expect(() =>
      simulatePnL([{ kind: 'spot', underlying: 'DOGE', quantity: 1 }], market, { paths: 10, horizon: h, seed: 1 }),
    ).toThrow(/positions\[0\]\.underlying/);
    const noVol: Market = { assets: { X: { price: 1 } } };
    expect(() =>
      simulatePnL([{ kind: 'spot', underlying: 'X', quantity: 1 }], noVol, { paths: 10, horizon: h, seed: 1 }),
    ).toThrow(/market\.assets\.X\.vol/);
    const notPsd: Market = {
      ...market,
      correlation: {
        assets: ['BTC', 'ETH', 'SOL'],
        matrix: [
          [1, 0.9, 0.7],
          [0.9, 1, -0.4],
          [0.7, -0.4, 1],
        ],
      },
    };
    expect(() => simulatePnL(book, notPsd, { paths: 10, horizon: h, seed: 1 })).toThrow(/smallest eigenvalue -0\.\d+/);
    expect(() => simulatePnL(book, market, { paths: 10, horizon: h, seed: 1 } as never)).not.toThrow();
    try {
      simulatePnL(book, market, { paths: 10, horizon: h, seed: -1 });
    } catch (e) {
      expect(e).toBeInstanceOf(RiskInputError);
    }
  });

  it('does not mutate its inputs', () => {
    const b = JSON.parse(JSON.stringify(book));
    const m = JSON.parse(JSON.stringify(market));
    simulatePnL(b, m, { paths: 10, horizon: h, seed: 1 });
    expect(b).toEqual(JSON.parse(JSON.stringify(book)));
    expect(m).toEqual(JSON.parse(JSON.stringify(market)));
  });
});
