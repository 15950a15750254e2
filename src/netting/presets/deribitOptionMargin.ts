/**
 * Deribit's standard (position-by-position) option margin constants.
 *
 * Source: Deribit standard margin for options as published (quoted by doc.tslab.pro "Deribit Margin Requirements Calculation" and Aevo's docs "Standard Margin"): short call IM = max(0.15 − OTM/S, 0.1)·S + mark, MM = 0.075·S + mark; short put IM = max(max(0.15 − OTM/S, 0.1)·S + mark, MM), MM = max(0.075·S, 0.075·mark) + mark; long options IM = MM = mark (deribit.freshdesk.com article 1000197268 "Margin requirements options")
 */
import type { OptionMarginParams } from '../paramsTypes.js';

const DERIBIT_OPTIONS =
  'Deribit standard margin for options as published (quoted by doc.tslab.pro "Deribit Margin Requirements Calculation" and Aevo\'s docs "Standard Margin"): short call IM = max(0.15 − OTM/S, 0.1)·S + mark, MM = 0.075·S + mark; short put IM = max(max(0.15 − OTM/S, 0.1)·S + mark, MM), MM = max(0.075·S, 0.075·mark) + mark; long options IM = MM = mark (deribit.freshdesk.com article 1000197268 "Margin requirements options")';

/** Deribit's standard option margin constants. */
export const DERIBIT_OPTION_MARGIN: OptionMarginParams = {
  imBase: 0.15,
  imMin: 0.1,
  mm: 0.075,
  source: DERIBIT_OPTIONS,
};
