/**
 * optionPrice / optionGreeks: far-tail relative accuracy vs mpmath, degenerate inputs (expiry 0, vol 0), no-arbitrage
 * properties with fast-check (put-call parity for every model and settlement, monotonicity in vol and strike, price
 * bounds, negative rates), and boundary validation.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  optionGreeks,
  optionPrice,
  RiskInputError,
  type OptionGreeks,
  type OptionInput,
} from '../../src/greeks/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const { tail } = JSON.parse(readFileSync(join(here, '../fixtures/greeks/mpmath_greeks.json'), 'utf8')) as {
  tail: { input: OptionInput; ref: Record<keyof OptionGreeks, string> }[];
};

describe('far tails (tiny prices) vs mpmath, purely relative', () => {
  it(`${tail.length} deep out-of-the-money cases: price and every Greek within 1e-10 relative`, () => {
    const bad: string[] = [];
    for (const c of tail) {
      const g = optionGreeks(c.input);
      for (const k of Object.keys(c.ref) as (keyof OptionGreeks)[]) {
        const want = Number(c.ref[k]);
        if (!(Math.abs(g[k] - want) <= 1e-10 * Math.abs(want)))
          bad.push(`${JSON.stringify(c.input)} ${k}: ${g[k]} vs ${want}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('degenerate inputs', () => {
  const base = { spot: 100, strike: 90, vol: 0.4, rate: 0.03, dividendYield: 0.01 };
  it('expiry 0: intrinsic value, step delta (½ at the money), zero gamma/vega/vanna/volga', () => {
    const c = optionGreeks({ ...base, type: 'call', expiry: 0 });
    expect(c).toMatchObject({ price: 10, delta: 1, gamma: 0, vega: 0, vanna: 0, volga: 0 });
    const p = optionGreeks({ ...base, type: 'put', expiry: 0 });
    expect(p).toMatchObject({ price: 0, delta: 0, gamma: 0, vega: 0 });
    const atm = optionGreeks({ ...base, strike: 100, type: 'put', expiry: 0 });
    expect(atm.price).toBe(0);
    expect(atm.delta).toBe(-0.5);
    expect(optionGreeks({ model: 'black76', forward: 100, strike: 100, type: 'call', expiry: 0, vol: 0.5 }).delta).toBe(
      0.5,
    );
    expect(
      optionGreeks({ model: 'bachelier', forward: -1, strike: -3, type: 'call', expiry: 0, vol: 5 }),
    ).toMatchObject({ price: 2, delta: 1, gamma: 0 });
  });
  it('vol 0: discounted intrinsic value of the forward', () => {
    const T = 2;
    const fwdDisc = 100 * Math.exp(-0.01 * T),
      kDisc = 90 * Math.exp(-0.03 * T);
    const c = optionGreeks({ ...base, vol: 0, type: 'call', expiry: T });
    expect(c.price).toBeCloseTo(fwdDisc - kDisc, 12);
    expect(c.delta).toBeCloseTo(Math.exp(-0.01 * T), 15);
    expect(c.rho).toBeCloseTo(T * kDisc, 12);
    expect(c.theta).toBeCloseTo(0.01 * fwdDisc - 0.03 * kDisc, 12);
    expect(c.gamma).toBe(0);
    expect(optionPrice({ ...base, vol: 0, type: 'put', expiry: T })).toBe(0);
    const b = optionGreeks({ model: 'black76', forward: 80, strike: 90, vol: 0, rate: 0.05, type: 'put', expiry: 1 });
    expect(b.price).toBeCloseTo(10 * Math.exp(-0.05), 12);
    expect(b.rho).toBeCloseTo(-b.price, 12);
  });
  it('extreme inputs never give NaN, Infinity or a negative price', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('bsm', 'black76', 'bachelier'),
        fc.constantFrom('call', 'put'),
        fc.constantFrom('linear', 'inverse'),
        fc.double({ min: 1e-8, max: 1e8, noNaN: true }),
        fc.double({ min: 1e-8, max: 1e8, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: -0.1, max: 0.2, noNaN: true }),
        (model, type, settlement, x, k, t, v, r) => {
          if (model === 'bachelier' && settlement === 'inverse') return true;
          const input: OptionInput = {
            model,
            type,
            settlement,
            strike: k,
            expiry: t,
            vol: model === 'bachelier' ? v * x : v,
            rate: r,
            ...(model === 'bsm' ? { spot: x } : { forward: x }),
          };
          let g: OptionGreeks;
          try {
            g = optionGreeks(input);
          } catch (e) {
            return e instanceof RiskInputError; // only a documented overflow refusal is allowed
          }
          return Object.values(g).every(Number.isFinite) && g.price >= 0;
        },
      ),
      { numRuns: 400 },
    );
  });
});

const model = fc.constantFrom('bsm' as const, 'black76' as const, 'bachelier' as const);
const params = fc.record({
  x: fc.double({ min: 1, max: 1e5, noNaN: true }),
  m: fc.double({ min: 0.5, max: 2, noNaN: true }),
  t: fc.double({ min: 1 / 8760, max: 3, noNaN: true }),
  v: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
  r: fc.double({ min: -0.005, max: 0.05, noNaN: true }),
  q: fc.double({ min: 0, max: 0.03, noNaN: true }),
});
type P = { x: number; m: number; t: number; v: number; r: number; q: number };
function input(
  md: 'bsm' | 'black76' | 'bachelier',
  type: 'call' | 'put',
  p: P,
  settlement: 'linear' | 'inverse' = 'linear',
  over: Partial<P> = {},
): OptionInput {
  const o = { ...p, ...over };
  return {
    model: md,
    type,
    settlement,
    strike: o.x * o.m,
    expiry: o.t,
    vol: md === 'bachelier' ? o.v * o.x : o.v,
    rate: o.r,
    ...(md === 'bsm' ? { spot: o.x, dividendYield: o.q } : { forward: o.x }),
  };
}

describe('no-arbitrage properties (fast-check)', () => {
  it('put-call parity, every model, linear and inverse', () => {
    fc.assert(
      fc.property(model, fc.constantFrom('linear' as const, 'inverse' as const), params, (md, st, p) => {
        if (md === 'bachelier' && st === 'inverse') return true;
        const c = optionPrice(input(md, 'call', p, st));
        const pu = optionPrice(input(md, 'put', p, st));
        const k = p.x * p.m;
        const df = Math.exp(-p.r * p.t);
        let parity = md === 'bsm' ? p.x * Math.exp(-p.q * p.t) - k * df : df * (p.x - k);
        if (st === 'inverse') parity /= p.x;
        const scale = st === 'inverse' ? 1 : p.x;
        return Math.abs(c - pu - parity) <= 1e-12 * (scale + c + pu);
      }),
      { numRuns: 500 },
    );
  });
  it('delta parity: Δcall − Δput = the forward’s discounted sensitivity', () => {
    fc.assert(
      fc.property(model, params, (md, p) => {
        const d = optionGreeks(input(md, 'call', p)).delta - optionGreeks(input(md, 'put', p)).delta;
        const want = md === 'bsm' ? Math.exp(-p.q * p.t) : Math.exp(-p.r * p.t);
        return Math.abs(d - want) <= 1e-13;
      }),
      { numRuns: 300 },
    );
  });
  it('price is non-decreasing in vol, calls non-increasing and puts non-decreasing in strike', () => {
    fc.assert(
      fc.property(
        model,
        fc.constantFrom('call' as const, 'put' as const),
        params,
        fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
        (md, type, p, h) => {
          const base = optionPrice(input(md, type, p));
          const tol = 1e-13 * p.x;
          const upVol = optionPrice(input(md, type, p, 'linear', { v: p.v + h }));
          const upK = optionPrice(input(md, type, p, 'linear', { m: p.m * (1 + h) }));
          return upVol >= base - tol && (type === 'call' ? upK <= base + tol : upK >= base - tol);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('price bounds: discounted intrinsic of the forward ≤ price ≤ discounted forward (call) / strike (put)', () => {
    fc.assert(
      fc.property(model, fc.constantFrom('call' as const, 'put' as const), params, (md, type, p) => {
        const price = optionPrice(input(md, type, p));
        const k = p.x * p.m,
          df = Math.exp(-p.r * p.t);
        const fd = md === 'bsm' ? p.x * Math.exp(-p.q * p.t) : p.x * df;
        const intrinsic = Math.max(type === 'call' ? fd - k * df : k * df - fd, 0);
        const upper =
          md === 'bachelier'
            ? intrinsic + p.v * p.x * Math.sqrt(p.t) * df * 0.3989422804014327 // time value ≤ the at-the-money one
            : type === 'call'
              ? fd
              : k * df;
        const tol = 1e-12 * p.x;
        return price >= intrinsic - tol && price <= upper + tol && price >= 0;
      }),
      { numRuns: 500 },
    );
  });
  it('gamma, vega ≥ 0 and theta of an OTM lognormal option at zero rates < 0', () => {
    fc.assert(
      fc.property(model, fc.constantFrom('call' as const, 'put' as const), params, (md, type, p) => {
        const g = optionGreeks(input(md, type, { ...p, r: 0, q: 0 }));
        return g.gamma >= 0 && g.vega >= 0 && g.theta <= 1e-12 * p.x;
      }),
      { numRuns: 300 },
    );
  });
});

describe('validation', () => {
  it('names the field and what was expected', () => {
    const ok: OptionInput = { type: 'call', spot: 100, strike: 100, expiry: 1, vol: 0.2 };
    expect(() => optionPrice({ ...ok, strike: -5 })).toThrow(/input.strike must be a finite number > 0, got -5/);
    expect(() => optionPrice({ ...ok, vol: NaN })).toThrow(/input.vol must be a finite number >= 0, got NaN/);
    expect(() => optionPrice({ ...ok, expiry: -1 })).toThrow(/input.expiry/);
    expect(() => optionPrice({ ...ok, type: 'straddle' as never })).toThrow(/input.type must be one of 'call', 'put'/);
    expect(() => optionPrice({ ...ok, model: 'black76' })).toThrow(/input.spot must be absent for model 'black76'/);
    expect(() => optionPrice({ ...ok, forward: 100 })).toThrow(/input.forward must be absent/);
    expect(() =>
      optionPrice({
        model: 'black76',
        type: 'call',
        forward: 100,
        strike: 100,
        expiry: 1,
        vol: 0.2,
        dividendYield: 0.1,
      }),
    ).toThrow(/input.dividendYield/);
    expect(() =>
      optionPrice({
        model: 'bachelier',
        type: 'call',
        forward: 100,
        strike: 100,
        expiry: 1,
        vol: 20,
        settlement: 'inverse',
      }),
    ).toThrow(/input.settlement/);
    expect(() => optionGreeks(null as never)).toThrow(RiskInputError);
    expect(() => optionPrice({ ...ok, expiry: 1e6, rate: -1 })).toThrow(RiskInputError);
  });
  it('bachelier accepts negative forwards and strikes', () => {
    const g = optionGreeks({ model: 'bachelier', type: 'put', forward: -0.5, strike: 0.25, expiry: 1, vol: 0.5 });
    expect(g.price).toBeGreaterThan(0.75);
    expect(g.delta).toBeLessThan(-0.9);
  });
  it('does not mutate its input', () => {
    const inp: OptionInput = { type: 'call', spot: 100, strike: 100, expiry: 1, vol: 0.2, rate: 0.01 };
    const copy = JSON.stringify(inp);
    optionGreeks(inp);
    expect(JSON.stringify(inp)).toBe(copy);
  });
});
