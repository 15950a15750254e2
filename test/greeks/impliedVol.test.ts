/**
 * impliedVol / impliedVolBatch against independent references:
 * - mpmath (test/fixtures/greeks/iv_gen_mpmath.py → iv_mpmath.json): for each case the exact (60-digit) implied vol
 *   of the double price, and its condition number cond = price / (vol · ∂price/∂vol);
 * - the normalised Black function of Let's Be Rational against mpmath on a grid crossing all its regions;
 * - round trips through optionPrice (fast-check property and a seeded sweep of the domain);
 * - boundary validation, degenerate inputs, and the batch form (bit-identical to the scalar one).
 *
 * Accuracy domain. An implied vol is only as determined as its price: a relative price error e moves the vol by
 * e·cond. Rounding alone gives e ≈ 1e-16, so wherever cond ≤ 1e5 — equivalently vega·σ ≥ 1e-5·price — the round
 * trip must hold to 1e-9 relative (we in fact hold it to ~1e-15·cond). Outside that domain (an in-the-money option
 * whose time value is below ~1e-11 of its price, e.g. one hour to expiry at 50% moneyness) the vol is not
 * determined by a double price; there we require the returned vol to reprice the option to the price's own rounding.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { impliedVol, impliedVolBatch, optionGreeks, optionPrice, RiskInputError } from '../../src/greeks/index.js';
import type { ImpliedVolInput, OptionInput } from '../../src/greeks/index.js';
import { impliedNormalisedVol, normalisedBlackCall } from '../../src/greeks/lbr.js';
import { impliedNormalTotalVol, phiTildeTimesX } from '../../src/greeks/impliedNormalVol.js';

const here = dirname(fileURLToPath(import.meta.url));
interface FixtureCase extends ImpliedVolInput {
  vol: string;
  cond: number;
}
const fixture = JSON.parse(readFileSync(join(here, '../fixtures/greeks/iv_mpmath.json'), 'utf8')) as {
  cases: FixtureCase[];
  normalised: [number, number, string, number, number][];
  phiTildeTimesX: [number, string][];
};

const EPS = 2.220446049250313e-16;
const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);
/** The round trip domain: price / (σ · vega) ≤ 1e5. */
const COND_MAX = 1e5;

function inputOf(c: FixtureCase): ImpliedVolInput {
  const { vol: _v, cond: _c, ...rest } = c;
  return rest;
}

describe('impliedVol vs mpmath implied vols of double prices (60 digits)', () => {
  const cases = fixture.cases;
  const models = ['bsm', 'black76', 'bachelier'] as const;

  it('fixture covers every model, type and settlement, mostly inside the accuracy domain', () => {
    expect(cases.length).toBeGreaterThan(400);
    for (const m of models)
      for (const t of ['call', 'put']) expect(cases.some((c) => (c.model ?? 'bsm') === m && c.type === t)).toBe(true);
    expect(cases.some((c) => c.settlement === 'inverse' && c.model === 'bsm')).toBe(true);
    expect(cases.some((c) => c.settlement === 'inverse' && c.model === 'black76')).toBe(true);
    expect(cases.filter((c) => c.cond <= COND_MAX).length / cases.length).toBeGreaterThan(0.8);
  });

  for (const m of models) {
    it(`${m}: within 2e-14·max(1, cond) relative (≤ 1e-9 everywhere in the domain)`, () => {
      let worst = 0;
      let n = 0;
      for (const c of cases.filter((x) => x.model === m && x.cond <= COND_MAX)) {
        const v = impliedVol(inputOf(c));
        const e = rel(v, Number(c.vol));
        expect(e, JSON.stringify(c)).toBeLessThanOrEqual(2e-14 * Math.max(1, c.cond));
        expect(e).toBeLessThanOrEqual(1e-9);
        worst = Math.max(worst, e / Math.max(1, c.cond));
        n++;
      }
      expect(n).toBeGreaterThan(60);
      expect(worst).toBeLessThan(2e-14);
    });
  }

  it('outside the domain (no resolvable time value) the vol still reprices the option to its own rounding', () => {
    const ill = cases.filter((c) => c.cond > COND_MAX);
    expect(ill.length).toBeGreaterThan(5);
    for (const c of ill) {
      const inp = inputOf(c);
      const v = impliedVol(inp);
      expect(Number.isFinite(v) && v >= 0).toBe(true);
      const { price: _p, ...rest } = inp;
      const back = optionPrice({ ...(rest as Omit<OptionInput, 'vol'>), vol: v } as OptionInput);
      // rounding of the intrinsic value: a few ulps of the discounted max(F, K) in settlement units
      const x = c.spot ?? c.forward ?? 0;
      const scale = Math.max(x, c.strike) / (c.settlement === 'inverse' ? x : 1);
      expect(Math.abs(back - c.price), JSON.stringify(c)).toBeLessThanOrEqual(64 * EPS * scale);
    }
  });
});

