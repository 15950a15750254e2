/**
 * Prepared Drift markets and accounts (fast-check, fixed seed from test/setup.ts): every result on a prepared market,
 * with a raw or a prepared account, equals the result on the raw inputs, errors included; a pre-trade check's margins
 * (computed by reusing the lines of the positions the order leaves alone) equal a full margin calculation of the
 * account before and after the order; refusals of prepared values given where they do not belong.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../../src/core/errors.js';
import { isqrt } from '../../../src/perps/drift/int.js';
import {
  driftAccountMargin,
  driftMaxOrderSize,
  driftMaxWithdrawable,
  driftOrderMarginCheck,
  prepareDriftAccount,
  prepareDriftMarket,
} from '../../../src/perps/index.js';

const int = (min: bigint, max: bigint) => fc.bigInt({ min, max });
const USDC = {
  marketIndex: 0,
  decimals: 6,
  oraclePrice: 1_000_000n,
  initialAssetWeight: 10000,
  maintenanceAssetWeight: 10000,
  initialLiabilityWeight: 10000,
  maintenanceLiabilityWeight: 10000,
};
const spotMarket = fc.record({
  marketIndex: fc.constant(1),
  decimals: fc.constantFrom(6, 8, 9),
  oraclePrice: int(1_000_000n, 200_000_000n),
  oracleTwap: int(1_000_000n, 200_000_000n),
  initialAssetWeight: fc.constantFrom(0, 7000, 8000),
  maintenanceAssetWeight: fc.constantFrom(8500, 9000),
  initialLiabilityWeight: fc.constantFrom(12000, 14000),
  maintenanceLiabilityWeight: fc.constantFrom(11000, 12000),
  imfFactor: fc.constantFrom(0, 1000, 20_000),
});
const perpMarket = fc.record(
  {
    marginRatioInitial: fc.constantFrom(500, 1000, 2000),
    marginRatioMaintenance: fc.constantFrom(250, 300, 500),
    imfFactor: fc.constantFrom(0, 500, 2500),
    unrealizedPnlInitialAssetWeight: fc.constantFrom(0, 8000, 10000),
    unrealizedPnlImfFactor: fc.constantFrom(0, 1000),
    unrealizedPnlMaxImbalance: fc.constantFrom(0, 10 ** 9),
    netUserPnl: int(-(10n ** 10n), 10n ** 10n),
    highLeverageMarginRatioInitial: fc.constantFrom(0, 200),
    highLeverageMarginRatioMaintenance: fc.constantFrom(0, 100),
    oraclePrice: int(1_000_000n, 100_000_000_000n),
    cumulativeFundingRateLong: int(-(10n ** 10n), 10n ** 10n),
    cumulativeFundingRateShort: int(-(10n ** 10n), 10n ** 10n),
    orderStepSize: fc.constantFrom(1_000_000n, 10_000_000n),
  },
  { requiredKeys: ['marginRatioInitial', 'marginRatioMaintenance', 'oraclePrice'] },
);
const NAMES = ['A-PERP', 'B-PERP', 'C-PERP', 'D-PERP', 'E-PERP', 'F-PERP'];
const context = fc.record({
  perpMarkets: fc
    .tuple(...NAMES.map(() => perpMarket))
    .map((ms) => Object.fromEntries(NAMES.map((n, i) => [n, ms[i]]))),
  spotMarkets: spotMarket.map((sol) => ({ USDC, SOL: sol })),
  quotePrice: fc.constantFrom(1_000_000n, 999_000n, 1_001_000n),
  quoteTwap: fc.constantFrom(1_000_000n, 998_000n),
});
const perpPosition = fc.record(
  {
    market: fc.constantFrom(...NAMES),
    baseAssetAmount: int(-(10n ** 13n), 10n ** 13n),
    quoteAssetAmount: int(-(10n ** 12n), 10n ** 12n),
    lastCumulativeFundingRate: int(-(10n ** 10n), 10n ** 10n),
    openOrders: fc.integer({ min: 0, max: 3 }),
    openBids: int(0n, 10n ** 11n),
    openAsks: int(-(10n ** 11n), 0n),
  },
  { requiredKeys: ['market', 'baseAssetAmount', 'quoteAssetAmount'] },
);
const account = fc.record({
  spotPositions: fc
    .tuple(int(-(10n ** 9n), 10n ** 12n), int(-(10n ** 10n), 10n ** 11n), fc.boolean())
    .map(([u, s, orders]) => [
      { market: 'USDC', tokenAmount: u },
      orders
        ? { market: 'SOL', tokenAmount: s, openOrders: 1, openBids: 10n ** 9n, openAsks: -(10n ** 9n) }
        : { market: 'SOL', tokenAmount: s },
    ]),
  perpPositions: fc.uniqueArray(perpPosition, { selector: (p) => p.market, maxLength: 5 }),
});
const order = fc.record({
  market: fc.constantFrom(...NAMES),
  direction: fc.constantFrom('long' as const, 'short' as const),
  baseAssetAmount: int(1n, 10n ** 12n),
  action: fc.constantFrom('place' as const, 'place' as const, 'cancel' as const),
});
const mode = fc.constantFrom({}, { mode: 'highLeverage' as const });

/** The result, or the path of the RiskInputError thrown. */
function outcome<T>(f: () => T): T | { error: string } {
  try {
    return f();
  } catch (e) {
    if (e instanceof RiskInputError) return { error: e.path };
    throw e;
  }
}

