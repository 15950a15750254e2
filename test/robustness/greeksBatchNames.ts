/**
 * The functions of riskcore/greeks whose robustness specs are in greeksBatch.test.ts (the column-wise batch pricing);
 * greeks.test.ts and impliedvol.test.ts exempt them from their own coverage checks.
 */
export const GREEKS_BATCH_EXPORTS = ['optionGreeksBatch', 'optionPriceBatch'] as const;
