/** Robustness of the dYdX v4 rules of `riskcore/perps` (src/perps/dydx). */
import fc from 'fast-check';
import * as mod from '../../src/perps/dydx/index.js';
import type { Spec } from './harness.js';
import { robustnessSuite } from './suite.js';

const tier = fc.record({
  initialMarginPpm: fc.integer({ min: 10_000, max: 500_000 }),
  maintenanceFractionPpm: fc.integer({ min: 100_000, max: 1_000_000 }),
  openInterestLowerCap: fc.constant(1_000_000_000_000n),
  openInterestUpperCap: fc.constant(5_000_000_000_000n),
});
const perp = (id: number) =>
  fc.record({
    id: fc.constant(id),
    atomicResolution: fc.constant(id === 0 ? -10 : -9),
    price: fc.bigInt(1_000_000_000n, 9_000_000_000n),
    priceExponent: fc.constant(id === 0 ? -5 : -6),
    liquidityTier: tier,
    openInterest: fc.bigInt(0n, 10n ** 14n),
    fundingIndex: fc.bigInt(-1000n, 1000n),
  });
const perps = fc.tuple(perp(0), perp(1));
/** A long BTC position and a short ETH one, USDC chosen so the account is under water. */
const sub = fc.record({
  usdcQuantums: fc.bigInt(-520_000_000_000n, -480_000_000_000n),
  positions: fc.tuple(
    fc.record({
      perpetualId: fc.constant(0),
      quantums: fc.bigInt(10n ** 11n, 2n * 10n ** 11n),
      fundingIndex: fc.constant(0n),
    }),
    fc.record({
      perpetualId: fc.constant(1),
      quantums: fc.bigInt(-(10n ** 10n), -(10n ** 9n)),
      fundingIndex: fc.constant(5n),
    }),
  ),
  leverage: fc.constant([{ perpetualId: 1, customImfPpm: 150_000 }]),
});
const closeCtx = fc.tuple(perps, fc.integer({ min: 1, max: 9 })).map(([p, k]) => ({
  perpetuals: p,
  perpetualId: 0,
  deltaQuantums: -BigInt(k) * 10_000_000_000n,
}));
// Relational fields: a mutated size, id or side can make the delta, the perpetual reference or the walk invalid
// instead; those are reported at the field that no longer fits (the delta, the perpetual id, the side, the index).
const relational = (_site: string, p: string) =>
  /(deltaQuantums|perpetualId|fillAmount|\.side|startIndex|openInterestLowerCap|notionalLiquidatedThisBlock|numPremiums|openInterestDeltaQuantums|^samples|^subaccount$|\.id$)/.test(
    p,
  );

