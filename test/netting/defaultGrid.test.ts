/**
 * The default parameters' grid is built without deribitGrid's option checks (presets/deribitBuckets.ts): it must
 * be exactly deribitGrid(), and deribitGrid's extended table must extend that same grid.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MARGIN_PARAMS, deribitGrid } from '../../src/netting/index.js';

describe('Deribit grid: defaults and the public builder agree', () => {
  it('the default grid is deribitGrid() with its defaults', () => {
    expect(DEFAULT_MARGIN_PARAMS.grid).toEqual(deribitGrid());
    expect(deribitGrid().name).toBe('deribit-9x3');
    expect(deribitGrid({ buckets: 2 }).scenarios.map((s) => s.label)).toEqual([
      '-2/2 range, vol up',
      '-2/2 range, vol none',
      '-2/2 range, vol down',
      '-1/2 range, vol up',
      '-1/2 range, vol none',
      '-1/2 range, vol down',
      '+0/2 range, vol up',
      '+0/2 range, vol none',
      '+0/2 range, vol down',
      '+1/2 range, vol up',
      '+1/2 range, vol none',
      '+1/2 range, vol down',
      '+2/2 range, vol up',
      '+2/2 range, vol none',
      '+2/2 range, vol down',
    ]);
  });

  it('the extended table follows the buckets, under vol up, weighted, and names the grid', () => {
    const g = deribitGrid({ extended: { moves: [-0.66, 0.5], weight: 0.5 } });
    expect(g.name).toBe('deribit-9x3+extended');
    expect(g.source).toBe(deribitGrid().source);
    expect(g.scenarios.slice(0, 27)).toEqual(deribitGrid().scenarios);
    expect(g.scenarios.slice(27)).toEqual([
      { label: 'extended -66%, vol up', price: -0.66, priceUnit: 'fraction', vol: 'up', weight: 0.5 },
      { label: 'extended +50%, vol up', price: 0.5, priceUnit: 'fraction', vol: 'up', weight: 0.5 },
    ]);
    expect(deribitGrid({ extended: false })).toEqual(deribitGrid());
    expect(() => deribitGrid({ buckets: 0 })).toThrow('buckets must be a finite integer in [1, 50], got 0');
    expect(() => deribitGrid({ extended: { moves: [-1], weight: 1 } })).toThrow('extended.moves[0]');
  });
});
