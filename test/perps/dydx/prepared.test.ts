/**
 * Prepared dYdX markets and subaccounts (prepareDydxMarket, prepareDydxSubaccount): every result on a prepared value
 * equals, field for field, the result on the raw input — on the venue's fixture subaccounts (dydxprotocol/v4-chain
 * at 84d4664b, test/fixtures/perps/dydx) and on random 1–20 position subaccounts — and a forged object of the same
 * shape is validated as ordinary input.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../../src/core/errors.js';
import {
  dydxAccountRisk,
  dydxMaxOrderSize,
  dydxPreTradeCheck,
  prepareDydxMarket,
  prepareDydxSubaccount,
} from '../../../src/perps/index.js';

const collateral = JSON.parse(
  readFileSync(new URL('../../fixtures/perps/dydx/collateral.json', import.meta.url), 'utf8'),
);
const SEED = 17;
// biome-ignore lint/suspicious/noExplicitAny: fixture rows and random inputs are plain data
type Any = any;
const outcome = (f: () => unknown) => {
  try {
    return { ok: f() };
  } catch (e) {
    return { error: e instanceof RiskInputError ? `${e.path}: ${e.message}` : String(e) };
  }
};

describe('fixture subaccounts (collateral.json, GetRiskForSubaccount cases)', () => {
  const cases: Array<[string, Any]> = collateral.accountRisk.map((r: Any) => [r.name, r]);
  it.each(cases)('%s', (_n, r) => {
    const market = prepareDydxMarket({ perpetuals: r.perpetuals });
    const sub = prepareDydxSubaccount(r.subaccount, market);
    const raw = dydxAccountRisk(r.subaccount, { perpetuals: r.perpetuals });
    expect(dydxAccountRisk(r.subaccount, market)).toStrictEqual(raw);
    expect(dydxAccountRisk(sub, market)).toStrictEqual(raw);
    expect([raw.netCollateral, raw.initialMargin, raw.maintenanceMargin]).toEqual([
      BigInt(r.expected.netCollateral),
      BigInt(r.expected.initialMargin),
      BigInt(r.expected.maintenanceMargin),
    ]);
  });
});

const perp = (id: number) =>
  fc.record({
    id: fc.constant(id),
    atomicResolution: fc.integer({ min: -12, max: -5 }),
    price: fc.bigInt(1n, 10n ** 12n),
    priceExponent: fc.integer({ min: -9, max: 0 }),
    liquidityTier: fc
      .record({
        initialMarginPpm: fc.integer({ min: 0, max: 1_000_000 }),
        maintenanceFractionPpm: fc.integer({ min: 0, max: 1_000_000 }),
        openInterestLowerCap: fc.bigInt(0n, 10n ** 12n),
        openInterestUpperCap: fc.oneof(fc.constant(0n), fc.bigInt(10n ** 12n, 10n ** 14n)),
      })
      .map((t) => (t.openInterestUpperCap === 0n ? { ...t, openInterestLowerCap: 0n } : t)),
    openInterest: fc.bigInt(0n, 10n ** 13n),
    fundingIndex: fc.bigInt(-(10n ** 6n), 10n ** 6n),
  });
const state = fc.integer({ min: 1, max: 20 }).chain((n) =>
  fc.record({
    perpetuals: fc.tuple(...Array.from({ length: n }, (_, i) => perp(i))),
    usdc: fc.bigInt(-(10n ** 12n), 10n ** 12n),
    sizes: fc.array(fc.bigInt(-(10n ** 12n), 10n ** 12n), { minLength: n, maxLength: n }),
    indices: fc.array(fc.option(fc.bigInt(-(10n ** 6n), 10n ** 6n)), { minLength: n, maxLength: n }),
    customImf: fc.option(fc.integer({ min: 0, max: 1_000_000 })),
    order: fc.record({
      perpetualId: fc.integer({ min: 0, max: n - 1 }),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      quantums: fc.bigInt(1n, 10n ** 12n),
      subticks: fc.bigInt(1n, 10n ** 12n),
    }),
    oiDelta: fc.option(fc.bigInt(0n, 10n ** 10n)),
    qce: fc.integer({ min: -12, max: 0 }),
  }),
);
const build = (s: Any) => ({
  perpetuals: s.perpetuals,
  subaccount: {
    usdcQuantums: s.usdc,
    positions: s.sizes
      .map((q: bigint, i: number) => ({
        perpetualId: i,
        quantums: q,
        ...(s.indices[i] === null ? {} : { fundingIndex: s.indices[i] }),
      }))
      .filter((p: Any) => p.quantums !== 0n),
    ...(s.customImf === null ? {} : { leverage: [{ perpetualId: 0, customImfPpm: s.customImf }] }),
  },
  extra: {
    quantumConversionExponent: s.qce,
    ...(s.oiDelta === null ? {} : { openInterestDeltaQuantums: s.oiDelta }),
  },
});

describe('random subaccounts of 1–20 positions: prepared = raw, every field', () => {
  it('dydxAccountRisk, dydxPreTradeCheck, dydxMaxOrderSize', () => {
    fc.assert(
      fc.property(state, (s) => {
        const { perpetuals, subaccount, extra } = build(s);
        const market = prepareDydxMarket({ perpetuals });
        const sub = prepareDydxSubaccount(subaccount, market);
        const raw = outcome(() => dydxAccountRisk(subaccount, { perpetuals }));
        expect(outcome(() => dydxAccountRisk(subaccount, market))).toStrictEqual(raw);
        expect(outcome(() => dydxAccountRisk(sub, market))).toStrictEqual(raw);
        const ctx = { subaccount, perpetuals, ...extra };
        const check = outcome(() => dydxPreTradeCheck(s.order, ctx));
        expect(outcome(() => dydxPreTradeCheck(s.order, { ...ctx, perpetuals: market }))).toStrictEqual(check);
        expect(
          outcome(() => dydxPreTradeCheck(s.order, { ...ctx, perpetuals: market, subaccount: sub })),
        ).toStrictEqual(check);
        const { quantums: _q, ...unsized } = s.order;
        const mctx = { ...ctx, stepBaseQuantums: 1000n };
        expect(
          outcome(() => dydxMaxOrderSize(unsized, { ...mctx, perpetuals: market, subaccount: sub })),
        ).toStrictEqual(outcome(() => dydxMaxOrderSize(unsized, mctx)));
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

describe('the brand, not the shape', () => {
  const btc = {
    id: 0,
    atomicResolution: -10,
    price: 5_000_000_000n,
    priceExponent: -5,
    liquidityTier: { initialMarginPpm: 50_000, maintenanceFractionPpm: 600_000 },
  };
  const sub = { usdcQuantums: 0n, positions: [{ perpetualId: 0, quantums: 100_000_000n }] };
  it('a forged market of the same shape is validated as input (and refused)', () => {
    const market = prepareDydxMarket({ perpetuals: [btc] });
    const forged = JSON.parse(JSON.stringify(market));
    expect(() => dydxAccountRisk(sub, forged)).toThrow(/markets\.kind is not a field/);
    const order = { perpetualId: 0, side: 'buy' as const, quantums: 1n, subticks: 1n };
    const ctx = { subaccount: sub, perpetuals: forged, quantumConversionExponent: -9 };
    expect(() => dydxPreTradeCheck(order, ctx)).toThrow(RiskInputError);
  });
  it('a forged subaccount is validated as input; a prepared one is refused with another market', () => {
    const market = prepareDydxMarket({ perpetuals: [btc] });
    const other = prepareDydxMarket({ perpetuals: [btc] });
    const prepared = prepareDydxSubaccount(sub, market);
    expect(() => dydxAccountRisk({ ...prepared } as never, market)).toThrow(/subaccount\.kind is not a field/);
    expect(() => dydxAccountRisk(prepared, other)).toThrow(RiskInputError);
    expect(() => dydxAccountRisk(prepared, { perpetuals: [btc] })).toThrow(RiskInputError);
    expect(() => prepareDydxSubaccount(sub, { perpetuals: [btc] } as never)).toThrow(RiskInputError);
  });
  it('preparing is idempotent, frozen, and later edits of the input do not reach it', () => {
    const perpetuals = [structuredClone(btc)];
    const market = prepareDydxMarket({ perpetuals });
    expect(prepareDydxMarket(market)).toBe(market);
    expect(Object.isFrozen(market)).toBe(true);
    const before = dydxAccountRisk(sub, market);
    perpetuals[0].price = 1n;
    expect(dydxAccountRisk(sub, market)).toStrictEqual(before);
  });
});
