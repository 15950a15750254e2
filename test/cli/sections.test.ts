/**
 * The report's figures: hand-checked on books small enough to do by hand, and wired to the library modules with
 * the parameters the report states (seed, paths, horizon, confidence).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountMargin, prepareMargin } from '../../src/netting/index.js';
import { bookMarginParams, haircutValuer } from '../../packages/cli/src/sections/margin.js';
import { histogram } from '../../packages/cli/src/sections/risk.js';
import { simulatePnL } from '../../src/montecarlo/index.js';
import { monteCarloVaR } from '../../src/var/index.js';
import { monteCarloES } from '../../src/es/index.js';
import { root, runCli, smallBook, writeBook } from './helpers.js';

/** 2 BTC spot at 200 with a 6-day history whose daily moves are ×1.1, ×0.9, ×1.1, ×0.8, ×1.1. */
function spotBook(): Record<string, any> {
  return {
    market: { assets: { BTC: { price: 200, vol: 0.5 }, USDC: { price: 1 }, ETH: { price: 3000 } } },
    history: { prices: { BTC: [100, 110, 99, 108.9, 87.12, 95.832] } },
    accounts: [
      {
        id: 'x',
        collateral: [
          { asset: 'USDC', amount: '1000' },
          { asset: 'ETH', amount: '1' },
        ],
        positions: [{ kind: 'spot', underlying: 'BTC', quantity: 2 }],
      },
    ],
    parameters: { paths: 4096, seed: 11, haircuts: { USDC: 0.02, ETH: 0.1 } },
  };
}

