/**
 * Invariants of importance sampling in simulateProtocolRisk (fast-check, the suite's fixed seed): weights positive
 * with mean 1 within its standard error; a zero shift gives the plain run bit for bit (the weighted estimators
 * reduce exactly to the plain ones: generic, lending and venue forms); any cut into shards merges into the single
 * run bit for bit, weights included; the weighted estimators with unit weights equal the plain ones.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { combineProtocolRiskShards, runProtocolRiskShard, simulateProtocolRisk } from '../../../src/stress/index.js';
import type {
  LendingProtocol,
  LendingRiskContext,
  Protocol,
  ProtocolMarket,
  ProtocolRiskResult,
  VenueProtocol,
} from '../../../src/stress/index.js';
import { esWeights, tailEstimate, varEsSorted } from '../../../src/stress/protocolRisk/lossTail.js';
import {
  rankPaths,
  weightedEsWeights,
  weightedProportion,
  weightedQuantile,
  weightedTailEstimate,
  weightedVarEs,
} from '../../../src/stress/protocolRisk/weightedTail.js';
import { caseOf } from '../lendingCascade/arbs.js';
import { market, protocol } from './thinBook.js';

const marketOf = (rho: number): ProtocolMarket => ({
  ...market,
  correlation: [
    [1, rho],
    [rho, 1],
  ],
});
/** The result without the importance-sampling diagnostics, as JSON. */
const figures = ({ importanceSampling: _, ...r }: ProtocolRiskResult) => JSON.stringify(r);