describe("Let's Be Rational kernel vs mpmath (normalised Black b(x, s))", () => {
  const pts = fixture.normalised;
  /**
   * exp(−(h² + t²)/2) is evaluated from a rounded argument h = x/s, so its relative error is ~ε·(h² + t²): the
   * tolerance is 2.5e-14 + ε·(h² + t²), which matters only for h = x/s beyond ~15 (deep wings at tiny s).
   */
  const expScale = (x: number, s: number) => 1 + (EPS * ((x / s) ** 2 + (s / 2) ** 2)) / 2.5e-14;
  it(`normalised Black call to 2.5e-14 relative (+ exp rounding) on ${pts.length} points across all four regions`, () => {
    let worst = 0;
    for (const [x, s, b] of pts) {
      const e = rel(normalisedBlackCall(x, s), Number(b));
      worst = Math.max(worst, e / expScale(x, s));
      expect(e, `x=${x} s=${s}`).toBeLessThanOrEqual(2.5e-14 * expScale(x, s));
    }
    expect(worst).toBeLessThanOrEqual(2.5e-14);
    expect(pts.length).toBeGreaterThan(400);
  });

  it('normalised inversion recovers s to 8 ulps times the conditioning (|x| up to 700, s from 1e-6 to 50)', () => {
    for (const [x, s, b, condPrice] of pts) {
      const got = impliedNormalisedVol(Number(b), x, 1);
      const e = rel(got, s);
      expect(e, `x=${x} s=${s}`).toBeLessThanOrEqual(8 * EPS * Math.max(1, condPrice) * expScale(x, s));
    }
  });

  it('put–call symmetry: a put at x is the call at −x', () => {
    for (const [x, s, b] of pts.filter((p) => p[0] <= 0 && p[4] < 1e3)) {
      expect(rel(impliedNormalisedVol(Number(b), -x, -1), s)).toBeLessThan(1e-12);
    }
  });
});

describe('Implied normal volatility kernel vs mpmath (Bachelier f(x) = x·Φ(x) + φ(x))', () => {
  const pts = fixture.phiTildeTimesX;
  // the factor exp(−x²/2) inherits ~ε·x²/2 from the rounding of its argument (up to 1.6e-13 at x = −38)
  it('f(x) to 1e-15 relative (+ ε·x²/2) wherever it is a normal double, x from −38 to 10', () => {
    let n = 0;
    for (const [x, f] of pts) {
      const want = Number(f);
      if (want < 1e-300) continue; // subnormal results carry only absolute precision
      expect(rel(phiTildeTimesX(x), want), `x=${x}`).toBeLessThanOrEqual(1e-15 + (EPS * x * x) / 2);
      n++;
    }
    expect(n).toBeGreaterThan(230);
  });

  it('inverts s·f(−m/s) for every point: recovers s to a few ulps (m = 1, s = 1/|x|)', () => {
    for (const [x, f] of pts) {
      if (x >= -0.01 || Number(f) < 1e-300) continue;
      const s = -1 / x; // moneyness m = F − K = −1 for a call, x = m/s
      const price = s * Number(f);
      expect(rel(impliedNormalTotalVol(price, 99, 100, 1), s), `x=${x}`).toBeLessThanOrEqual(8 * EPS);
    }
  });
});

const models = ['bsm', 'black76', 'bachelier'] as const;
type Model = (typeof models)[number];

