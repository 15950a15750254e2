/**
 * Standard margin: position by position, no offsets — each delta-one position alone on the size tiers, each option
 * by Deribit's standard formula ({@link optionStandardMargin}). Internal.
 */
import type { OptionPosition } from '../../core/model.js';
import { deltaOneUnits, instrumentEntry, linearStandardMargin, optionStandardMargin } from '../engine.js';
import { FloatSum } from '../exactSum.js';
import { assetParams } from '../validateParams.js';
import { sumCombine } from './sumCombine.js';
import type { MarginMethodImpl } from './types.js';
import { unscannedFigures } from './types.js';

export const standardMethod: MarginMethodImpl = {
  underlying(ctx, u, positions, value) {
    const m = ctx.market;
    const ap = assetParams(ctx.params, u);
    const s = m.assets[u].price;
    const im = new FloatSum();
    const mm = new FloatSum();
    const d1 = new FloatSum();
    for (const p of positions) {
      const v = instrumentEntry(ctx, p).base;
      value.add(p.quantity * v);
      let f: [number, number];
      if (p.kind === 'option') f = optionStandardMargin(p as OptionPosition, s, v, ap.option);
      else {
        d1.add(deltaOneUnits(p, m));
        f = linearStandardMargin(p, m, ap);
      }
      im.add(f[0]);
      mm.add(f[1]);
    }
    return unscannedFigures(u, im.value(), mm.value(), d1.value());
  },
  combine: sumCombine,
};
