/**
 * Cross margin: the delta-one positions of an underlying (spot, perps, futures) netted into one notional before the
 * size tiers apply; options margined one by one as in the standard method. Internal.
 */
import type { OptionPosition } from '../../core/model.js';
import { deltaOneUnits, instrumentEntry, optionStandardMargin } from '../engine.js';
import { FloatSum } from '../exactSum.js';
import { tierFigures } from '../tiers.js';
import { assetParams } from '../validateParams.js';
import { sumCombine } from './sumCombine.js';
import type { MarginMethodImpl } from './types.js';
import { unscannedFigures } from './types.js';

export const crossMethod: MarginMethodImpl = {
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
      if (p.kind === 'option') {
        const [i, n] = optionStandardMargin(p as OptionPosition, s, v, ap.option);
        im.add(i);
        mm.add(n);
      } else d1.add(deltaOneUnits(p, m));
    }
    const net = d1.value();
    const [i, n] = tierFigures(net * s, ap.linear.tiers);
    im.add(i);
    mm.add(n);
    return unscannedFigures(u, im.value(), mm.value(), net);
  },
  combine: sumCombine,
};