describe('importance sampling: invariants', () => {
  it('weights are positive and their mean is within 4 standard errors of 1', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -0.9, max: 0.9, noNaN: true }),
        fc.nat(10_000),
        (u, v, rho, seed) => {
          // shifts with steps·|θ|² ≤ about 1 (θ = shift·√dt/vol): log weights of standard deviation ≤ 1
          const steps = 6;
          const dt = 1 / 365;
          const k = 1 / Math.sqrt(steps * dt);
          const r = simulateProtocolRisk(protocol, marketOf(rho), {
            paths: 400,
            steps,
            dt,
            seed,
            importanceSampling: { shift: { ETH: 1.3 * k * u * 0.5, BTC: 0.9 * k * v * 0.5 } },
          });
          const is = r.importanceSampling;
          if (!is) throw new Error('no weights');
          expect(is.weightByPath.length).toBe(400);
          for (const w of is.weightByPath) expect(w).toBeGreaterThan(0);
          const { value, stdError } = is.meanWeight;
          expect(Math.abs(value - 1)).toBeLessThanOrEqual(4 * (stdError as number));
          expect(is.effectiveSampleSize).toBeLessThanOrEqual(400 + 1e-9);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('a zero shift gives the plain run bit for bit (generic form, any market and seed)', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.9, max: 0.9, noNaN: true }), fc.nat(10_000), (rho, seed) => {
        const o = { paths: 300, steps: 6, dt: 1 / 365, seed, batches: 3, detail: 2 };
        const plain = simulateProtocolRisk(protocol, marketOf(rho), o);
        const zero = simulateProtocolRisk(protocol, marketOf(rho), {
          ...o,
          importanceSampling: { shift: { ETH: 0, BTC: 0 } },
        });
        expect(figures(zero)).toBe(JSON.stringify(plain));
        expect(zero.importanceSampling?.weightByPath.every((w) => w === 1)).toBe(true);
        expect(zero.importanceSampling?.effectiveSampleSize).toBe(300);
      }),
      { numRuns: 8 },
    );
  });

  it('a zero shift gives the plain run bit for bit on a lending protocol’s and a venue’s rules', () => {
    const c = caseOf('aave-v3', {
      sizes: [
        { size: 10e6, lev: 0.9e6 },
        { size: 3e6, lev: 0.8e6 },
      ],
      moves: [],
      depth: 100,
      latency: 0.5,
      gas: 10,
      capacity: 2,
    });
    const { rounds: _r, moves: _m, ...lending } = c.context;
    const lp: LendingProtocol = { positions: c.positions, lending: lending as LendingRiskContext };
    const lm = { assets: { WETH: { vol: 1.2 }, USDC: { vol: 0.01 } } };
    const o = { paths: 20, steps: 6, dt: 1 / 365, seed: 3, batches: 2 };
    const lPlain = simulateProtocolRisk(lp, lm, o);
    const lZero = simulateProtocolRisk(lp, lm, { ...o, importanceSampling: { shift: { WETH: 0 } } });
    expect(figures(lZero)).toBe(JSON.stringify(lPlain));
    expect(lPlain.liquidations.probabilityAny.value).toBeGreaterThan(0);

    const vc = JSON.parse(
      readFileSync(new URL('../../fixtures/stress/venue_cascade/drift.json', import.meta.url), 'utf8'),
    ).cases[0];
    const books = vc.context.books.map(({ path: _p, shock: _s, ...b }: Record<string, unknown>) => b);
    const vp = { kind: 'drift', accounts: vc.accounts, context: { ...vc.context, books } } as unknown as VenueProtocol;
    const vm = { assets: Object.fromEntries(books.map((b: { market: string }) => [b.market, { vol: 1.5 }])) };
    const vPlain = simulateProtocolRisk(vp, vm, o);
    const vZero = simulateProtocolRisk(vp, vm, { ...o, importanceSampling: { shift: {} } });
    expect(figures(vZero)).toBe(JSON.stringify(vPlain));
    // and a real shift changes the venue run's figures and gives it weights
    const vTilt = simulateProtocolRisk(vp, vm, {
      ...o,
      importanceSampling: { shift: { [books[0].market]: -5 } },
    });
    expect(vTilt.importanceSampling?.weightByPath.some((w) => w !== 1)).toBe(true);
  });

  it('shards of an importance-sampled run merge into the single run bit for bit, whatever the cut', () => {
    const o = {
      paths: 4300,
      steps: 4,
      dt: 1 / 365,
      seed: 17,
      batches: 5,
      detail: 3,
      importanceSampling: { shift: { ETH: -8, BTC: -3 } },
    };
    const market = marketOf(0.6);
    const single = JSON.stringify(simulateProtocolRisk(protocol, market, o));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 4299 }), { maxLength: 4 }), (cuts) => {
        const at = [0, ...cuts.sort((a, b) => a - b), 4300];
        const shards = at
          .slice(1)
          .map((to, i) =>
            JSON.parse(
              JSON.stringify(
                runProtocolRiskShard({ protocol, market, options: o, pathOffset: at[i], paths: to - at[i] }),
              ),
            ),
          );
        expect(JSON.stringify(combineProtocolRiskShards(shards.reverse()))).toBe(single);
      }),
      { numRuns: 4 },
    );
  });

  it('weighted estimators with unit weights are the plain ones bit for bit (ties, zeros, any size)', () => {
    const sample = fc
      .array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 1e6, noNaN: true })), {
        minLength: 1,
        maxLength: 300,
      })
      .map((x) => Float64Array.from(x));
    fc.assert(
      fc.property(sample, fc.constantFrom(0.5, 0.9, 0.99, 0.999), fc.integer({ min: 2, max: 6 }), (x, a, B) => {
        const w = new Float64Array(x.length).fill(1);
        const sorted = Float64Array.from(x).sort();
        expect(weightedVarEs(x, w, rankPaths(x), a)).toEqual(varEsSorted(sorted, a));
        expect(weightedQuantile(x, w, rankPaths(x), a)).toBe(varEsSorted(sorted, a).var);
        expect(weightedEsWeights(x, w, a)).toEqual(esWeights(x, a));
        expect(weightedTailEstimate(x, w, a, B)).toEqual(tailEstimate(x, a, B));
        const ind = x.map((v) => (v > 2 ? 1 : 0));
        const p = ind.reduce((s, v) => s + v, 0) / ind.length;
        expect(weightedProportion(ind, w)).toEqual({ value: p, stdError: Math.sqrt((p * (1 - p)) / ind.length) });
      }),
      { numRuns: 200 },
    );
  });

  it('weighted ES is the weighted tail mean: ES ≥ VaR, and the ES weights sum to 1 (weights summing to n)', () => {
    const sample = fc
      .array(fc.tuple(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true })), {
        minLength: 20,
        maxLength: 300,
      })
      .map((xs) => {
        const x = Float64Array.from(xs.map((t) => t[0]));
        const w = Float64Array.from(xs.map((t) => t[1]));
        const s = w.reduce((a, b) => a + b, 0);
        return { x, w: w.map((v) => (v * x.length) / s) };
      });
    fc.assert(
      fc.property(sample, fc.constantFrom(0.9, 0.95, 0.99), ({ x, w }, a) => {
        const r = weightedVarEs(x, w, rankPaths(x), a);
        expect(r.es).toBeGreaterThanOrEqual(r.var);
        const e = weightedEsWeights(x, w, a);
        const sum = e.reduce((s, v) => s + v, 0);
        expect(sum).toBeCloseTo(1, 9);
        for (const v of e) expect(v).toBeGreaterThanOrEqual(-1e-12);
        // ES = Σ eᵢ·xᵢ (up to rounding and the clamp to [VaR, max])
        const dot = e.reduce((s, v, i) => s + v * x[i], 0);
        const top = Math.max(...x);
        expect(r.es).toBeCloseTo(Math.min(Math.max(dot, r.var), top), 6);
      }),
      { numRuns: 200 },
    );
  });
});