function optionFor(
  model: Model,
  call: boolean,
  inverse: boolean,
  x: number,
  m: number,
  t: number,
  volRel: number,
  r: number,
  q: number,
): OptionInput {
  const base = { model, type: call ? 'call' : 'put', strike: x * m, expiry: t, rate: r } as const;
  if (model === 'bsm')
    return { ...base, spot: x, dividendYield: q, vol: volRel, settlement: inverse ? 'inverse' : 'linear' };
  if (model === 'black76') return { ...base, forward: x, vol: volRel, settlement: inverse ? 'inverse' : 'linear' };
  return { ...base, forward: x, vol: volRel * x };
}

/** price / (σ·vega): the factor by which a price error is amplified in the vol. */
function condition(o: OptionInput): number {
  const g = optionGreeks(o);
  return g.price / (o.vol * g.vega);
}

/**
 * Round trip of one option. Outside the domain (cond = Infinity) when the price is not a normal positive double
 * (≤ 1e-300: underflowed, nothing to invert) — far-wing one-hour options reach that.
 */
function roundTrip(o: OptionInput): { err: number; cond: number; v: number } {
  const price = optionPrice(o);
  if (!(price > 1e-300)) return { err: 0, cond: Infinity, v: 0 };
  const { vol, ...rest } = o;
  const v = impliedVol({ ...rest, price });
  return { err: rel(v, vol), cond: condition(o), v };
}

describe('round trip impliedVol(optionPrice(x)) ≈ vol', () => {
  const HOUR = 1 / 8760;
  it('property (fast-check): all models, calls/puts, linear/inverse, moneyness 0.5–2, 1h–3y, vol 5%–150%, r −0.5%–5%', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.boolean(),
        fc.boolean(),
        fc.double({ min: 50, max: 150, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: Math.log(HOUR), max: Math.log(3), noNaN: true }),
        fc.double({ min: 0.05, max: 1.5, noNaN: true }),
        fc.double({ min: -0.005, max: 0.05, noNaN: true }),
        fc.double({ min: 0, max: 0.03, noNaN: true }),
        (model, call, inverse, x, lm, lt, vol, r, q) => {
          const o = optionFor(model, call, inverse && model !== 'bachelier', x, 2 ** lm, Math.exp(lt), vol, r, q);
          const { err, cond, v } = roundTrip(o);
          expect(Number.isFinite(v) && v >= 0).toBe(true);
          if (cond <= COND_MAX) expect(err).toBeLessThanOrEqual(1e-9);
        },
      ),
      { numRuns: 3000 },
    );
  });

  /**
   * The round trip error here is optionPrice's error times the conditioning, plus ours: in the far out-of-the-money
   * tail optionPrice's relative error reaches ~1e-9 (e.g. 1e-80 prices), our inversion of the exact price is ~1e-15
   * (the mpmath fixture above), so the bound is the 1e-9 rather than machine precision.
   */
  it('seeded sweep of 30,000 options: max error in the domain ≤ 1e-9, domain covers > 70%', () => {
    let seed = 12345;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let inDomain = 0;
    let worst = 0;
    const N = 30000;
    for (let i = 0; i < N; i++) {
      const model = models[i % 3];
      const o = optionFor(
        model,
        rnd() < 0.5,
        model !== 'bachelier' && rnd() < 0.5,
        50 + 100 * rnd(),
        2 ** (2 * rnd() - 1),
        Math.exp(Math.log(HOUR) + (Math.log(3) - Math.log(HOUR)) * rnd()),
        0.05 + 1.45 * rnd(),
        -0.005 + 0.055 * rnd(),
        0.03 * rnd(),
      );
      const { err, cond } = roundTrip(o);
      if (cond <= COND_MAX) {
        inDomain++;
        worst = Math.max(worst, err);
      }
    }
    expect(inDomain / N).toBeGreaterThan(0.7);
    expect(worst).toBeLessThanOrEqual(1e-9);
  });

  it('extreme but legal: 150% vol over 3 years, 5% vol over one hour at the money, far wings', () => {
    for (const model of models) {
      for (const call of [true, false]) {
        for (const [m, t, vol] of [
          [1, 3, 1.5],
          [1, HOUR, 0.05],
          [2, 3, 1.5],
          [0.5, 3, 1.5],
          [1.01, HOUR, 0.05],
        ] as const) {
          const { err, cond } = roundTrip(optionFor(model, call, false, 100, m, t, vol, 0.05, 0.03));
          if (cond <= COND_MAX) expect(err).toBeLessThan(1e-9);
        }
      }
    }
  });
});

