/**
 * Standard margin: instrument by instrument, no offsets between instruments — the positions of one contract netted
 * first (a venue holds one net position per contract), then each delta-one contract alone on the size tiers (its
 * net units; the entry price is the position's cost, not part of the contract) and each option by Deribit's
 * standard formula on its net quantity ({@link optionStandardMargin}). Internal.
 */
import type { OptionPosition } from '../../core/model.js';
import { contracts, netUnits } from '../book.js';
import { optionStandardMargin } from '../engine.js';
import { FloatSum } from '../exactSum.js';
import { tierFigures } from '../tiers.js';
import { assetParams } from '../validateParams.js';
import { sumCombine } from './sumCombine.js';
import type { MarginMethodImpl } from './types.js';
import { unscannedFigures } from './types.js';

export const standardMethod: MarginMethodImpl = {
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
    for (const lots of contracts(book.lots)) {
      const [i, n] = tierFigures(netUnits(lots, ctx.market) * s, ap.linear.tiers);
      im.add(i);
      mm.add(n);
    }
    return unscannedFigures(book.underlying, im.value(), mm.value(), book.netDeltaOne);
  },
  combine: sumCombine,
};
