/** Robustness of the Drift v2 clearing rules of `riskcore/perps` (src/perps/drift). */
import fc from 'fast-check';
import * as mod from '../../src/perps/drift/index.js';
import { robustnessSuite } from './suite.js';
import type { Spec } from './harness.js';

const int = (min: bigint, max: bigint) => fc.bigInt({ min, max });
const usdc = () => ({
  marketIndex: 0,
  decimals: 6,
  oraclePrice: 1_000_000n,
  initialAssetWeight: 10000,
  maintenanceAssetWeight: 10000,
  initialLiabilityWeight: 10000,
  maintenanceLiabilityWeight: 10000,
});
const sol = () => ({
  decimals: 9,
  oraclePrice: 100_000_000n,
  oracleTwap: 99_000_000n,
  initialAssetWeight: 8000,
  maintenanceAssetWeight: 9000,
  initialLiabilityWeight: 12000,
  maintenanceLiabilityWeight: 11000,
  imfFactor: 1000,
  scaleInitialAssetWeightStart: 10n ** 12n,
  totalDeposits: 10n ** 15n,
});
const perp = fc.record({
  marginRatioInitial: fc.constantFrom(500, 1000),
  marginRatioMaintenance: fc.constantFrom(250, 500),
  imfFactor: fc.constantFrom(0, 1000),
  unrealizedPnlInitialAssetWeight: fc.constantFrom(0, 8000, 10000),
  unrealizedPnlMaintenanceAssetWeight: fc.constant(10000),
  unrealizedPnlImfFactor: fc.constantFrom(0, 1000),
  unrealizedPnlMaxImbalance: fc.constantFrom(0, 10 ** 9),
  netUserPnl: int(-(10n ** 10n), 10n ** 10n),
  highLeverageMarginRatioInitial: fc.constantFrom(0, 200),
  highLeverageMarginRatioMaintenance: fc.constantFrom(0, 100),
  oraclePrice: int(10n ** 6n, 10n ** 11n),
  cumulativeFundingRateLong: int(-(10n ** 9n), 10n ** 9n),
  cumulativeFundingRateShort: int(-(10n ** 9n), 10n ** 9n),
  liquidatorFee: fc.constantFrom(0, 10_000),
  ifLiquidationFee: fc.constantFrom(0, 10_000),
  orderStepSize: fc.constantFrom(1n, 10_000_000n),
  contractTier: fc.constantFrom('A', 'B', 'C', 'Speculative'),
});
const position = (market: string) =>
  fc.record({
    market: fc.constant(market),
    baseAssetAmount: int(-(10n ** 12n), 10n ** 12n),
    quoteAssetAmount: int(-(10n ** 11n), 10n ** 11n),
    lastCumulativeFundingRate: int(-(10n ** 9n), 10n ** 9n),
    openOrders: fc.integer({ min: 0, max: 3 }),
    openBids: int(0n, 10n ** 10n),
    openAsks: int(-(10n ** 10n), 0n),
  });
const account = fc.record({
  spotPositions: fc.tuple(int(10n ** 9n, 10n ** 11n), int(-(10n ** 9n), 10n ** 9n)).map(([u, s]) => [
    { market: 'USDC', tokenAmount: u },
    { market: 'SOL', tokenAmount: s, openOrders: 1, openBids: 10n ** 9n, openAsks: -(10n ** 9n) },
  ]),
  perpPositions: fc.tuple(position('SOL-PERP'), position('BTC-PERP')),
});
const context = fc.tuple(perp, perp).map(([a, b]) => ({
  perpMarkets: { 'SOL-PERP': a, 'BTC-PERP': b },
  spotMarkets: { USDC: usdc(), SOL: sol() },
  quotePrice: 1_000_000n,
  quoteTwap: 999_000n,
}));
// records keyed by market names are user data, not input types with fixed fields
const marketRecords = (s: string) => /(^|\.)(perpMarkets|spotMarkets)$/.test(s);
// a market named by a position, or a position's market renamed, is reported where the name is
const marketAccept = (site: string, p: string) =>
  (site === '1' && /\.market$/.test(p)) ||
  (/(perpMarkets|spotMarkets)(\.[^.]+)?$/.test(site) &&
    /\.market$|^order\.market$|^spot\.market$|^options\.market$/.test(p)) ||
  (/\.market$/.test(site) && /(perpMarkets|spotMarkets)|market/.test(p));