describe('degenerate inputs and bounds', () => {
  const call = { type: 'call', spot: 100, strike: 90, expiry: 1, rate: 0.02 } as const;

  it('price exactly at the intrinsic value returns 0 (no time value), for every model', () => {
    const d = Math.exp(-0.02);
    const f = 100 * Math.exp(0.02);
    expect(impliedVol({ ...call, price: d * (f - 90) })).toBe(0);
    expect(impliedVol({ model: 'black76', type: 'put', forward: 80, strike: 90, expiry: 1, price: 10 })).toBe(0);
    expect(impliedVol({ model: 'bachelier', type: 'call', forward: 80, strike: 90, expiry: 1, price: 0 })).toBe(0);
    expect(impliedVol({ type: 'put', spot: 100, strike: 90, expiry: 2, price: 0 })).toBe(0);
  });

  it('vol 0 from optionPrice (discounted intrinsic) inverts to 0', () => {
    for (const model of models) {
      for (const call of [true, false]) {
        const o = optionFor(model, call, false, 100, call ? 0.8 : 1.25, 0.7, 0, 0.03, 0.01);
        const { vol: _v, ...rest } = o;
        expect(impliedVol({ ...rest, price: optionPrice(o) })).toBe(0);
      }
    }
  });

  it('expiry 0: intrinsic → 0, any time value → RiskInputError on price', () => {
    expect(impliedVol({ type: 'call', spot: 100, strike: 90, expiry: 0, price: 10 })).toBe(0);
    expect(impliedVol({ type: 'call', spot: 100, strike: 110, expiry: 0, price: 0 })).toBe(0);
    expect(() => impliedVol({ type: 'call', spot: 100, strike: 90, expiry: 0, price: 10.5 })).toThrowError(
      /price must be the intrinsic value 10 when expiry is 0/,
    );
    expect(() => impliedVol({ type: 'put', spot: 100, strike: 110, expiry: 0, price: 10.5 })).toThrowError(
      RiskInputError,
    );
  });

  it('price outside (intrinsic, upper) throws on price and states both bounds', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as RiskInputError;
      }
      throw new Error('did not throw');
    };
    const below = err(() =>
      impliedVol({ model: 'black76', type: 'call', forward: 100, strike: 90, expiry: 1, price: 9 }),
    );
    expect(below).toBeInstanceOf(RiskInputError);
    expect(below.path).toBe('price');
    expect(below.message).toMatch(/^price must be a number in \[intrinsic, upper\) = \[10, 100\), got 9/);
    const above = err(() =>
      impliedVol({ model: 'black76', type: 'put', forward: 100, strike: 90, expiry: 1, rate: 0, price: 90 }),
    );
    expect(above.message).toMatch(/= \[0, 90\), got 90/);
    // inverse: bounds in coin
    const inv = err(() =>
      impliedVol({ type: 'call', spot: 50000, strike: 40000, expiry: 0.5, settlement: 'inverse', price: 1 }),
    );
    expect(inv.message).toMatch(/= \[0\.2\d*, 1\), got 1/);
    expect(() => impliedVol({ type: 'call', spot: 100, strike: 90, expiry: 1, price: -1 })).toThrowError(
      /price must be/,
    );
    // bachelier has no upper bound
    expect(
      impliedVol({ model: 'bachelier', type: 'call', forward: 100, strike: 90, expiry: 1, price: 1e6 }),
    ).toBeGreaterThan(1e6);
    const bb = err(() =>
      impliedVol({ model: 'bachelier', type: 'put', forward: 100, strike: 90, expiry: 1, price: -0.1 }),
    );
    expect(bb.message).toMatch(/= \[0, ∞\)/);
  });

  it('in-the-money prices within rounding of the intrinsic value count as intrinsic (0), not as an error', () => {
    const f = 100;
    const intrinsic = f - 90;
    const ulp = 2 ** -49; // ulp of 10 is 2^-49·... (1.78e-15)
    expect(
      impliedVol({ model: 'black76', type: 'call', forward: f, strike: 90, expiry: 1, price: intrinsic - ulp }),
    ).toBe(0);
    expect(
      impliedVol({ model: 'black76', type: 'call', forward: f, strike: 90, expiry: 1, price: intrinsic + ulp }),
    ).toBe(0);
    expect(() =>
      impliedVol({ model: 'black76', type: 'call', forward: f, strike: 90, expiry: 1, price: intrinsic - 1e-9 }),
    ).toThrowError(RiskInputError);
  });

  it('negative rates, negative bachelier forwards and strikes', () => {
    const o: OptionInput = {
      model: 'bachelier',
      type: 'put',
      forward: -0.3,
      strike: 0.1,
      expiry: 2,
      vol: 0.8,
      rate: -0.005,
    };
    expect(roundTrip(o).err).toBeLessThan(1e-14);
    const o2: OptionInput = {
      type: 'call',
      spot: 100,
      strike: 100,
      expiry: 1,
      vol: 0.3,
      rate: -0.005,
      dividendYield: 0.03,
    };
    expect(roundTrip(o2).err).toBeLessThan(1e-14);
  });

  it('validates every field with its path', () => {
    const ok = { type: 'call', spot: 100, strike: 100, expiry: 1, price: 5 } as const;
    const path = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(RiskInputError);
        return (e as RiskInputError).path;
      }
      return 'no error';
    };
    expect(path(() => impliedVol(null as unknown as ImpliedVolInput))).toBe('input');
    expect(path(() => impliedVol({ ...ok, type: 'straddle' as 'call' }))).toBe('type');
    expect(path(() => impliedVol({ ...ok, model: 'heston' as 'bsm' }))).toBe('model');
    expect(path(() => impliedVol({ ...ok, spot: -1 }))).toBe('spot');
    expect(path(() => impliedVol({ ...ok, strike: 0 }))).toBe('strike');
    expect(path(() => impliedVol({ ...ok, expiry: -1 }))).toBe('expiry');
    expect(path(() => impliedVol({ ...ok, rate: NaN }))).toBe('rate');
    expect(path(() => impliedVol({ ...ok, dividendYield: Infinity }))).toBe('dividendYield');
    expect(path(() => impliedVol({ ...ok, price: NaN }))).toBe('price');
    expect(path(() => impliedVol({ ...ok, forward: 100 }))).toBe('forward');
    expect(path(() => impliedVol({ ...ok, settlement: 'quanto' as 'linear' }))).toBe('settlement');
    expect(
      path(() => impliedVol({ model: 'black76', type: 'call', spot: 100, strike: 100, expiry: 1, price: 5 })),
    ).toBe('spot');
    expect(
      path(() =>
        impliedVol({
          model: 'black76',
          type: 'call',
          forward: 100,
          strike: 100,
          expiry: 1,
          price: 5,
          dividendYield: 0.01,
        }),
      ),
    ).toBe('dividendYield');
    expect(
      path(() =>
        impliedVol({
          model: 'bachelier',
          type: 'call',
          forward: 100,
          strike: 100,
          expiry: 1,
          price: 5,
          settlement: 'inverse',
        }),
      ),
    ).toBe('settlement');
    expect(path(() => impliedVol({ ...ok, expiry: 1e6, rate: 1 }))).toBe('expiry');
  });

  it('never NaN or ±Infinity: any finite input (1e-200…1e200 prices/strikes, expiry 0…1e4) is a finite vol ≥ 0 or a RiskInputError', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.boolean(),
        fc.boolean(),
        fc.double({ min: 1e-200, max: 1e200, noNaN: true }),
        fc.double({ min: 1e-200, max: 1e200, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1e300, noNaN: true }),
        fc.double({ min: 1e-300, max: 1e3, noNaN: true }),
        (model, call, inv, x, k, t, r, q, rawPrice, vol) => {
          const inverse = inv && model !== 'bachelier';
          const base = {
            model,
            type: call ? 'call' : 'put',
            strike: k,
            expiry: t,
            rate: r,
            ...(model === 'bsm' ? { spot: x, dividendYield: q } : { forward: x }),
            ...(inverse ? { settlement: 'inverse' } : {}),
          } as Omit<ImpliedVolInput, 'price'>;
          let modelPrice = rawPrice;
          try {
            modelPrice = optionPrice({ ...base, vol } as OptionInput);
          } catch (e) {
            expect(e).toBeInstanceOf(RiskInputError);
          }
          for (const price of [rawPrice, modelPrice]) {
            try {
              const v = impliedVol({ ...base, price });
              expect(Number.isFinite(v) && v >= 0).toBe(true);
            } catch (e) {
              expect(e).toBeInstanceOf(RiskInputError);
            }
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a vol beyond the largest double throws (expiry 5e-324), near-ATM Bachelier with |F − K| ≪ price is exact', () => {
    expect(() =>
      impliedVol({ model: 'bachelier', type: 'put', forward: 1e-200, strike: 1e-200, expiry: 5e-324, price: 1e146 }),
    ).toThrowError(/price must be a price whose implied volatility is a finite double/);
    // lognormal total vols stay below ~77, so even the smallest expiry gives a finite σ
    expect(
      Number.isFinite(
        impliedVol({ model: 'black76', type: 'call', forward: 100, strike: 100, expiry: 5e-324, price: 99 }),
      ),
    ).toBe(true);
    // |F − K| = 1e-216 against a price of 1: σ = (price + |F − K|/2)·√(2π)
    expect(
      impliedVol({
        model: 'bachelier',
        type: 'put',
        forward: 1e-200,
        strike: 1.0000000000000001e-200,
        expiry: 1,
        price: 1,
      }),
    ).toBe(2.5066282746310002);
    const o: OptionInput = { model: 'bachelier', type: 'call', forward: 100, strike: 100 + 1e-8, expiry: 1, vol: 30 };
    expect(roundTrip(o).err).toBeLessThan(1e-15);
  });

  it('never mutates its input', () => {
    const inp = Object.freeze({ type: 'put', spot: 100, strike: 120, expiry: 0.25, price: 21 } as const);
    expect(impliedVol(inp)).toBeGreaterThan(0);
  });
});

