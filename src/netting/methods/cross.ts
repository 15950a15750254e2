/**
 * Cross margin: the delta-one positions of an underlying (spot, perps, futures) netted into one notional before the
 * size tiers apply; options netted per instrument and margined one by one as in the standard method. Internal.
 */
import type { OptionPosition } from '../../core/model.js';
import { optionStandardMargin } from '../engine.js';
import { FloatSum } from '../exactSum.js';
import { tierFigures } from '../tiers.js';
import { assetParams } from '../validateParams.js';
import { sumCombine } from './sumCombine.js';
import type { MarginMethodImpl } from './types.js';
import { unscannedFigures } from './types.js';

export const crossMethod: MarginMethodImpl = {
  underlying(ctx, book) {
    const ap = assetParams(ctx.params, book.underlying);
    const s = ctx.market.assets[book.underlying].price;
    const im = new FloatSum();
    const mm = new FloatSum();
    for (const lot of book.lots) {
      if (lot.positions[0].kind !== 'option') continue;
      const [i, n] = optionStandardMargin(
        lot.positions[0] as OptionPosition,
        lot.quantity,
        s,
        lot.entry.base,
        ap.option,
      );
      im.add(i);
      mm.add(n);
    }
    const [i, n] = tierFigures(book.netDeltaOne * s, ap.linear.tiers);
    im.add(i);
    mm.add(n);
    return unscannedFigures(book.underlying, im.value(), mm.value(), book.netDeltaOne);
  },
  combine: sumCombine,
};