describe('prepared Drift market and account', () => {
  it('driftOrderMarginCheck: raw, prepared market, prepared account give the same result or error', () => {
    fc.assert(
      fc.property(account, context, order, mode, (a, c, o, opts) => {
        const market = prepareDriftMarket(c);
        const prepared = outcome(() => prepareDriftAccount(a, market));
        const raw = outcome(() => driftOrderMarginCheck(o, { account: a, ...c }, opts));
        expect(outcome(() => driftOrderMarginCheck(o, { account: a, market }, opts))).toEqual(raw);
        if ('error' in prepared) return;
        // twice: the second call takes the account's lines kept by the first
        expect(outcome(() => driftOrderMarginCheck(o, { account: prepared, market }, opts))).toEqual(raw);
        expect(outcome(() => driftOrderMarginCheck(o, { account: prepared, market }, opts))).toEqual(raw);
      }),
      { numRuns: 300 },
    );
  });

  it("the check's margins equal a full margin calculation of the account before and after the order", () => {
    let checked = 0;
    fc.assert(
      fc.property(account, context, order, mode, (a, c, o, opts) => {
        const r = outcome(() => driftOrderMarginCheck(o, { account: a, ...c }, opts));
        if ('error' in r) return;
        checked++;
        const has = a.perpPositions.some((p) => p.market === o.market);
        const before = has
          ? a
          : {
              ...a,
              perpPositions: [...a.perpPositions, { market: o.market, baseAssetAmount: 0n, quoteAssetAmount: 0n }],
            };
        const after = r.account;
        expect(driftAccountMargin(before, c, { ...opts, type: 'initial' })).toEqual(r.initialBefore);
        expect(driftAccountMargin(after, c, { ...opts, type: 'initial' })).toEqual(r.initialAfter);
        expect(driftAccountMargin(after, c, { ...opts, type: 'maintenance' })).toEqual(r.maintenanceAfter);
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it('driftAccountMargin: raw, prepared market, prepared account give the same result or error', () => {
    const options = fc.record(
      {
        type: fc.constantFrom('initial' as const, 'fill' as const, 'maintenance' as const),
        mode: fc.constantFrom('standard' as const, 'highLeverage' as const),
        marginBuffer: fc.constantFrom(0, 100, 2000),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(account, context, options, (a, c, opts) => {
        const market = prepareDriftMarket(c);
        const raw = outcome(() => driftAccountMargin(a, c, opts));
        expect(outcome(() => driftAccountMargin(a, market, opts))).toEqual(raw);
        const prepared = outcome(() => prepareDriftAccount(a, market));
        if ('error' in prepared) return;
        expect(outcome(() => driftAccountMargin(prepared, market, opts))).toEqual(raw);
        const again = outcome(() => driftAccountMargin(prepared, market, opts));
        expect(again).toEqual(raw);
        // results are fresh objects: changing one does not reach the next
        if (!('error' in again) && again.perps.length > 0) {
          again.perps[0].marginRequirement = -1n;
          expect(driftAccountMargin(prepared, market, opts)).toEqual(raw);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('driftMaxOrderSize and driftMaxWithdrawable: the same on raw and prepared inputs', () => {
    fc.assert(
      fc.property(account, context, order, mode, fc.constantFrom('USDC', 'SOL'), (a, c, o, opts, spot) => {
        const market = prepareDriftMarket(c);
        const prepared = outcome(() => prepareDriftAccount(a, market));
        const size = { market: o.market, direction: o.direction };
        const rawSize = outcome(() => driftMaxOrderSize(size, { account: a, ...c }, opts));
        const rawDraw = outcome(() => driftMaxWithdrawable({ market: spot }, { account: a, ...c }, opts));
        expect(outcome(() => driftMaxOrderSize(size, { account: a, market }, opts))).toEqual(rawSize);
        expect(outcome(() => driftMaxWithdrawable({ market: spot }, { account: a, market }, opts))).toEqual(rawDraw);
        if ('error' in prepared) return;
        expect(outcome(() => driftMaxOrderSize(size, { account: prepared, market }, opts))).toEqual(rawSize);
        expect(outcome(() => driftMaxWithdrawable({ market: spot }, { account: prepared, market }, opts))).toEqual(
          rawDraw,
        );
      }),
      { numRuns: 60 },
    );
  });

  it('refuses prepared values where they do not belong, and hand-built look-alikes', () => {
    const c = {
      spotMarkets: { USDC },
      perpMarkets: { 'A-PERP': { marginRatioInitial: 1000, marginRatioMaintenance: 500, oraclePrice: 10n ** 8n } },
    };
    const a = { spotPositions: [{ market: 'USDC', tokenAmount: 10n ** 9n }] };
    const o = { market: 'A-PERP', direction: 'long' as const, baseAssetAmount: 10n ** 9n };
    const market = prepareDriftMarket(c);
    const other = prepareDriftMarket(c);
    const pa = prepareDriftAccount(a, market);
    const path = (f: () => unknown) => (outcome(f) as { error: string }).error;
    expect(prepareDriftMarket(market)).toBe(market);
    expect(path(() => driftOrderMarginCheck(o, { account: pa, market: other }))).toBe('context.account');
    expect(path(() => driftOrderMarginCheck(o, { account: pa, ...c }))).toBe('context.market');
    expect(path(() => driftAccountMargin(pa, c))).toBe('context');
    expect(path(() => driftAccountMargin(pa, other))).toBe('account');
    expect(path(() => driftOrderMarginCheck(o, { account: a, market, perpMarkets: c.perpMarkets }))).toBe(
      'context.perpMarkets',
    );
    const lookAlike = { kind: 'drift.market', perpMarketNames: ['A-PERP'], spotMarketNames: ['USDC'] };
    expect(path(() => driftOrderMarginCheck(o, { account: a, market: lookAlike as never }))).toBe('context.market');
    expect(path(() => prepareDriftAccount(a, lookAlike as never))).toBe('market');
    // a raw account is still validated in full on a prepared market
    expect(path(() => driftOrderMarginCheck(o, { account: { ...a, perpPosition: [] } as never, market }))).toBe(
      'account.perpPosition',
    );
    expect(
      path(() => driftAccountMargin({ spotPositions: [{ market: 'USDC', tokenAmount: 1.5 }] } as never, market)),
    ).toBe('account.spotPositions[0].tokenAmount');
    expect(
      path(() =>
        driftAccountMargin({ perpPositions: [{ market: 'Z', baseAssetAmount: 1n, quoteAssetAmount: 0n }] }, market),
      ),
    ).toBe('account.perpPositions[0].market');
    expect(path(() => prepareDriftMarket({ ...c, quotePrice: 0n }))).toBe('market.quotePrice');
    expect(Object.isFrozen(market) && Object.isFrozen(pa)).toBe(true);
  });
});

describe('isqrt', () => {
  it('is ⌊√n⌋ on both sides of the double-precision path (x² ≤ n < (x+1)²)', () => {
    const edge = BigInt(Number.MAX_SAFE_INTEGER) - (1n << 28n);
    const n = fc.oneof(int(0n, 10n ** 6n), int(edge - 10n ** 6n, edge + 10n ** 6n), int(0n, 10n ** 30n));
    fc.assert(
      fc.property(n, (v) => {
        const x = isqrt(v);
        expect(x * x <= v && (x + 1n) * (x + 1n) > v).toBe(true);
      }),
      { numRuns: 2000 },
    );
    for (let k = 1n; k < 100_000_000n; k = k * 3n + 1n) {
      for (const v of [k * k - 1n, k * k, k * k + 1n]) {
        const x = isqrt(v);
        expect(x * x <= v && (x + 1n) * (x + 1n) > v).toBe(true);
      }
    }
  });
});
