import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RiskInputError } from '../../../src/index.js';
import { TailBuffer, tailVaRES } from '../../../src/montecarlo/index.js';
import { simulateLiquidationCascade, simulateProtocolRisk } from '../../../src/stress/index.js';
import type { MultiAssetCascadeAccount, Protocol, ProtocolMarket } from '../../../src/stress/index.js';

/** A cross-collateral book with perps, thin books, a lagging oracle and a small fund: bad debt on bad paths. */
function book(n: number): MultiAssetCascadeAccount[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `acc${String(i).padStart(3, '0')}`,
    collateral: { ETH: String(1 + (i % 5)), BTC: String(0.02 * (1 + (i % 3))) },
    debt: String(Math.round((1 + (i % 5)) * 2500 * 0.7 + 0.02 * (1 + (i % 3)) * 60000 * 0.7)),
    ...(i % 4 === 0 ? { perps: [{ asset: 'ETH', size: String(i % 8 === 0 ? 3 : -3), entryPrice: '2500' }] } : {}),
  }));
}
const params = {
  assets: {
    ETH: { price: '2500', depth: '2000000', oracle: { latency: 1 } },
    BTC: { price: '60000', depth: '5000000', liquidationThreshold: 0.85 },
  },
  insuranceFund: '2000',
  penalty: 0.05,
};
const market: ProtocolMarket = {
  assets: { ETH: { vol: 1.2, drift: -0.2 }, BTC: { vol: 0.9 } },
  correlation: [
    [1, 0.7],
    [0.7, 1],
  ],
};
const protocol = (accounts: MultiAssetCascadeAccount[]): Protocol => ({ accounts, params });

