/**
 * Drift v2's own Rust test tables (drift-labs/protocol-v2 at 0ae3e3b1db782a6765c3525b3dec38ad4d9d3a62), extracted
 * and re-derived with Python integers by test/fixtures/perps/drift/generate.py, reproduced to the integer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  driftAccountMargin,
  driftAssetTransferForLiabilityTransfer,
  driftBankruptcyFundingDelta,
  driftBaseAssetAmountToCoverMarginShortage,
  driftFundingPayment,
  driftFundingRate,
  driftFundingRateLongShort,
  driftLiabilityTransferImpliedByAssetAmount,
  driftLiabilityTransferToCoverMarginShortage,
  driftLiquidationFee,
  driftMarkOracleDivergence,
  driftMaxPctToLiquidate,
  driftMaxWithdrawable,
  driftOracleValidity,
  driftPerpIfFee,
  driftPerpMarginRatio,
  driftPerpPositionMargin,
  driftSpotAssetWeight,
  driftSpotIfFee,
  driftSpotLiabilityWeight,
  driftUnrealizedAssetWeight,
} from '../../../src/perps/index.js';

// biome-ignore lint/suspicious/noExplicitAny: fixture rows are heterogeneous JSON
type Row = Record<string, any>;
const doc = JSON.parse(readFileSync(join(__dirname, '../../fixtures/perps/drift/cases.json'), 'utf8'));
const cases: Row[] = doc.cases;
const of = (fn: string) => cases.filter((c) => c.fn === fn);
const big = (x: number | string) => BigInt(x);

const perpMarket = (m: Row, oraclePrice: number | string) => ({
  marginRatioInitial: m.initial,
  marginRatioMaintenance: m.maintenance,
  imfFactor: m.imf,
  unrealizedPnlInitialAssetWeight: m.upnlInitialAssetWeight,
  unrealizedPnlMaintenanceAssetWeight: m.upnlMaintenanceAssetWeight,
  unrealizedPnlImfFactor: m.upnlImf,
  highLeverageMarginRatioInitial: m.hlInitial,
  highLeverageMarginRatioMaintenance: m.hlMaintenance,
  cumulativeFundingRateLong: big(m.cumulativeFundingRateLong),
  cumulativeFundingRateShort: big(m.cumulativeFundingRateShort),
  oraclePrice: big(oraclePrice),
  ...(m.maxImbalance !== undefined
    ? { unrealizedPnlMaxImbalance: big(m.maxImbalance), netUserPnl: big(m.netUserPnl) }
    : {}),
});
const spotMarket = (s: Row) => ({
  ...(s.marketIndex !== undefined ? { marketIndex: s.marketIndex } : {}),
  ...(s.oracleTwap !== undefined ? { oracleTwap: big(s.oracleTwap) } : {}),
  decimals: s.decimals,
  oraclePrice: big(s.oraclePrice),
  initialAssetWeight: s.initialAssetWeight,
  maintenanceAssetWeight: s.maintenanceAssetWeight,
  initialLiabilityWeight: s.initialLiabilityWeight,
  maintenanceLiabilityWeight: s.maintenanceLiabilityWeight,
  imfFactor: s.imf,
  ...(s.scaleStart ? { scaleInitialAssetWeightStart: big(s.scaleStart), totalDeposits: big(s.totalDeposits) } : {}),
});
const position = (p: Row) => ({
  market: (p.market as string | undefined) ?? 'PERP',
  baseAssetAmount: big(p.base),
  quoteAssetAmount: big(p.quote),
  ...(p.lastCumulativeFundingRate !== undefined ? { lastCumulativeFundingRate: big(p.lastCumulativeFundingRate) } : {}),
  ...(p.openOrders !== undefined ? { openOrders: p.openOrders } : {}),
  ...(p.openBids !== undefined ? { openBids: big(p.openBids), openAsks: big(p.openAsks) } : {}),
});

describe('fixture', () => {
  it('is from the named commit and holds the Drift test cases', () => {
    expect(doc.source.commit).toBe('0ae3e3b1db782a6765c3525b3dec38ad4d9d3a62');
    expect(cases.filter((c) => c.origin === 'drift-test').length).toBeGreaterThanOrEqual(80);
  });
});

const SCALAR: Record<string, (a: bigint[]) => bigint> = {
  baseAssetAmountToCoverMarginShortage: ([s, r, f, i, p, q]) =>
    driftBaseAssetAmountToCoverMarginShortage(
      { marginShortage: s },
      { marginRatio: r, liquidatorFee: f, ifLiquidationFee: i, oraclePrice: p, quoteOraclePrice: q },
    ).amount,
  liabilityTransferToCoverMarginShortage: ([s, aw, am, lw, lm, d, p, i]) =>
    driftLiabilityTransferToCoverMarginShortage(
      { marginShortage: s },
      {
        assetWeight: aw,
        assetLiquidationMultiplier: am,
        liabilityWeight: lw,
        liabilityLiquidationMultiplier: lm,
        liabilityDecimals: d,
        liabilityPrice: p,
        ifLiquidationFee: i,
      },
    ).amount,
  liabilityTransferImpliedByAssetAmount: ([a, am, ad, ap, lm, ld, lp]) =>
    driftLiabilityTransferImpliedByAssetAmount(
      { assetAmount: a },
      {
        assetLiquidationMultiplier: am,
        assetDecimals: ad,
        assetPrice: ap,
        liabilityLiquidationMultiplier: lm,
        liabilityDecimals: ld,
        liabilityPrice: lp,
      },
    ),
  assetTransferForLiabilityTransfer: ([a, am, ad, ap, l, lm, ld, lp]) =>
    driftAssetTransferForLiabilityTransfer(
      { assetAmount: a, liabilityTransfer: l },
      {
        assetLiquidationMultiplier: am,
        assetDecimals: ad,
        assetPrice: ap,
        liabilityLiquidationMultiplier: lm,
        liabilityDecimals: ld,
        liabilityPrice: lp,
      },
    ),
  perpIfFee: ([s, b, r, f, p, q, m]) =>
    driftPerpIfFee(
      { marginShortage: s, baseAssetAmount: b },
      { marginRatio: r, liquidatorFee: f, oraclePrice: p, quoteOraclePrice: q, maxIfLiquidationFee: m },
    ),
  spotIfFee: ([s, t, aw, am, lw, lm, d, p, m]) =>
    driftSpotIfFee(
      { marginShortage: s, tokenAmount: t },
      {
        assetWeight: aw,
        assetLiquidationMultiplier: am,
        liabilityWeight: lw,
        liabilityLiquidationMultiplier: lm,
        liabilityDecimals: d,
        liabilityPrice: p,
        maxIfFee: m,
      },
    ),
  liquidationFee: ([b, m, last, cur]) =>
    driftLiquidationFee({ lastActiveSlot: last, currentSlot: cur }, { baseLiquidationFee: b, maxLiquidationFee: m }),
};

describe('math/liquidation/tests.rs (extracted)', () => {
  for (const [fn, run] of Object.entries(SCALAR)) {
    const rows = of(fn);
    it(`${fn}: ${rows.length} cases`, () => {
      expect(rows.length).toBeGreaterThan(0);
      for (const c of rows) expect([c.test, run(c.args.map(big))]).toEqual([c.test, big(c.expected)]);
    });
  }
  it('bankruptcy funding delta and max pct to liquidate', () => {
    for (const c of of('bankruptcyFundingDelta')) {
      const d = driftBankruptcyFundingDelta(
        { loss: big(c.loss) },
        { baseAssetAmountLong: big(c.baseLong), baseAssetAmountShort: big(c.baseShort) },
      );
      expect(d).toBe(big(c.expected));
    }
    for (const c of of('maxPctToLiquidate')) {
      const p = driftMaxPctToLiquidate(
        { marginShortage: big(c.marginShortage), slotsElapsed: c.slotsElapsed, liquidationMarginFreed: c.marginFreed },
        { initialPctToLiquidate: c.initialPct, liquidationDuration: c.duration },
      );
      expect(p).toBe(big(c.expected));
    }
  });
});

describe('math/margin/tests.rs (transcribed)', () => {
  it('spot asset and liability weights with size and deposit scaling', () => {
    const rows = [...of('spotAssetWeight'), ...of('spotLiabilityWeight')];
    expect(rows.length).toBe(20);
    for (const c of rows) {
      const f = c.fn === 'spotAssetWeight' ? driftSpotAssetWeight : driftSpotLiabilityWeight;
      expect([c.line, f(big(c.size), spotMarket(c.spot), { type: c.type })]).toEqual([c.line, big(c.expected)]);
    }
  });
  it('unrealized P&L asset weights', () => {
    for (const c of of('unrealizedAssetWeight')) {
      const w = driftUnrealizedAssetWeight(big(c.unrealizedPnl), perpMarket(c.market, 1_000_000), { type: c.type });
      expect([c.line, w]).toEqual([c.line, big(c.expected)]);
    }
  });
  it('perp position margin requirement and weighted unrealized P&L', () => {
    for (const c of of('perpPositionMargin')) {
      const r = driftPerpPositionMargin(position(c.position), perpMarket(c.market, c.oraclePrice), { type: c.type });
      expect([c.line, r[c.field as 'marginRequirement']]).toEqual([c.line, big(c.expected)]);
    }
  });
});

const spotPosition = (p: Row) => ({
  market: p.market as string,
  tokenAmount: big(p.tokenAmount),
  ...(p.openOrders !== undefined ? { openOrders: p.openOrders } : {}),
  ...(p.openBids !== undefined ? { openBids: big(p.openBids) } : {}),
  ...(p.openAsks !== undefined ? { openAsks: big(p.openAsks) } : {}),
});
const accountOf = (c: Row) => ({
  spotPositions: ((c.account.spotPositions ?? []) as Row[]).map(spotPosition),
  perpPositions: ((c.account.perpPositions ?? []) as Row[]).map(position),
});
const contextOf = (c: Row) => ({
  spotMarkets: Object.fromEntries(Object.entries(c.spotMarkets as Row).map(([k, v]) => [k, spotMarket(v)])),
  perpMarkets: Object.fromEntries(
    Object.entries(c.perpMarkets as Row).map(([k, v]) => [k, perpMarket(v, (v as Row).oraclePrice)]),
  ),
  ...(c.quotePrice !== undefined ? { quotePrice: c.quotePrice, quoteTwap: c.quoteTwap } : {}),
});

describe('math/margin/tests.rs calculate_margin_requirement_and_total_collateral (transcribed)', () => {
  it('spot open orders (worst-case fill) and strict prices of the quote market, spot and perp liabilities', () => {
    const rows = of('accountMargin');
    expect(rows.length).toBe(28);
    for (const c of rows) {
      const opts = { type: c.type, ...(c.marginBuffer !== undefined ? { marginBuffer: c.marginBuffer } : {}) };
      const r = driftAccountMargin(accountOf(c), contextOf(c), opts);
      expect([c.test, r[c.field as 'marginRequirement']]).toEqual([c.test, big(c.expected)]);
    }
  });
  it('whole accounts: spot balances and orders, perps, funding, buffer, quote price (Python-derived)', () => {
    const rows = of('accountMarginFull');
    expect(rows.length).toBe(40);
    for (const c of rows) {
      const r = driftAccountMargin(accountOf(c), contextOf(c), { type: c.type, marginBuffer: c.marginBuffer });
      const { liabilities, ...sums } = c.expected as Row;
      expect({
        totalCollateral: r.totalCollateral,
        marginRequirement: r.marginRequirement,
        freeCollateral: r.freeCollateral,
        marginShortage: r.marginShortage,
        totalCollateralPlusBuffer: r.totalCollateralPlusBuffer,
        liabilities: r.numberOfLiabilities,
      }).toEqual({ ...Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, big(v)])), liabilities });
    }
  });
  it('calculate_max_withdrawable_amount', () => {
    const rows = of('maxWithdrawable');
    expect(rows.length).toBe(3);
    for (const c of rows) {
      const r = driftMaxWithdrawable({ market: c.market }, { account: accountOf(c), ...contextOf(c) });
      expect([c.test, r.marginLimit]).toEqual([c.test, big(c.expected)]);
    }
  });
});

describe('state/perp_market/tests.rs get_margin_ratio (transcribed)', () => {
  const ratioMarket = (m: Row) => ({
    marginRatioInitial: m.initial,
    marginRatioMaintenance: m.maintenance,
    highLeverageMarginRatioInitial: m.hlInitial,
    highLeverageMarginRatioMaintenance: m.hlMaintenance,
    imfFactor: m.imf,
    oraclePrice: 1_000_000,
  });
  it('standard, fill and high-leverage ratios with the √size premium', () => {
    const rows = of('perpMarginRatio');
    expect(rows.length).toBe(13);
    for (const c of rows) {
      const r = driftPerpMarginRatio(big(c.size), ratioMarket(c.market), { type: c.type, mode: c.mode });
      expect([c.line, r]).toEqual([c.line, big(c.expected)]);
    }
  });
  it('new_hlm_imf_size_loop: once the size premium binds, HLM and standard initial ratios agree', () => {
    const [c] = of('hlmSizeLoop');
    const m = ratioMarket(c.market);
    let count = 0;
    for (let i = 1n; i < 1000n; i++) {
      const size = 10n ** 9n * i * 1000n;
      const hlm = driftPerpMarginRatio(size, m, { mode: 'highLeverage' });
      const normal = driftPerpMarginRatio(size, m);
      if (normal !== BigInt(c.market.initial)) {
        expect(hlm).toBe(normal);
        count += 1;
      }
    }
    expect(count).toBe(c.expected);
  });
});

describe('math/funding/tests.rs (transcribed)', () => {
  it('funding clamp by contract tier and the funding rate', () => {
    for (const c of of('maxFundingDivergence')) {
      const r = driftFundingRate({ markTwap: 1, oracleTwap: big(c.oracleTwap) }, { contractTier: c.tier });
      expect(r.maxPriceSpread).toBe(big(c.expected));
    }
    const rows = of('fundingRate');
    expect(rows.length).toBeGreaterThan(30);
    for (const c of rows) {
      const r = driftFundingRate(
        { markTwap: big(c.markTwap), oracleTwap: big(c.oracleTwap) },
        { contractTier: c.tier, fundingPeriod: c.fundingPeriod },
        { offset: c.offset },
      );
      expect(r.fundingRate).toBe(big(c.expected));
    }
  });
  it('long and short rates with the capped protocol share', () => {
    const rows = of('fundingRateLongShort');
    expect(rows.length).toBe(5);
    for (const c of rows) {
      const a = Object.fromEntries(Object.entries(c.amm as Row).map(([k, v]) => [k, big(v)]));
      const r = driftFundingRateLongShort({ fundingRate: big(c.fundingRate) }, a as never);
      expect([c.line, r.fundingRateLong, r.fundingRateShort, r.totalFeeMinusDistributions]).toEqual([
        c.line,
        big(c.expected.long),
        big(c.expected.short),
        big(c.expected.totalFeeMinusDistributions),
      ]);
    }
  });
  it('funding payments (one from controller/pnl/delisting.rs, the rest Python-derived)', () => {
    for (const c of of('fundingPayment')) {
      const p = driftFundingPayment(
        { baseAssetAmount: big(c.base), lastCumulativeFundingRate: 0n },
        { cumulativeFundingRateLong: big(c.delta), cumulativeFundingRateShort: big(c.delta) },
      );
      expect(p).toBe(big(c.expected));
    }
  });
});

describe('math/oracle/tests.rs (transcribed)', () => {
  it('validity and mark divergence of calculate_oracle_valid', () => {
    const rows = of('oracleStatus');
    expect(rows.length).toBe(5);
    for (const c of rows) {
      const v = driftOracleValidity(
        { price: c.oracle.price, confidence: c.oracle.confidence, delay: c.oracle.delay },
        { oracleTwap: c.oracleTwap, contractTier: c.tier, guardRails: c.rails },
        { ammImmediateSlots: c.rails.slotsBeforeStaleForAmm, ammLowRiskSlots: c.rails.slotsBeforeStaleForAmm },
      );
      const d = driftMarkOracleDivergence(c.reservePrice, {
        oracleTwap5min: c.oracleTwap5min,
        markOraclePercentDivergence: c.markOraclePercentDivergence,
      });
      expect([c.line, v.validity, d.tooDivergent]).toEqual([c.line, c.expected.validity, c.expected.markTooDivergent]);
      if (c.expected.spreadPct !== undefined) expect(d.spreadPct).toBe(big(c.expected.spreadPct));
    }
  });
});

describe('whole positions (Python-derived)', () => {
  it('perp position margin, ratio and weighted P&L for random markets, orders, funding and quote prices', () => {
    const rows = of('perpPositionMarginFull');
    expect(rows.length).toBe(60);
    for (const c of rows) {
      const m = perpMarket(c.market, c.oraclePrice);
      const opts = { type: c.type, mode: c.mode, quotePrice: c.quotePrice, quoteTwap: c.quoteTwap };
      const r = driftPerpPositionMargin(position(c.position), m, opts);
      expect({
        marginRequirement: r.marginRequirement,
        weightedUnrealizedPnl: r.weightedUnrealizedPnl,
        liabilityValue: r.liabilityValue,
        unrealizedFunding: r.unrealizedFunding,
      }).toEqual(Object.fromEntries(Object.entries(c.expected as Row).map(([k, v]) => [k, big(v)])));
      const a = driftAccountMargin(
        { perpPositions: [position(c.position)] },
        { perpMarkets: { PERP: m }, quotePrice: c.quotePrice, quoteTwap: c.quoteTwap },
        { type: c.type, mode: c.mode },
      );
      expect(a.marginRequirement).toBe(r.marginRequirement);
      expect(a.totalCollateral).toBe(r.weightedUnrealizedPnl);
    }
  });
});