const specs: Spec[] = [
  { name: 'dydxMaintenanceMarginPpm', accept: relational, names: ['tier'], args: tier.map((t) => [t]) },
  {
    name: 'dydxAdjustedInitialMarginPpm',
    names: ['tier', 'context'],
    accept: relational,
    args: fc.tuple(tier, fc.record({ openInterestQuoteQuantums: fc.bigInt(0n, 10n ** 13n) })),
  },
  {
    name: 'dydxInitialMarginQuoteQuantums',
    names: ['notionalQuoteQuantums', 'context'],
    accept: relational,
    args: fc.tuple(
      fc.bigInt(0n, 10n ** 12n),
      fc.record({
        tier,
        openInterestQuoteQuantums: fc.bigInt(0n, 10n ** 13n),
        customImfPpm: fc.integer({ min: 0, max: 1e6 }),
      }),
    ),
  },
  {
    name: 'dydxMaxAbsFundingClampPpm',
    accept: relational,
    names: ['tier', 'context'],
    args: fc.tuple(tier, fc.record({ clampFactorPpm: fc.integer({ min: 0, max: 60_000_000 }) })),
  },
  {
    name: 'dydxPositionRisk',
    accept: relational,
    names: ['quantums', 'perpetual'],
    args: fc.tuple(fc.bigInt(-(10n ** 12n), 10n ** 12n), perp(0)),
  },
  {
    name: 'dydxAccountRisk',
    names: ['subaccount', 'markets'],
    accept: relational,
    args: fc.tuple(
      sub,
      perps.map((p) => ({ perpetuals: p })),
    ),
  },
  {
    name: 'dydxPremiumPpm',
    names: ['samples', 'options'],
    accept: relational,
    args: fc.tuple(
      fc.array(fc.integer({ min: -100_000, max: 100_000 }), { minLength: 1, maxLength: 8 }),
      fc.record({
        numPremiums: fc.constant(10),
        minSamples: fc.constant(60),
        tailRemovalRatePpm: fc.constant(100_000),
      }),
    ),
  },
  {
    name: 'dydxFundingRatePpm',
    accept: relational,
    names: ['premiumPpm', 'context'],
    args: fc.tuple(
      fc.integer({ min: -500_000, max: 500_000 }),
      fc.record({
        tier,
        clampFactorPpm: fc.constant(6_000_000),
        defaultFundingPpm: fc.integer({ min: -100, max: 100 }),
      }),
    ),
  },
  {
    name: 'dydxFundingIndexDelta',
    names: ['fundingRatePpm', 'context'],
    args: fc.tuple(
      fc.bigInt(-100_000n, 100_000n),
      fc.record({
        atomicResolution: fc.constant(-10),
        price: fc.bigInt(1n, 10n ** 10n),
        priceExponent: fc.constant(-5),
        seconds: fc.constant(3600),
      }),
    ),
  },
  {
    name: 'dydxFundingSettlement',
    names: ['position', 'context'],
    args: fc.tuple(
      fc.record({ quantums: fc.bigInt(-(10n ** 12n), 10n ** 12n), fundingIndex: fc.bigInt(-(10n ** 6n), 10n ** 6n) }),
      fc.record({ fundingIndex: fc.bigInt(-(10n ** 6n), 10n ** 6n) }),
    ),
  },
  {
    name: 'dydxBankruptcyPriceQuoteQuantums',
    names: ['subaccount', 'context'],
    accept: relational,
    args: fc.tuple(sub, closeCtx),
  },
  {
    name: 'dydxFillablePrice',
    names: ['subaccount', 'context'],
    accept: relational,
    args: fc.tuple(
      sub,
      closeCtx.map((c) => ({ ...c, bankruptcyAdjustmentPpm: 1_000_000, spreadToMaintenanceMarginRatioPpm: 1_500_000 })),
    ),
  },
  {
    name: 'dydxFillablePriceToSubticks',
    names: ['price', 'context'],
    accept: relational,
    args: fc.tuple(
      fc.record({ numerator: fc.bigInt(0n, 10n ** 12n), denominator: fc.bigInt(1n, 10n ** 6n) }),
      fc.record({
        quantumConversionExponent: fc.constant(-9),
        subticksPerTick: fc.constant(100_000),
        liquidating: fc.constantFrom('long', 'short'),
      }),
    ),
  },
  {
    name: 'dydxLiquidationInsuranceFundDelta',
    names: ['subaccount', 'context'],
    accept: relational,
    args: fc.tuple(
      sub,
      fc.tuple(perps, fc.integer({ min: 1, max: 9 }), fc.bigInt(4_000_000_000n, 6_000_000_000n)).map(([p, k, st]) => ({
        perpetuals: p,
        perpetualId: 0,
        side: 'sell',
        fillAmount: BigInt(k) * 10_000_000_000n,
        subticks: st,
        quantumConversionExponent: -9,
        maxLiquidationFeePpm: 15_000,
      })),
    ),
  },
  {
    name: 'dydxLiquidatablePositionSizeDelta',
    names: ['subaccount', 'context'],
    accept: relational,
    args: fc.tuple(
      sub,
      perps.map((p) => ({
        perpetuals: p,
        perpetualId: 0,
        stepBaseQuantums: 1_000_000n,
        minPositionNotionalLiquidated: 1_000_000_000n,
        maxPositionPortionLiquidatedPpm: 100_000,
        subaccountMaxNotionalLiquidated: 100_000_000_000n,
        notionalLiquidatedThisBlock: 0n,
      })),
    ),
  },
  {
    name: 'dydxDeleverage',
    names: ['subaccount', 'context'],
    accept: relational,
    args: fc.tuple(
      sub,
      closeCtx.map((c) => ({
        ...c,
        offsetting: [
          { usdcQuantums: 10n ** 12n, positions: [{ perpetualId: 0, quantums: -50_000_000_000n }] },
          { usdcQuantums: 10n ** 12n, positions: [{ perpetualId: 0, quantums: -90_000_000_000n }] },
        ],
        startIndex: 1,
        maxSubaccountsToIterate: 10,
      })),
    ),
  },
  {
    name: 'dydxPreTradeCheck',
    names: ['order', 'context'],
    accept: relational,
    args: fc.tuple(
      fc.record({
        perpetualId: fc.constant(1),
        side: fc.constantFrom('buy', 'sell'),
        quantums: fc.bigInt(1n, 10n ** 10n),
        subticks: fc.bigInt(1n, 10n ** 10n),
      }),
      fc.tuple(sub, perps).map(([s, p]) => ({
        subaccount: s,
        perpetuals: p,
        quantumConversionExponent: -9,
        openInterestDeltaQuantums: 1_000_000n,
      })),
    ),
  },
  {
    name: 'dydxMatchOpenInterestDelta',
    names: ['deltaQuantums', 'context'],
    args: fc.tuple(
      fc.bigInt(1n, 10n ** 9n),
      fc.record({
        firstPositionQuantums: fc.bigInt(-(10n ** 9n), 10n ** 9n),
        secondPositionQuantums: fc.bigInt(-(10n ** 9n), 10n ** 9n),
      }),
    ),
  },
  {
    name: 'dydxCollateralTransition',
    names: ['after', 'context'],
    args: fc.tuple(
      fc.record({
        netCollateral: fc.bigInt(-(10n ** 9n), 10n ** 9n),
        initialMargin: fc.bigInt(0n, 10n ** 9n),
        maintenanceMargin: fc.bigInt(0n, 10n ** 9n),
      }),
      fc.record({
        before: fc.record({
          netCollateral: fc.bigInt(-(10n ** 9n), 10n ** 9n),
          initialMargin: fc.bigInt(0n, 10n ** 9n),
          maintenanceMargin: fc.bigInt(0n, 10n ** 9n),
        }),
      }),
    ),
  },
  {
    name: 'dydxMaxOrderSize',
    names: ['order', 'context'],
    accept: relational,
    numRuns: 30,
    args: fc.tuple(
      fc.record({
        perpetualId: fc.constant(1),
        side: fc.constantFrom('buy', 'sell'),
        subticks: fc.bigInt(1n, 10n ** 10n),
      }),
      fc.tuple(sub, perps).map(([s, p]) => ({
        subaccount: s,
        perpetuals: p,
        quantumConversionExponent: -9,
        stepBaseQuantums: 1_000_000n,
        maxQuantums: 10n ** 14n,
      })),
    ),
  },
  {
    name: 'prepareDydxMarket',
    names: ['markets'],
    accept: relational,
    args: perps.map((p) => [{ perpetuals: p }]),
  },
  {
    name: 'prepareDydxSubaccount',
    names: ['subaccount', 'market'],
    accept: relational,
    // the market is a prepared value (a class instance): the harness mutates it only as a whole
    args: fc.tuple(sub, perps).map(([s, p]) => [s, mod.prepareDydxMarket({ perpetuals: p })]),
  },
];

// the presets are data (liquidity tiers and liquidation/funding parameters), not functions
robustnessSuite('perps/dydx', mod as Record<string, unknown>, specs);