describe('simulateProtocolRisk', () => {
  const opts = { paths: 400, steps: 12, dt: 1 / 365, seed: 5, detail: 3 };
  const base = simulateProtocolRisk(protocol(book(12)), market, opts);

  it('gives bad debt on this book, and a consistent summary', () => {
    const L = base.badDebtByPath;
    expect(L.length).toBe(400);
    expect(Math.max(...L)).toBeGreaterThan(0);
    const mean = L.reduce((s, x) => s + x, 0) / L.length;
    expect(base.badDebt.mean.value).toBeCloseTo(mean, 9);
    const q = base.badDebt.quantiles.map((x) => x.value);
    expect(q).toEqual([...q].sort((a, b) => a - b));
    for (const t of base.badDebt.tail) expect(t.es.value).toBeGreaterThanOrEqual(t.var.value);
    // VaR/ES equal the library's Acerbi–Tasche estimator (tailVaRES) on the same losses
    const buf = new TailBuffer(400);
    for (const x of L) buf.push(x);
    for (const t of base.badDebt.tail) {
      const ref = tailVaRES(buf, 400, t.confidence);
      expect(t.var.value).toBe(ref.var);
      expect(t.es.value).toBeCloseTo(ref.es, 9);
    }
    // 400 paths in 20 batches of 20 cannot carry a 99% VaR per batch: no standard error rather than a wrong one
    expect(base.badDebt.tail[0].var.stdError).toBeNull();
  });

  it('per-asset contributions add up to the mean and to ES99', () => {
    const c = base.contributions;
    const sumMean = Object.values(c.byAsset).reduce((s, x) => s + x.mean, c.unattributed.mean);
    const sumEs = Object.values(c.byAsset).reduce((s, x) => s + x.es99, c.unattributed.es99);
    expect(sumMean).toBeCloseTo(base.badDebt.mean.value, 6);
    expect(sumEs).toBeCloseTo(base.badDebt.tail[0].es.value, 6);
    expect(Object.keys(c.byAsset)).toEqual(['ETH', 'BTC']);
  });

  it('each detailed path is exactly the single cascade on its moves (with impact, latency, ADL)', () => {
    for (const d of base.detail) {
      const one = simulateLiquidationCascade(book(12), {
        ...params,
        assets: {
          ETH: { ...params.assets.ETH, path: d.moves.ETH },
          BTC: { ...params.assets.BTC, path: d.moves.BTC },
        },
        rounds: 12,
      });
      expect(one.totalBadDebt.toString()).toBe(d.badDebt.toString());
      expect(one.totalLiquidatedNotional.toString()).toBe(d.liquidatedNotional.toString());
      expect(one.insuranceFund.toString()).toBe(d.insuranceFund.toString());
      expect(one.liquidated).toEqual(d.liquidated);
    }
  });

  it('one path, no impact: bit for bit the single-asset cascade', () => {
    const accounts = [
      { id: 'a', collateral: '1', debt: '1900' },
      { id: 'b', collateral: '2', debt: '3500', cash: '10' },
      { id: 'c', cash: '300', perp: { size: '-2', entryPrice: '2500' } },
    ];
    const p = { price: '2500', penalty: 0.05, insuranceFund: '10' };
    const res = simulateProtocolRisk(
      { accounts, params: p },
      { assets: { ETH: { vol: 1.5 } } },
      { paths: 1, steps: 30, dt: 1 / 365, seed: 11, detail: 1 },
    );
    const d = res.detail[0];
    const one = simulateLiquidationCascade(accounts, { ...p, path: d.moves.ETH, rounds: 30 });
    expect(one.totalBadDebt.toString()).toBe(d.badDebt.toString());
    expect(res.badDebtByPath[0]).toBe(one.totalBadDebt.toNumber());
    expect(one.deficit.toString()).toBe(d.deficit.toString());
    expect(one.liquidated).toEqual(d.liquidated);
    expect(res.liquidations.meanNotional).toBe(one.totalLiquidatedNotional.toNumber());
  });

  it('same seed, any order of accounts: the same figures bit for bit (fast-check)', () => {
    const accounts = book(10);
    const o = { paths: 30, steps: 8, dt: 1 / 365, seed: 3 };
    const ref = JSON.stringify(simulateProtocolRisk(protocol(accounts), market, o));
    fc.assert(
      fc.property(fc.shuffledSubarray(accounts, { minLength: 10, maxLength: 10 }), (perm) => {
        expect(JSON.stringify(simulateProtocolRisk(protocol(perm), market, o))).toBe(ref);
      }),
      { numRuns: 8 },
    );
  });

  it('another seed gives other paths; correlation changes the figures', () => {
    const a = simulateProtocolRisk(protocol(book(6)), market, { ...opts, seed: 6 });
    expect(a.badDebtByPath).not.toEqual(base.badDebtByPath.slice(0, 400));
    const indep = simulateProtocolRisk(protocol(book(6)), { assets: market.assets }, { ...opts, seed: 6 });
    expect(indep.detail[0].moves.ETH).toEqual(a.detail[0].moves.ETH); // first asset: same normals
    expect(indep.detail[0].moves.BTC).not.toEqual(a.detail[0].moves.BTC);
  });

  it('moves have the GBM moments: mean log return (μ − σ²/2)dt and variance σ²dt', () => {
    const res = simulateProtocolRisk(
      { accounts: [{ id: 'x', collateral: '1' }], params: { price: '100' } },
      { assets: { A: { vol: 0.5, drift: 0.3 } } },
      { paths: 100, steps: 100, dt: 0.01, seed: 9, detail: 100 },
    );
    const x = res.detail.flatMap((d) => d.moves.A.map(Math.log1p));
    const m = x.reduce((s, v) => s + v, 0) / x.length;
    const v = x.reduce((s, y) => s + (y - m) ** 2, 0) / (x.length - 1);
    // 10,000 draws: SE of the mean 0.05/100 = 5e-4, of the variance ≈ 0.0025·√(2/10⁴) ≈ 3.5e-5
    expect(Math.abs(m - (0.3 - 0.125) * 0.01)).toBeLessThan(4 * 5e-4);
    expect(Math.abs(v - 0.0025)).toBeLessThan(4 * 3.6e-5);
  });

  it('jumps: the compensated drift keeps E[S_T] = S₀·e^{μT}', () => {
    const res = simulateProtocolRisk(
      { accounts: [{ id: 'x', collateral: '1' }], params: { price: '100' } },
      { assets: { A: { vol: 0.2, jumpIntensity: 20, jumpMean: -0.1, jumpVol: 0.1 } } },
      { paths: 100, steps: 50, dt: 0.02, seed: 9, detail: 100 },
    );
    const g = res.detail.map((d) => d.moves.A.reduce((s, mv) => s * (1 + mv), 1));
    const m = g.reduce((s, v) => s + v, 0) / g.length;
    const sd = Math.sqrt(g.reduce((s, y) => s + (y - m) ** 2, 0) / (g.length - 1));
    expect(Math.abs(m - 1)).toBeLessThan((4 * sd) / Math.sqrt(g.length));
    // jumps of mean −10% at 20 a year over 1 year: log returns far more spread than σ = 0.2 alone
    expect(sd).toBeGreaterThan(0.35);
  });
});

