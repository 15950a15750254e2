/** Robustness of `riskcore/montecarlo` (the browser-safe entry; the Node pool has its own tests). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RiskInputError } from '../../src/core/errors.js';
import * as mod from '../../src/montecarlo/index.js';
import { robustnessSuite } from './suite.js';
import { dbl, fixedMarket, fixedPositions, fresh, market, positions } from './arbs.js';
import type { Fn, Spec } from './harness.js';

const { TailBuffer, planShards, runShard } = mod;

const book = fc.oneof(
  fresh(() => [fixedPositions(), fixedMarket()]),
  fc.tuple(positions, market),
);
// an unknown underlying or an option without a vol is reported at the position or at the market asset; a rate or
// carry of ±1e308 overflows exp((r − q)·T) jointly with an expiry (reported there), a price jointly with a quantity
const bookAccept = (site: string, p: string) =>
  (/underlying$|^\d\.assets(\.\w+(\.vol)?)?$/.test(site) && /underlying|assets/.test(p)) ||
  (/(rate|dividendYield)$/.test(site) && /expiry$/.test(p));
// market.assets is a record keyed by user-chosen asset names, not a fixed set of fields: an added or renamed asset is
// a different market (an unknown underlying is then reported at the position), not a misspelt key
const assetRecord = (site: string) => /^(\d|0\.market)\.assets$/.test(site);
const withOptions = <T extends Record<string, unknown>>(arb: fc.Arbitrary<T>) =>
  fc.tuple(book, arb).map(([[p, m], o]) => [p, m, o]);
const horizon = dbl(1 / 365, 10 / 365);
const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });

const job = fc.tuple(book, seed, horizon).map(([[p, m], s, h]) =>
  planShards({
    positions: p as never,
    market: m as never,
    options: { horizon: h, seed: s },
    totalPaths: 5000,
    confidence: 0.99,
    shards: 2,
  }),
);
const shardResults = fresh(() =>
  planShards({
    positions: fixedPositions() as never,
    market: fixedMarket() as never,
    options: { horizon: 1 / 365, seed: 3 },
    totalPaths: 4200,
    confidence: 0.95,
    shards: 2,
  }).map((j) => runShard(j)),
);

const specs: Spec[] = [
  {
    name: 'simulatePnL',
    skipKeys: assetRecord,
    names: ['positions', 'market', 'options'],
    accept: bookAccept,
    numRuns: 40,
    args: withOptions(
      fc.record({
        paths: fc.integer({ min: 1, max: 64 }),
        horizon,
        seed,
        dist: fc.constantFrom('normal', 't'),
        dof: dbl(3, 10),
        mode: fc.constantFrom('full', 'delta-gamma', 'delta-gamma-vega'),
      }),
    ),
  },
  {
    name: 'monteCarloVaRWithError',
    skipKeys: assetRecord,
    names: ['positions', 'market', 'options'],
    accept: (s, p) => bookAccept(s, p) || (/^2\.(confidence|batches)$/.test(s) && p === 'options.paths'),
    numRuns: 40,
    args: withOptions(
      fc.record({
        paths: fc.integer({ min: 200, max: 300 }),
        horizon,
        seed,
        confidence: dbl(0.9, 0.95),
        batches: fc.integer({ min: 2, max: 5 }),
      }),
    ),
  },
  {
    name: 'importanceSamplingVaR',
    skipKeys: assetRecord,
    names: ['positions', 'market', 'options'],
    accept: (s, p) => bookAccept(s, p) || (s === '2.batches' && p === 'options.paths'),
    numRuns: 30,
    args: withOptions(
      fc.record({
        paths: fc.integer({ min: 200, max: 300 }),
        horizon,
        seed,
        confidence: dbl(0.95, 0.999),
        batches: fc.constant(2),
        pilotPaths: fc.integer({ min: 100, max: 200 }),
      }),
    ),
  },
  {
    name: 'qmcVaR',
    skipKeys: assetRecord,
    names: ['positions', 'market', 'options'],
    accept: bookAccept,
    numRuns: 30,
    args: withOptions(
      fc.record({
        paths: fc.integer({ min: 64, max: 128 }),
        replications: fc.constant(8),
        horizon,
        seed,
        confidence: dbl(0.9, 0.99),
        randomization: fc.constantFrom('lms-shift', 'shift'),
        ordering: fc.constantFrom('delta-gamma', 'natural'),
      }),
    ),
  },
  {
    name: 'planShards',
    skipKeys: assetRecord,
    names: ['input'],
    accept: (s, p) =>
      bookAccept(
        s.replace(/^0\.(positions|market)\./, (_, k) => (k === 'positions' ? '0.' : '1.')),
        p,
      ),
    args: fc
      .tuple(book, seed, fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 1, max: 8 }))
      .map(([[p, m], s, n, k]) => [
        { positions: p, market: m, options: { horizon: 1 / 365, seed: s }, totalPaths: n, confidence: 0.99, shards: k },
      ]),
  },
  {
    name: 'runShard',
    skipKeys: assetRecord,
    names: ['job'],
    numRuns: 20,
    skip: (s) => s === '1',
    accept: (s, p) =>
      bookAccept(
        s.replace(/^0\.(positions|market)\./, (_, k) => (k === 'positions' ? '0.' : '1.')),
        p,
      ) ||
      (/^0\.(pathOffset|totalPaths)$/.test(s) && p === 'job.paths'),
    args: job.map((jobs) => [jobs[jobs.length - 1]]),
  },
  {
    name: 'combineShards',
    names: ['results', 'confidence'],
    // the merged tail must hold n − ⌈nα⌉ + 1 losses: a shorter tail, fewer paths or a lower confidence is reported at the buffer
    accept: (s, p) => /^(0\.\d+\.(tail|paths)|1)/.test(s) && /^(buffer|results)/.test(p),
    args: fc.tuple(shardResults, fc.constant(0.95)),
  },
  {
    name: 'nearestCorrelation',
    names: ['matrix', 'options'],
    args: fc
      .tuple(
        fc.integer({ min: 2, max: 4 }),
        fc.array(dbl(-1.2, 1.2), { minLength: 16, maxLength: 16 }),
        fc.record({
          tolerance: dbl(1e-12, 1e-6),
          maxIterations: fc.integer({ min: 1, max: 500 }),
          minEigenvalue: dbl(0, 0.01),
        }),
      )
      .map(([n, xs, o]) => [
        Array.from({ length: n }, (_, i) =>
          Array.from({ length: n }, (__, j) => (i === j ? 1 : xs[Math.min(i, j) * 4 + Math.max(i, j)])),
        ),
        o,
      ]),
    // the matrix must stay symmetric: junk in one triangle is reported at the mirror entry's pair (named by row)
    accept: (s, p) => /^0\.\d+(\.\d+)?$/.test(s) && /^matrix/.test(p),
  },
  {
    name: 'checkCorrelation',
    names: ['matrix', 'path'],
    args: fc
      .tuple(fc.integer({ min: 2, max: 4 }), dbl(-0.3, 0.3))
      .map(([n, r]) => [
        Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 1 : r))),
        'matrix',
      ]),
    skip: (s) => s === '1',
    // the matrix must stay symmetric: junk in one triangle may be reported at the mirror entry (named by row)
    accept: (s, p) => /^0\.\d+(\.\d+)?$/.test(s) && /^matrix/.test(p),
  },
  {
    name: 'TailBuffer',
    names: ['capacity', 'pnl', 'loss'],
    call: (fn: Fn, [cap, pnl, loss]) => {
      const b = new (fn as unknown as typeof TailBuffer)(cap as number);
      b.pushPnL(pnl as number[]);
      b.push(loss as number);
      return { state: b.toJSON(), sorted: b.sortedLosses(), kept: b.kept, risk: mod.tailVaRES(b, b.total, 0.9) };
    },
    // the capacity must be large enough for the VaR/ES asked of the buffer (reported at the buffer)
    accept: (s, p) => s === '0' && p === 'buffer',
    args: fc.tuple(
      fc.integer({ min: 25, max: 40 }),
      fc.array(dbl(-1e4, 1e4), { minLength: 100, maxLength: 200 }),
      dbl(-1e4, 1e4),
    ),
  },
  {
    name: 'mergeTails',
    names: ['buffers', 'capacity'],
    args: fc
      .tuple(
        fc.array(fc.array(dbl(-1e4, 1e4), { minLength: 20, maxLength: 60 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 5, max: 30 }),
      )
      .map(([ss, cap]) => [
        ss.map((s) => {
          const b = new TailBuffer(10);
          b.pushPnL(s);
          return b;
        }),
        cap,
      ]),
    call: (fn: Fn, a) => {
      const b = fn(...a) as InstanceType<typeof TailBuffer>;
      return { state: b.toJSON() };
    },
  },
  {
    name: 'tailVaRES',
    names: ['buffer', 'total', 'confidence'],
    // total and confidence decide how many losses the buffer must hold: a mismatch is reported at the buffer
    accept: (s, p) => /^[12]$/.test(s) && p === 'buffer',
    args: fc.tuple(fc.array(dbl(-1e4, 1e4), { minLength: 100, maxLength: 200 }), dbl(0.9, 0.99)).map(([s, c]) => {
      const b = new TailBuffer(mod.tailCapacity(s.length, c));
      b.pushPnL(s);
      return [b, s.length, c];
    }),
  },
  {
    name: 'tailCapacity',
    names: ['paths', 'confidence'],
    args: fc.tuple(fc.integer({ min: 1, max: 1e7 }), dbl(0.5, 0.999)),
  },
  {
    name: 'sobolPoints',
    names: ['count', 'dimensions', 'options'],
    args: fc.tuple(
      fc.integer({ min: 0, max: 64 }),
      fc.integer({ min: 1, max: 8 }),
      fc.oneof(
        fc.record({ skip: fc.integer({ min: 0, max: 100 }) }),
        fc.record({
          randomization: fc.constantFrom('shift', 'lms-shift'),
          seed,
          substream: fc.integer({ min: 0, max: 10 }),
          skip: fc.integer({ min: 0, max: 100 }),
        }),
      ),
    ),
  },
];

// SUBSTREAM_PATHS and SOBOL_MAX_DIMENSIONS are constants; RiskInputError is the error class
robustnessSuite('riskcore/montecarlo', mod as unknown as Record<string, unknown>, specs, ['RiskInputError']);

describe('simulatePnL: magnitudes that overflow the P&L (pending the guard in simulate.ts)', () => {
  const opts = { paths: 64, horizon: 1 / 365, seed: 3 };
  const cases: Array<[string, () => unknown]> = [
    [
      'positions[1].quantity',
      () =>
        mod.simulatePnL(
          fixedPositions().map((p, i) => (i === 1 ? { ...p, quantity: 1e308 } : p)) as never,
          fixedMarket() as never,
          opts,
        ),
    ],
    [
      'positions[4].expiry',
      () =>
        mod.simulatePnL(
          fixedPositions().map((p, i) => (i === 4 ? { ...p, expiry: 1e308 } : p)) as never,
          fixedMarket() as never,
          opts,
        ),
    ],
    ['market.rate', () => mod.simulatePnL(fixedPositions() as never, { ...fixedMarket(), rate: 1e308 } as never, opts)],
  ];
  for (const [path, run] of cases) {
    it(`${path} = 1e308 is rejected naming ${path}`, () => {
      let err: unknown;
      let out: unknown;
      try {
        out = run();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(RiskInputError);
      expect((err as RiskInputError).path).toBe(path);
      expect(out).toBeUndefined();
    });
  }
  it('the same books are rejected by the guarded entry points (monteCarloVaRWithError)', () => {
    const o = { ...opts, paths: 200, confidence: 0.95 };
    expect(() =>
      mod.monteCarloVaRWithError(
        fixedPositions().map((p, i) => (i === 1 ? { ...p, quantity: 1e308 } : p)) as never,
        fixedMarket() as never,
        o,
      ),
    ).toThrow(/positions\[1\]\.quantity/);
    expect(() =>
      mod.monteCarloVaRWithError(
        fixedPositions().map((p, i) => (i === 4 ? { ...p, expiry: 1e308 } : p)) as never,
        fixedMarket() as never,
        o,
      ),
    ).toThrow(/positions\[4\]\.expiry/);
    expect(() =>
      mod.monteCarloVaRWithError(fixedPositions() as never, { ...fixedMarket(), rate: 1e308 } as never, o),
    ).toThrow(/market\.rate/);
  });
});

describe('nearestCorrelation: the diagonal of the input does not change the answer', () => {
  it('Higham 2002 example with diagonal 2 and with one diagonal entry 1e308 give the same matrix (the diagonal adds a constant to the distance)', () => {
    const a = [
      [2, -1, 0],
      [-1, 2, -1],
      [0, -1, 2],
    ];
    const b = [
      [1e308, -1, 0],
      [-1, 2, -1],
      [0, -1, 2],
    ];
    const x = mod.nearestCorrelation(a);
    const y = mod.nearestCorrelation(b);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(y[i][j]).toBeCloseTo(x[i][j], 12);
    expect(x[0][1]).toBeLessThan(-0.5); // not the identity: the off-diagonal information is kept
  });
});