describe('impliedVolBatch', () => {
  function makeCols(n: number, model: Model, inverse: boolean, seed: number) {
    let s = seed;
    const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const isCall = new Uint8Array(n);
    const x = new Float64Array(n);
    const strike = new Float64Array(n);
    const expiry = new Float64Array(n);
    const rate = new Float64Array(n);
    const div = new Float64Array(n);
    const price = new Float64Array(n);
    const vol = new Float64Array(n);
    const cond = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const o = optionFor(
        model,
        rnd() < 0.5,
        inverse,
        50 + 100 * rnd(),
        2 ** (2 * rnd() - 1),
        0.01 + 2.99 * rnd(),
        0.05 + 1.45 * rnd(),
        -0.005 + 0.055 * rnd(),
        0.03 * rnd(),
      );
      isCall[i] = o.type === 'call' ? 1 : 0;
      x[i] = o.spot ?? o.forward ?? 0;
      strike[i] = o.strike;
      expiry[i] = o.expiry;
      rate[i] = o.rate ?? 0;
      div[i] = o.dividendYield ?? 0;
      vol[i] = o.vol;
      price[i] = optionPrice(o);
      cond[i] = condition(o);
    }
    const cols = {
      model,
      settlement: inverse ? 'inverse' : 'linear',
      isCall,
      strike,
      expiry,
      rate,
      price,
      ...(model === 'bsm' ? { spot: x, dividendYield: div } : { forward: x }),
    } as const;
    return { cols, vol, cond };
  }

  for (const [model, inverse] of [
    ['bsm', false],
    ['bsm', true],
    ['black76', false],
    ['black76', true],
    ['bachelier', false],
  ] as const) {
    it(`${model}${inverse ? ' inverse' : ''}: bit-identical to the scalar impliedVol row by row`, () => {
      const { cols, vol, cond } = makeCols(500, model, inverse, 7);
      const out = impliedVolBatch(cols, new Float64Array(500));
      let recovered = 0;
      let worst = 0;
      for (let i = 0; i < 500; i++) {
        const scalar = impliedVol({
          model,
          type: cols.isCall[i] ? 'call' : 'put',
          strike: cols.strike[i],
          expiry: cols.expiry[i],
          rate: cols.rate[i],
          price: cols.price[i],
          ...(model === 'bsm'
            ? {
                spot: (cols as { spot: Float64Array }).spot[i],
                dividendYield: (cols as { dividendYield: Float64Array }).dividendYield[i],
              }
            : { forward: (cols as { forward: Float64Array }).forward[i] }),
          ...(model !== 'bachelier' ? { settlement: inverse ? 'inverse' : 'linear' } : {}),
        } as ImpliedVolInput);
        expect(out[i]).toBe(scalar);
        expect(Number.isFinite(out[i]) && out[i] >= 0).toBe(true);
        if (out[i] > 0) recovered++;
        if (cond[i] <= COND_MAX) worst = Math.max(worst, rel(out[i], vol[i]));
      }
      expect(recovered).toBeGreaterThan(400);
      expect(worst).toBeLessThan(1e-9);
    });
  }

  it('rate and dividendYield columns are optional (0)', () => {
    const out = impliedVolBatch(
      {
        isCall: new Float64Array([1]),
        spot: new Float64Array([100]),
        strike: new Float64Array([100]),
        expiry: new Float64Array([1]),
        price: new Float64Array([optionPrice({ type: 'call', spot: 100, strike: 100, expiry: 1, vol: 0.4 })]),
      },
      new Float64Array(1),
    );
    expect(out[0]).toBeCloseTo(0.4, 14);
  });

  it('validates each row, throws with the row path, writes only the rows before it', () => {
    const { cols } = makeCols(50, 'bsm', false, 3);
    const badPrice = new Float64Array(cols.price);
    badPrice[17] = -1;
    const out = new Float64Array(50).fill(42);
    expect(() => impliedVolBatch({ ...cols, price: badPrice }, out)).toThrowError(
      /^cols\.price\[17\] must be a number in \[intrinsic, upper\)/,
    );
    const full = impliedVolBatch(cols, new Float64Array(50));
    for (let i = 0; i < 17; i++) expect(out[i]).toBe(full[i]);
    expect(out.subarray(17).every((v) => v === 42)).toBe(true);
    out.fill(42);
    const badStrike = new Float64Array(cols.strike);
    badStrike[3] = NaN;
    expect(() => impliedVolBatch({ ...cols, strike: badStrike }, out)).toThrowError(
      /^cols\.strike\[3\] must be a finite number > 0, got NaN/,
    );
    const badCall = new Uint8Array(cols.isCall);
    badCall[5] = 2;
    expect(() => impliedVolBatch({ ...cols, isCall: badCall }, out)).toThrowError(/^cols\.isCall\[5\]/);
    const badT = new Float64Array(cols.expiry);
    badT[9] = 0;
    expect(() => impliedVolBatch({ ...cols, expiry: badT }, out)).toThrowError(
      /^cols\.price\[9\] must be the intrinsic value/,
    );
    expect(() => impliedVolBatch({ ...cols, strike: new Float64Array(49) }, out)).toThrowError(
      /^cols\.strike must be a Float64Array of length 50/,
    );
    expect(() => impliedVolBatch(cols, new Float64Array(10))).toThrowError(
      /^out must be a Float64Array of length >= 50/,
    );
    expect(() => impliedVolBatch({ ...cols, model: 'bachelier' }, out)).toThrowError(/^cols\.spot/);
    // the failing rows above were 3, 5 and 9: nothing from row 9 on was written
    expect(out.subarray(9).every((v) => v === 42)).toBe(true);
  });

  it('empty batch is a no-op', () => {
    const e = new Float64Array(0);
    expect(
      impliedVolBatch({ isCall: new Uint8Array(0), spot: e, strike: e, expiry: e, price: e }, new Float64Array(0))
        .length,
    ).toBe(0);
  });
});