describe('simulateProtocolRisk: inputs', () => {
  const accounts = [{ id: 'a', collateral: '1', debt: '1900' }];
  const ok = { paths: 10, steps: 5, dt: 0.01, seed: 1 };
  const run = (pr: unknown, mk: unknown, o: unknown) => () =>
    simulateProtocolRisk(pr as Protocol, mk as ProtocolMarket, o as never);
  const path = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(RiskInputError);
      return (e as RiskInputError).path;
    }
    return 'no error';
  };
  const mk = { assets: { ETH: { vol: 0.5 } } };
  it('names the field at fault', () => {
    expect(path(run({ accounts, params: { price: '2500', path: [0.1] } }, mk, ok))).toBe('protocol.params.path');
    expect(path(run({ accounts, params: { price: '2500', rounds: 3 } }, mk, ok))).toBe('protocol.params.rounds');
    expect(path(run({ accounts: [{ id: 'a', debt: -1 }], params: { price: '1' } }, mk, ok))).toBe(
      'protocol.accounts[0].debt',
    );
    expect(path(run({ accounts: [...accounts, ...accounts], params: { price: '1' } }, mk, ok))).toBe(
      'protocol.accounts[1].id',
    );
    expect(path(run({ accounts, params: { price: '1', depht: '1' } }, mk, ok))).toBe('protocol.params.depht');
    expect(path(run({ accounts, params: { price: '1' } }, { assets: { ETH: { vol: -1 } } }, ok))).toBe(
      'market.assets.ETH.vol',
    );
    expect(path(run({ accounts, params: { price: '1' } }, { assets: { A: { vol: 1 }, B: { vol: 1 } } }, ok))).toBe(
      'market.assets',
    );
    expect(path(run(protocol(book(2)), { assets: { ETH: { vol: 1 } } }, ok))).toBe('market.assets.BTC');
    expect(
      path(
        run(
          protocol(book(2)),
          {
            ...market,
            correlation: [
              [1, 2],
              [2, 1],
            ],
          },
          ok,
        ),
      ),
    ).toMatch(/^market\.correlation/);
    expect(path(run({ accounts, params: { price: '1' } }, mk, { ...ok, seed: -1 }))).toBe('options.seed');
    expect(path(run({ accounts, params: { price: '1' } }, mk, { ...ok, pathz: 1 }))).toBe('options.pathz');
  });
  it('bounds the work: paths × steps × (accounts × assets + assets)', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ id: String(i), collateral: '1' }));
    const f = run({ accounts: many, params: { price: '1' } }, mk, { paths: 100_000, steps: 100, dt: 0.01, seed: 1 });
    expect(path(f)).toBe('options.paths');
    expect(f).toThrow(/at most 9990 paths for 1000 accounts × 1 assets × 100 steps/);
  });
});