// related integer fields: an input can make another field's arithmetic overflow Drift's types or divide by zero
// related fields: an account without the position or balance named by the options is reported at that option; a
// settled insurance claim above its new limit is reported at the settled amount
const relAccept = (site: string, p: string) =>
  (/^[01](\.account)?(\.(perpPositions|spotPositions))?$/.test(site) && /^(options|spot)\.market$/.test(p)) ||
  (/quoteMaxInsurance$/.test(site) && p === 'market.quoteSettledInsurance');
const scalarCtx = <T>(rec: fc.Arbitrary<T>) => rec;
const specs: Spec[] = [
  {
    name: 'driftSizePremiumLiabilityWeight',
    names: ['size', 'params', 'options'],
    args: fc.tuple(
      int(0n, 10n ** 15n),
      scalarCtx(
        fc.record({
          imfFactor: fc.integer({ min: 0, max: 100_000 }),
          liabilityWeight: fc.integer({ min: 100, max: 20_000 }),
        }),
      ),
      fc.constantFrom({}, { bound: 'raw' }, { bound: 'bounded' }),
    ),
  },
  {
    name: 'driftSizeDiscountAssetWeight',
    names: ['size', 'params'],
    args: fc.tuple(
      int(0n, 10n ** 15n),
      fc.record({ imfFactor: fc.integer({ min: 0, max: 100_000 }), assetWeight: fc.integer({ min: 0, max: 10_000 }) }),
    ),
  },
  {
    name: 'driftHighLeverageInitialMarginRatio',
    names: ['ratios', 'context'],
    accept: relAccept,
    args: fc.tuple(
      fc.record({
        preSizeAdjMarginRatio: fc.integer({ min: 500, max: 2000 }),
        sizeAdjMarginRatio: fc.integer({ min: 400, max: 3000 }),
      }),
      fc.record({ defaultMarginRatio: fc.integer({ min: 50, max: 400 }) }),
    ),
  },
  {
    name: 'driftPerpMarginRatio',
    names: ['size', 'market', 'options'],
    args: fc.tuple(
      int(0n, 10n ** 13n),
      perp,
      fc.constantFrom({}, { type: 'maintenance' }, { type: 'fill', mode: 'highLeverage' }),
    ),
  },
  {
    name: 'driftUnrealizedAssetWeight',
    names: ['unrealizedPnl', 'market', 'options'],
    args: fc.tuple(int(-(10n ** 12n), 10n ** 12n), perp, fc.constantFrom({}, { type: 'maintenance' })),
  },
  {
    name: 'driftSpotAssetWeight',
    names: ['size', 'spotMarket', 'options'],
    args: fc.tuple(
      int(0n, 10n ** 13n),
      fc.constantFrom(usdc(), sol()).map((m) => structuredClone(m)),
      fc.constantFrom({}, { type: 'fill' }),
    ),
  },
  {
    name: 'driftSpotLiabilityWeight',
    names: ['size', 'spotMarket', 'options'],
    args: fc.tuple(
      int(0n, 10n ** 13n),
      fc.constantFrom(usdc(), sol()).map((m) => structuredClone(m)),
      fc.constantFrom({}, { type: 'maintenance' }),
    ),
  },
  {
    name: 'driftPerpPositionMargin',
    names: ['position', 'market', 'options'],
    args: fc.tuple(
      position('X'),
      perp,
      fc.constantFrom({}, { type: 'maintenance', quotePrice: 999_000, quoteTwap: 1_001_000 }),
    ),
  },
  {
    name: 'driftAccountMargin',
    names: ['account', 'context', 'options'],
    skipKeys: marketRecords,
    accept: marketAccept,
    args: fc.tuple(
      account,
      context,
      fc.constantFrom({}, { type: 'maintenance', marginBuffer: 200 }, { mode: 'highLeverage' }),
    ),
  },
  {
    name: 'driftFundingRate',
    names: ['twaps', 'market', 'options'],
    args: fc.tuple(
      fc.record({ markTwap: int(10n ** 6n, 10n ** 11n), oracleTwap: int(10n ** 6n, 10n ** 11n) }),
      fc.record({ contractTier: fc.constantFrom('A', 'C', 'Isolated'), fundingPeriod: fc.constantFrom(3600, 1800) }),
      fc.constantFrom({}, { offset: 'none' }),
    ),
  },
  {
    name: 'driftFundingRateLongShort',
    names: ['rate', 'amm'],
    accept: relAccept,
    args: fc.tuple(
      fc.record({ fundingRate: int(-(10n ** 8n), 10n ** 8n) }),
      fc.record({
        baseAssetAmountWithAmm: int(-(10n ** 12n), 10n ** 12n),
        baseAssetAmountLong: int(10n ** 12n, 10n ** 13n),
        baseAssetAmountShort: int(-(10n ** 13n), -(10n ** 12n)),
        totalExchangeFee: int(0n, 10n ** 9n),
        totalFeeMinusDistributions: int(10n ** 12n, 10n ** 13n),
      }),
    ),
  },
  {
    name: 'driftFundingPayment',
    names: ['position', 'market'],
    args: fc.tuple(
      fc.record({
        baseAssetAmount: int(-(10n ** 13n), 10n ** 13n),
        lastCumulativeFundingRate: int(-(10n ** 10n), 10n ** 10n),
      }),
      fc.record({
        cumulativeFundingRateLong: int(-(10n ** 10n), 10n ** 10n),
        cumulativeFundingRateShort: int(-(10n ** 10n), 10n ** 10n),
      }),
    ),
  },
  {
    name: 'driftBaseAssetAmountToCoverMarginShortage',
    names: ['shortage', 'context'],
    accept: relAccept,
    args: fc.tuple(
      fc.record({ marginShortage: int(0n, 10n ** 10n) }),
      fc.record({
        marginRatio: fc.integer({ min: 100, max: 2000 }),
        liquidatorFee: fc.integer({ min: 0, max: 20_000 }),
        ifLiquidationFee: fc.integer({ min: 0, max: 10_000 }),
        oraclePrice: int(10n ** 6n, 10n ** 11n),
        quoteOraclePrice: int(990_000n, 1_010_000n),
      }),
    ),
  },
  {
    name: 'driftLiabilityTransferToCoverMarginShortage',
    names: ['shortage', 'context'],
    accept: relAccept,
    args: fc.tuple(
      fc.record({ marginShortage: int(0n, 10n ** 10n) }),
      fc.record({
        assetWeight: fc.integer({ min: 5000, max: 10_000 }),
        assetLiquidationMultiplier: fc.integer({ min: 900_000, max: 1_000_000 }),
        liabilityWeight: fc.integer({ min: 10_000, max: 15_000 }),
        liabilityLiquidationMultiplier: fc.integer({ min: 1_000_000, max: 1_100_000 }),
        liabilityDecimals: fc.constantFrom(6, 8, 9),
        liabilityPrice: int(10n ** 6n, 10n ** 11n),
        ifLiquidationFee: fc.integer({ min: 0, max: 10_000 }),
      }),
    ),
  },
];
const transferCtx = fc.record({
  assetLiquidationMultiplier: fc.integer({ min: 900_000, max: 1_100_000 }),
  assetDecimals: fc.constantFrom(6, 9),
  assetPrice: int(10n ** 6n, 10n ** 11n),
  liabilityLiquidationMultiplier: fc.integer({ min: 900_000, max: 1_100_000 }),
  liabilityDecimals: fc.constantFrom(6, 8, 9),
  liabilityPrice: int(10n ** 6n, 10n ** 11n),
});
specs.push(
  {
    name: 'driftLiabilityTransferImpliedByAssetAmount',
    names: ['asset', 'context'],
    accept: relAccept,
    args: fc.tuple(fc.record({ assetAmount: int(0n, 10n ** 12n) }), transferCtx),
  },
  {
    name: 'driftAssetTransferForLiabilityTransfer',
    names: ['transfer', 'context'],
    accept: relAccept,
    args: fc.tuple(
      fc.record({ assetAmount: int(0n, 10n ** 12n), liabilityTransfer: int(0n, 10n ** 12n) }),
      transferCtx,
    ),
  },
  {
    name: 'driftLiquidationFee',
    names: ['slots', 'fees'],
    accept: relAccept,
    args: fc.tuple(
      fc.record({ lastActiveSlot: int(0n, 10n ** 6n), currentSlot: int(10n ** 6n, 10n ** 7n) }),
      fc.record({
        baseLiquidationFee: fc.integer({ min: 0, max: 20_000 }),
        maxLiquidationFee: fc.integer({ min: 20_000, max: 60_000 }),
      }),
    ),
  },
  {
    name: 'driftMaxLiquidationFee',
    names: ['market'],
    args: fc.tuple(
      fc.record({
        liquidatorFee: fc.integer({ min: 0, max: 20_000 }),
        marginRatioMaintenance: fc.integer({ min: 100, max: 1000 }),
      }),
    ),
  },
  {
    name: 'driftPerpIfFee',
    names: ['liquidation', 'context'],
    accept: relAccept,
    args: fc.tuple(
      fc.record({ marginShortage: int(0n, 10n ** 10n), baseAssetAmount: int(0n, 10n ** 13n) }),
      fc.record({
        marginRatio: fc.integer({ min: 100, max: 2000 }),
        liquidatorFee: fc.integer({ min: 0, max: 20_000 }),
        oraclePrice: int(10n ** 6n, 10n ** 11n),
        quoteOraclePrice: int(990_000n, 1_010_000n),
        maxIfLiquidationFee: fc.integer({ min: 0, max: 50_000 }),
      }),
    ),
  },
  {
    name: 'driftSpotIfFee',
    names: ['liquidation', 'context'],
    accept: relAccept,
    args: fc.tuple(
      fc.record({ marginShortage: int(0n, 10n ** 10n), tokenAmount: int(0n, 10n ** 13n) }),
      fc.record({
        assetWeight: fc.integer({ min: 5000, max: 10_000 }),
        assetLiquidationMultiplier: fc.integer({ min: 900_000, max: 1_100_000 }),
        liabilityWeight: fc.integer({ min: 10_000, max: 15_000 }),
        liabilityLiquidationMultiplier: fc.integer({ min: 900_000, max: 1_100_000 }),
        liabilityDecimals: fc.constantFrom(6, 9),
        liabilityPrice: int(10n ** 6n, 10n ** 11n),
        maxIfFee: fc.integer({ min: 0, max: 50_000 }),
      }),
    ),
  },
  {
    name: 'driftMaxPctToLiquidate',
    names: ['state', 'params'],
    accept: relAccept,
    args: fc.tuple(
      fc.record({
        marginShortage: int(1n, 10n ** 10n),
        slotsElapsed: int(0n, 10n ** 4n),
        liquidationMarginFreed: int(0n, 10n ** 9n),
      }),
      fc.record({
        initialPctToLiquidate: fc.integer({ min: 0, max: 10_000 }),
        liquidationDuration: fc.integer({ min: 0, max: 255 }),
      }),
    ),
  },
  {
    name: 'driftBankruptcyFundingDelta',
    names: ['loss', 'market'],
    accept: relAccept,
    args: fc.tuple(
      fc.record({ loss: int(-(10n ** 12n), 0n) }),
      fc.record({ baseAssetAmountLong: int(1n, 10n ** 13n), baseAssetAmountShort: int(-(10n ** 13n), -1n) }),
    ),
  },
  {
    name: 'driftResolvePerpBankruptcy',
    names: ['bankruptcy', 'market'],
    accept: relAccept,
    args: fc.tuple(
      fc.record({ quoteAssetAmount: int(-(10n ** 12n), -1n) }),
      fc.record({
        baseAssetAmountLong: int(1n, 10n ** 13n),
        baseAssetAmountShort: int(-(10n ** 13n), -1n),
        cumulativeFundingRateLong: int(-(10n ** 10n), 10n ** 10n),
        cumulativeFundingRateShort: int(-(10n ** 10n), 10n ** 10n),
        insuranceFundVaultBalance: int(0n, 10n ** 12n),
        quoteMaxInsurance: int(10n ** 12n, 10n ** 13n),
        quoteSettledInsurance: int(0n, 10n ** 11n),
        feePoolTokens: int(0n, 10n ** 10n),
      }),
    ),
  },
  {
    name: 'driftPerpLiquidation',
    names: ['account', 'context', 'options'],
    skipKeys: marketRecords,
    accept: (s, p) => marketAccept(s, p) || relAccept(s, p),
    args: fc.tuple(
      account,
      context,
      fc.constantFrom(
        {
          market: 'SOL-PERP',
          pctLimit: { initialPctToLiquidate: 1000, liquidationDuration: 150, liquidationMarginFreed: 0 },
        },
        { market: 'BTC-PERP', marginBuffer: 200, slotsSinceLastActive: 5000, liquidatorMaxBaseAssetAmount: 10n ** 10n },
      ),
    ),
  },
  {
    name: 'driftOracleValidity',
    names: ['oracle', 'context', 'options'],
    args: fc.tuple(
      fc.record({
        price: int(10n ** 6n, 10n ** 11n),
        confidence: int(0n, 10n ** 9n),
        delay: int(0n, 200n),
        hasSufficientDataPoints: fc.boolean(),
      }),
      fc.record({
        oracleTwap: int(10n ** 6n, 10n ** 11n),
        contractTier: fc.constantFrom('A', 'B', 'C', 'Speculative'),
      }),
      fc.constantFrom({}, { ammImmediateSlots: 5, ammLowRiskSlots: 10 }),
    ),
  },
  {
    name: 'driftMarkOracleDivergence',
    names: ['markPrice', 'context'],
    args: fc.tuple(
      int(10n ** 6n, 10n ** 11n),
      fc.record({ oracleTwap5min: int(10n ** 6n, 10n ** 11n), markOraclePercentDivergence: fc.constant(100_000) }),
    ),
  },
  {
    name: 'driftPriceBand',
    names: ['price', 'context'],
    args: fc.tuple(int(10n ** 6n, 10n ** 11n), fc.record({ twap: int(10n ** 6n, 10n ** 11n) })),
  },
);
const orderContext = fc.tuple(account, context).map(([a, c]) => ({ account: a, ...c }));
const orderSkip = (s: string) => /(^|\.)(perpMarkets|spotMarkets)$/.test(s);
specs.push(
  {
    name: 'driftOrderMarginCheck',
    names: ['order', 'context', 'options'],
    skipKeys: orderSkip,
    accept: (s, p) => marketAccept(s, p) || relAccept(s, p),
    args: fc.tuple(
      fc.record({
        market: fc.constantFrom('SOL-PERP', 'BTC-PERP'),
        direction: fc.constantFrom('long', 'short'),
        baseAssetAmount: int(1n, 10n ** 11n),
      }),
      orderContext,
      fc.constantFrom({}, { mode: 'highLeverage' }),
    ),
  },
  {
    name: 'driftMaxOrderSize',
    names: ['order', 'context', 'options'],
    skipKeys: orderSkip,
    accept: (s, p) => marketAccept(s, p) || relAccept(s, p),
    numRuns: 20,
    args: fc.tuple(
      fc.record({ market: fc.constantFrom('SOL-PERP', 'BTC-PERP'), direction: fc.constantFrom('long', 'short') }),
      orderContext,
      fc.constant({}),
    ),
  },
  {
    name: 'driftMaxWithdrawable',
    names: ['spot', 'context', 'options'],
    skipKeys: orderSkip,
    accept: (s, p) => marketAccept(s, p) || relAccept(s, p),
    args: fc.tuple(fc.record({ market: fc.constantFrom('USDC', 'SOL') }), orderContext, fc.constant({})),
  },
  {
    name: 'prepareDriftMarket',
    names: ['market'],
    skipKeys: marketRecords,
    accept: marketAccept,
    args: context.map((c) => [c]),
  },
  {
    name: 'prepareDriftAccount',
    names: ['account', 'market'],
    skipKeys: marketRecords,
    accept: marketAccept,
    // the market is a prepared value (a class instance): the harness mutates it only as a whole
    args: fc.tuple(account, context).map(([a, c]) => [a, mod.prepareDriftMarket(c)]),
  },
);

robustnessSuite('riskcore/perps (Drift v2)', mod as unknown as Record<string, unknown>, specs);