async function report(book: unknown, extra: string[] = []) {
  const r = await runCli([
    'report',
    writeBook(`s${Math.random().toString(36).slice(2)}.json`, book),
    '--json',
    ...extra,
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('hand-checked figures', () => {
  it('historical VaR/ES: the book revalued under each historical move', async () => {
    const doc = await report(spotBook(), ['--confidence', '0.8']);
    const h = doc.sections.risk.historical;
    // value 2·200 = 400; P&L per move = 400·(move − 1): +40, −40, +40, −80, +40 → losses −40, 40, −40, 80, −40.
    // n = 5, α = 0.8: VaR = L₍⌈5·0.8⌉₎ = L₍4₎ = 40 (sorted −40, −40, −40, 40, 80).
    // ES = (Σ_{i>4} L₍ᵢ₎/n + (4/5 − 0.8)·L₍4₎)/(1 − 0.8) = (80/5)/0.2 = 80.
    expect(h.available).toBe(true);
    expect(h.observations).toBe(5);
    expect(h.var).toBeCloseTo(40, 9);
    expect(h.es).toBeCloseTo(80, 9);
  });

  it('historical VaR is unavailable, with the reason, without history', async () => {
    const b = spotBook();
    delete b.history;
    const doc = await report(b);
    expect(doc.sections.risk.historical).toEqual({
      available: false,
      reason: 'the book has no price history (history.prices)',
    });
    const r = await runCli(['report', writeBook('nohist.json', b)]);
    expect(r.stdout).toMatch(/historical\s+-\s+-\s+the book has no price history/);
  });

  it('delta-normal VaR: z·|cash delta|·σ·√(1/365)', async () => {
    const doc = await report(spotBook());
    const p = doc.sections.risk.parametric;
    // cash delta 400, σ_daily = 0.5/√365; z_0.99 = 2.3263478740408408, φ(z)/(1 − α) = 2.6652142203458067.
    const sd = (400 * 0.5) / Math.sqrt(365);
    expect(p.stdev).toBeCloseTo(sd, 10);
    expect(p.var).toBeCloseTo(2.3263478740408408 * sd, 9);
    expect(p.es).toBeCloseTo(2.6652142203458067 * sd, 9);
    expect(p.components).toEqual([{ underlying: 'BTC', componentVaR: expect.closeTo(p.var, 9) }]);
  });

  it('Greeks of 2 BTC spot: delta 2, cash delta 400, the rest 0', async () => {
    const doc = await report(spotBook());
    expect(doc.sections.greeks.byUnderlying).toEqual([
      { underlying: 'BTC', delta: 2, gamma: 0, vega: 0, theta: 0, rho: 0, cashDelta: 400, cashGamma: 0 },
    ]);
  });

  it('collateral after haircuts: 1000 USDC at 2% and 1 ETH at 3000 with 10%', async () => {
    const doc = await report(spotBook());
    const c = doc.sections.collateral;
    // 1000·0.98 = 980; 3000·0.9 = 2700; total 3680 of 4000 at market.
    expect(c.totalValue).toBe('4000');
    expect(c.totalAfterHaircut).toBe('3680');
    expect(c.rows.map((r: any) => [r.asset, r.haircut, r.valueAfterHaircut])).toEqual([
      ['USDC', 0.02, '980'],
      ['ETH', 0.1, '2700'],
    ]);
  });
});

describe('wired to the modules with the stated parameters', () => {
  it('Monte Carlo VaR/ES are monteCarloVaR/ES of simulatePnL(seed, paths, horizon = days/365)', async () => {
    const doc = await report(smallBook(), ['--paths', '3000', '--seed', '17', '--confidence', '0.95']);
    const mc = doc.sections.risk.monteCarlo;
    const positions = smallBook().accounts.flatMap((a: any) => [
      ...(a.positions ?? []),
      ...(a.subAccounts ?? []).flatMap((s: any) => s.positions ?? []),
    ]);
    const pnl = simulatePnL(positions, smallBook().market, { paths: 3000, seed: 17, horizon: 1 / 365 });
    expect(mc.var).toBe(monteCarloVaR(pnl, { confidence: 0.95 }).value);
    expect(mc.es).toBe(monteCarloES(pnl, { confidence: 0.95 }).value);
    expect(mc.varStdError).toBeGreaterThan(0);
    expect(mc.histogram.reduce((s: number, b: any) => s + b.count, 0)).toBe(3000);
    expect(mc.es).toBeGreaterThanOrEqual(mc.var);
  });

  it('margin totals are the sums of accountMargin over the accounts, per method', async () => {
    const b = smallBook();
    b.parameters.haircuts = { USDC: 0.01 };
    const doc = await report(b);
    const ctx = prepareMargin(b.market, bookMarginParams(b.market));
    const valuer = haircutValuer({ USDC: 0.01 });
    for (const row of doc.sections.margin.byMethod) {
      const sum = b.accounts.reduce(
        (s: number, a: any) =>
          s +
          accountMargin(a, ctx, undefined, { method: row.method, collateralValuer: valuer }).initialMargin.toNumber(),
        0,
      );
      expect(Number(row.initialMargin)).toBeCloseTo(sum, 6);
    }
    expect(doc.sections.margin.byMethod.map((m: any) => m.method)).toEqual(['standard', 'cross', 'portfolio']);
    expect(doc.sections.margin.byAccount.map((a: any) => a.account).sort()).toEqual(['a', 'b']);
  });

  it('histogram bins cover every value once', () => {
    const x = Float64Array.from([-3, -1, 0, 0, 2, 5]);
    const h = histogram(x, 4);
    expect(h.map((b) => b.count)).toEqual([1, 3, 1, 1]); // width 2: [-3,-1) ∋ −3; [-1,1) ∋ −1, 0, 0; [1,3) ∋ 2; [3,5] ∋ 5
    expect(h[0].x0).toBe(-3);
    expect(h[3].x1).toBe(5);
    expect(histogram(Float64Array.from([7, 7]))).toEqual([{ x0: 6.5, x1: 7.5, count: 2 }]);
  });
});

describe('progress bar', () => {
  const big = () => {
    const b = smallBook();
    b.parameters.paths = 20000; // 5 blocks of 4096 paths
    return writeBook('progress.json', b);
  };
  it('is drawn on a TTY stderr during the Monte Carlo run, and cleared', async () => {
    const r = await runCli(['report', big()], { stderrTTY: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Monte Carlo [');
    expect(r.stderr).toContain('100% 20000/20000');
    expect(r.stderr.endsWith('\r\x1b[2K')).toBe(true);
  });
  it('is silent when stderr is not a TTY, with --json, and with --no-progress', async () => {
    expect((await runCli(['report', big()])).stderr).toBe('');
    expect((await runCli(['report', big(), '--json'], { stderrTTY: true })).stderr).toBe('');
    expect((await runCli(['report', big(), '--no-progress'], { stderrTTY: true })).stderr).toBe('');
  });
});

describe('stress and cascade', () => {
  it('grid: equity change = positions revalued + collateral at shocked prices after haircuts, grid assets only', async () => {
    const b = spotBook();
    b.parameters.priceMoves = [-0.2, 0.1];
    b.parameters.volShifts = [0, 0.1];
    const doc = await report(b);
    const st = doc.sections.stress;
    expect(st.gridAssets).toEqual(['BTC']);
    // 2 BTC at 200: −20% → −80, +10% → +40; spot has no vol exposure; USDC and ETH collateral do not move.
    expect(st.method).toBe('cross');
    expect(st.grid.map((c: any) => [c.priceMove, c.volShift, c.pnl, c.liquidatable])).toEqual([
      [-0.2, 0, expect.closeTo(-80, 9), 0],
      [-0.2, 0.1, expect.closeTo(-80, 9), 0],
      [0.1, 0, expect.closeTo(40, 9), 0],
      [0.1, 0.1, expect.closeTo(40, 9), 0],
    ]);
    b.parameters.gridAssets = ['BTC', 'ETH'];
    const both = await report(b);
    // ETH collateral (1 at 3000, haircut 10%) moves too: −80 − 3000·0.2·0.9 = −620.
    expect(both.sections.stress.grid[0].pnl).toBeCloseTo(-620, 9);
  });

  it('historical events move positions and collateral (after haircuts) by the event moves', async () => {
    const { HISTORICAL_EVENTS } = await import('../../src/stress/index.js');
    const doc = await report(spotBook());
    const e = HISTORICAL_EVENTS.find((x: any) => x.id === 'black-thursday-2020')!;
    const row = doc.sections.stress.worst.find((w: any) => w.scenario === e.name);
    // 400 of BTC spot; 3000 of ETH collateral at a 10% haircut; 1000 USDC at 2% (unmoved unless the event moves it).
    const mv: Record<string, number> = e.moves ?? {};
    const expected = 400 * (mv.BTC ?? 0) + 3000 * 0.9 * (mv.ETH ?? 0) + 1000 * 0.98 * (mv.USDC ?? 0);
    expect(row.pnl).toBeCloseTo(expected, 6);
    expect(row.source).toBe(e.source);
    const pnls = doc.sections.stress.worst.map((w: any) => w.pnl);
    expect(pnls).toEqual([...pnls].sort((x, y) => x - y));
  });

  it('the cascade section is simulateLiquidationCascade on the book accounts, starting at the market price', async () => {
    const b = spotBook();
    b.market.assets.X = { price: 100 };
    b.cascade = {
      asset: 'X',
      accounts: [
        { id: 'a', collateral: '10', debt: '700' },
        { id: 'b', collateral: '10', debt: '760' },
      ],
      shock: -0.1,
      liquidationThreshold: 0.8,
      penalty: 0.05,
      depth: '100000',
      rounds: 5,
    };
    const doc = await report(b);
    const { simulateLiquidationCascade } = await import('../../src/stress/index.js');
    const direct = simulateLiquidationCascade(b.cascade.accounts, {
      price: '100',
      shock: -0.1,
      liquidationThreshold: 0.8,
      penalty: 0.05,
      depth: '100000',
      rounds: 5,
    });
    const c = doc.sections.cascade;
    // Round 0 at 90: b holds 10·90·0.8 = 720 of borrowing capacity < 760 of debt → liquidated; a has 720 ≥ 700.
    // b's sale of 10 units through depth 100,000: p' = 90·(1 − 10·90/100000) = 89.19; then a: 10·89.19·0.8 =
    // 713.52 ≥ 700 → a survives. One liquidation, final price 89.19.
    expect(c.liquidated).toBe(1);
    expect(c.finalPrice).toBeCloseTo(89.19, 10);
    expect(c.rounds).toHaveLength(direct.rounds.length);
    expect(c.totalBadDebt).toBe(direct.totalBadDebt.toString());
    expect(c.finalPrice).toBe(direct.finalPrice.toNumber());
    expect(c.rounds[0].marketPrice).toBe(90);
  });

  it('without a cascade section the report says so', async () => {
    const doc = await report(spotBook());
    expect(doc.sections.cascade).toEqual({
      available: false,
      reason: 'the book has no cascade section (accounts for a liquidation cascade)',
    });
  });

  it('a bad cascade account is named by its book path', async () => {
    const b = spotBook();
    b.cascade = {
      asset: 'BTC',
      accounts: [
        { collateral: '1', debt: '10' },
        { collateral: '1', debt: '-5' },
      ],
    };
    const r = await runCli(['report', writeBook('bad-cascade-debt.json', b)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cascade\.accounts\[1\]\.debt must be /);
  });

  it('a cascade on an asset the market lacks is a bad-input error naming cascade.asset', async () => {
    const b = spotBook();
    b.cascade = { asset: 'DOGE', accounts: [{ collateral: '1', debt: '0' }] };
    const r = await runCli(['report', writeBook('bad-cascade.json', b)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cascade.asset must be an asset present in market.assets');
  });
});

describe('reverse stress', () => {
  it('at the reported liquidation price the account equity equals its maintenance margin', async () => {
    const b = {
      market: { assets: { BTC: { price: 60000, vol: 0.5 }, USDC: { price: 1 } } },
      accounts: [
        {
          id: 'lev',
          collateral: [{ asset: 'USDC', amount: '6000' }],
          positions: [{ kind: 'perp', underlying: 'BTC', quantity: 1 }],
        },
      ],
      parameters: { paths: 500, haircuts: { USDC: 0 } },
    };
    const doc = await report(b);
    const rs = doc.sections.reverseStress;
    expect(rs.method).toBe('cross');
    expect(rs.rows).toHaveLength(1);
    // All underlyings (here only BTC) falling together: the same break, as a relative shock.
    const liq = rs.combined.find((x: any) => x.target === 'liquidation');
    expect(liq.shock).toBeCloseTo(1 - rs.rows[0].below / 60000, 6);
    // Insolvency (equity < 0) needs a fall of the whole 6,000 of margin: 10%.
    expect(rs.combined.find((x: any) => x.target === 'insolvency').shock).toBeCloseTo(0.1, 9);
    const row = rs.rows[0];
    expect(row.status).toBe('ok');
    expect(row.above).toBeNull(); // a long perp only loses on the way down
    // 6,000 of margin on 60,000 of notional: liquidation after a fall of less than 10%.
    expect(row.below).toBeGreaterThan(54000);
    expect(row.below).toBeLessThan(60000);
    expect(row.distanceBelow).toBeCloseTo(row.below / 60000 - 1, 12);
    // Check the root: equity − maintenance = 0 at that price (entry fixed at today's 60,000).
    const fixed = {
      ...b.accounts[0],
      positions: [{ ...b.accounts[0].positions[0], kind: 'perp' as const, entryPrice: 60000 }],
    };
    const at = accountMargin(
      fixed,
      { assets: { BTC: { price: row.below, vol: 0.5 }, USDC: { price: 1 } } },
      undefined,
      { method: 'cross' },
    );
    expect(at.equity.minus(at.maintenanceMargin).abs().toNumber()).toBeLessThan(1e-4 * 60000 * 1e-3);
  });
});

describe('stablecoins priced in the book', () => {
  it('a USDC depeg reaches equity (the book prices USDC, so it is not treated as cash at 1)', async () => {
    const { stressAccounts } = await import('../../packages/cli/src/sections/stress.js');
    const { stablecoinDepeg } = await import('../../src/stress/index.js');
    const market = { assets: { BTC: { price: 200, vol: 0.5 }, USDC: { price: 1 } } };
    const account = {
      collateral: [{ asset: 'USDC', amount: '1000' }],
      positions: [{ kind: 'spot' as const, underlying: 'BTC', quantity: 2 }],
    };
    const [r] = stressAccounts([account], market, [stablecoinDepeg({ asset: 'USDC', depeg: 0.1 })], 'cross', {
      USDC: 0.02,
    });
    // 1000 USDC at 0.9 with a 2% haircut: 1000·(0.9 − 1)·0.98 = −98.
    expect(r.equityChange).toBeCloseTo(-98, 9);
  });
});

describe('hedge', () => {
  it('2 BTC spot is hedged by selling 2 BTC perps; delta after 0; grid losses vanish', async () => {
    const b = spotBook();
    b.parameters.priceMoves = [-0.2, 0.2];
    const doc = await report(b);
    const h = doc.sections.hedge;
    expect(h.method).toBe('exact');
    expect(h.neutral).toBe(true);
    expect(h.trades).toEqual([{ instrument: 'BTC perp', quantity: expect.closeTo(-2, 12) }]);
    expect(h.byUnderlying).toEqual([{ underlying: 'BTC', deltaBefore: 2, deltaAfter: expect.closeTo(0, 12) }]);
    // before: −20% on 400 of spot = −80; after: spot and perp offset exactly.
    expect(h.stress.worstBefore).toBeCloseTo(-80, 9);
    expect(h.stress.worstAfter).toBeCloseTo(0, 9);
  });

  it('uses the book hedge instruments when given, and names a bad one by path', async () => {
    const b = spotBook();
    b.parameters.hedgeInstruments = [{ kind: 'future', underlying: 'BTC', quantity: 1, expiry: 0.25 }];
    const doc = await report(b);
    expect(doc.sections.hedge.trades[0].instrument).toBe('BTC future 91d');
    b.parameters.hedgeInstruments = [{ kind: 'future', underlying: 'BTC', quantity: 1, expiry: -1 }];
    const r = await runCli(['report', writeBook('bad-hedge.json', b)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('parameters.hedgeInstruments[0].expiry must be a number >= 0, got -1');
  });
});

describe('historical details', () => {
  it('a 2-day horizon uses overlapping 2-day moves', async () => {
    const b = spotBook();
    b.parameters.horizonDays = 2;
    const doc = await report(b, ['--confidence', '0.75']);
    const h = doc.sections.risk.historical;
    // 2-day moves: 99/100 = 0.99, 108.9/110 = 0.99, 87.12/99 = 0.88, 95.832/108.9 = 0.88 → P&L 400·(m − 1):
    // −4, −4, −48, −48; losses sorted 4, 4, 48, 48; α = 0.75: VaR = L₍3₎ = 48, ES = L₍4₎ = 48.
    expect(h.observations).toBe(4);
    expect(h.var).toBeCloseTo(48, 9);
    expect(h.es).toBeCloseTo(48, 9);
  });

  it('too few scenarios for the confidence: unavailable with the var module’s reason, the rest still reported', async () => {
    const doc = await report(spotBook()); // 5 scenarios at 99%
    const h = doc.sections.risk.historical;
    expect(h.available).toBe(false);
    expect(h.reason).toMatch(/^pnl/);
    expect(doc.sections.risk.monteCarlo.available).toBe(true);
  });
});

describe('health by account', () => {
  it('an underwater account is listed first, with no margin ratio and liquidatable', async () => {
    const b = smallBook();
    // 15 ETH long from 4,000 at 3,000: −15,000 unrealised on 10,000 of USDC → equity −5,000.
    b.accounts[1].positions[0].entryPrice = 4000;
    const doc = await report(b);
    const m = doc.sections.margin;
    expect(m.healthMethod).toBe('cross');
    expect(m.byAccount[0]).toMatchObject({ account: 'b', equity: '-5000', marginRatio: null, liquidatable: true });
    expect(m.byAccount[1]).toMatchObject({ account: 'a', liquidatable: false });
    const r = await runCli(['report', writeBook('underwater.json', b)]);
    expect(r.stdout).toMatch(/ {4}b\s+-5,000\s+\S+\s+\S+\s+equity <= 0\s+YES/);
  });
});

describe('historical horizon', () => {
  it('a horizon that is not a whole number of history intervals is refused with the reason', async () => {
    const b = spotBook();
    b.parameters.horizonDays = 1.5;
    const doc = await report(b);
    expect(doc.sections.risk.historical).toEqual({
      available: false,
      reason: 'the 1.5-day horizon is not a whole number of history intervals (1 day each)',
    });
  });
});

describe('attribution, backtest and limits', () => {
  it('historical ES attribution: contributions by underlying sum to the historical ES; by position + others too', async () => {
    const doc = await report(spotBook(), ['--confidence', '0.8']);
    const at = doc.sections.risk.attribution;
    expect(at.available).toBe(true);
    // One position: it carries the whole ES (80, see the hand-checked historical figures above).
    expect(at.es).toBeCloseTo(80, 9);
    expect(at.var).toBeCloseTo(doc.sections.risk.historical.var, 9);
    expect(at.byUnderlying).toEqual([
      {
        underlying: 'BTC',
        esContribution: expect.closeTo(80, 9),
        componentVaR: expect.closeTo(doc.sections.risk.parametric.var, 9),
      },
    ]);
    expect(at.byPosition.map((p: any) => p.position)).toEqual(['x: 2 BTC spot']);
    expect(at.otherPositions).toBeNull();
  });

  it('two underlyings: contributions add up to the historical ES', async () => {
    const doc = await report(smallBook(), ['--confidence', '0.8']);
    const at = doc.sections.risk.attribution;
    const total = at.byUnderlying.reduce((s: number, u: any) => s + u.esContribution, 0);
    expect(total).toBeCloseTo(doc.sections.risk.historical.es, 6);
    expect(
      at.byPosition.reduce((s: number, u: any) => s + u.esContribution, 0) + (at.otherPositions?.esContribution ?? 0),
    ).toBeCloseTo(total, 6);
  });

  it('the backtest needs a window of history, and says so', async () => {
    const doc = await report(spotBook());
    expect(doc.sections.risk.backtest).toEqual({
      available: false,
      reason: '5 historical P&L days; the 250-day rolling backtest needs at least 252',
    });
  });

  it('backtest on the sample: 499 daily P&Ls, 249 days tested per model, Kupiec and traffic light from riskcore/var', async () => {
    const doc = await report(JSON.parse(readFileSync(join(root, 'examples/book.json'), 'utf8')), ['--paths', '500']);
    const bt = doc.sections.risk.backtest;
    expect(bt.available).toBe(true);
    expect(bt.rows.map((r: any) => r.observations)).toEqual([249, 249, 249]);
    for (const r of bt.rows) {
      expect(r.expected).toBeCloseTo(249 * 0.01, 12);
      expect(['green', 'yellow', 'red']).toContain(r.trafficLight);
      expect(r.kupiecPValue).toBeGreaterThanOrEqual(0);
      expect(r.kupiecPValue).toBeLessThanOrEqual(1);
    }
    expect(doc.book.syntheticHistory).toBe(true);
  }, 60_000);

  it('limits: utilisation = figure / limit; a misspelt or non-positive limit is refused by path', async () => {
    const b = spotBook();
    b.limits = { grossNotional: 800, var: 1e9 };
    const doc = await report(b);
    expect(doc.limits.available).toBe(true);
    const gn = doc.limits.rows.find((r: any) => r.limit === 'grossNotional');
    expect(gn).toMatchObject({ value: 400, amount: 800, utilisation: 0.5, breached: false });
    b.limits = { VaR: 1 };
    let r = await runCli(['report', writeBook('lim1.json', b), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/limits\.VaR is not a field; did you mean var\?/);
    b.limits = { es: -1 };
    r = await runCli(['report', writeBook('lim2.json', b), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/limits\.es/);
    delete b.limits;
    expect((await report(b)).limits).toEqual({ available: false, reason: 'the book sets no limits' });
  });
});

describe('reverse stress is bounded to the accounts that matter most', () => {
  it('25 accounts: the 20 with the highest margin ratio are analysed, and the scope says so', async () => {
    const b = smallBook();
    b.accounts = Array.from({ length: 25 }, (_, i) => ({
      id: `u${i}`,
      collateral: [{ asset: 'USDC', amount: String(2000 + 500 * i) }],
      positions: [{ kind: 'perp', underlying: 'ETH', quantity: 10, entryPrice: 3000 }],
    }));
    delete b.history;
    const doc = await report(b);
    const rs = doc.sections.reverseStress;
    expect(rs.scope).toEqual({ analysed: 20, of: 25, limit: 20 });
    const top = doc.sections.margin.byAccount.slice(0, 20).map((a: any) => a.account);
    expect(rs.rows.map((x: any) => x.account)).toEqual(top);
    // The least collateralised accounts are the most stretched: u0..u19 in order.
    expect(top).toEqual(Array.from({ length: 20 }, (_, i) => `u${i}`));
    expect(new Set(rs.combined.map((x: any) => x.account))).toEqual(new Set(top));
  }, 60_000);
});
