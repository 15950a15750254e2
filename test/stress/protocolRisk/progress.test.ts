/** The optional progress callback of simulateProtocolRisk and recommendCap: reported, validated, result unchanged. */
import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../../src/index.js';
import { recommendCap, simulateProtocolRisk } from '../../../src/stress/index.js';

const accounts = Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, collateral: '1', debt: String(1700 + 40 * i) }));
const protocol = { accounts, params: { price: '2500', depth: '300000', penalty: 0.08 } };
const market = { assets: { ETH: { vol: 1.1 } } };
const options = { paths: 250, steps: 8, dt: 1 / 365, seed: 3 };

describe('onProgress', () => {
  it('reports increasing counts up to (paths, paths) and leaves the result as without it', () => {
    const calls: [number, number][] = [];
    const withBar = simulateProtocolRisk(protocol, market, { ...options, onProgress: (d, t) => calls.push([d, t]) });
    expect(withBar).toEqual(simulateProtocolRisk(protocol, market, options));
    expect(calls[0]).toEqual([0, 250]);
    expect(calls[calls.length - 1]).toEqual([250, 250]);
    expect(calls.length).toBeLessThanOrEqual(102);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThan(calls[i - 1][0]);
  });

  it('is refused when not a function, naming options.onProgress', () => {
    const bad = { ...options, onProgress: 5 } as unknown as typeof options;
    expect(() => simulateProtocolRisk(protocol, market, bad)).toThrow(RiskInputError);
    try {
      simulateProtocolRisk(protocol, market, bad);
    } catch (e) {
      expect((e as RiskInputError).path).toBe('options.onProgress');
    }
  });

  it('reports every simulation of a cap search', () => {
    let ends = 0;
    const cap = { ...options, asset: 'ETH', budget: 500, step: 0.5, maxMultiple: 4 };
    const r = recommendCap(protocol, market, { ...cap, onProgress: (d, t) => (ends += d === t ? 1 : 0) });
    expect(ends).toBe(r.evaluations);
    expect(r).toEqual(recommendCap(protocol, market, cap));
  });
});
