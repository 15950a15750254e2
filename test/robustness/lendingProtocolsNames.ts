/**
 * The functions of riskcore/lending whose robustness specs are in lendingProtocols.test.ts (the Compound III,
 * Morpho Blue and Euler v2 models and the what-if previews); lending.test.ts exempts them from its coverage check.
 */
export const LENDING_PROTOCOL_EXPORTS = [
  'cometLiquidity',
  'cometAbsorb',
  'cometReserves',
  'cometQuoteCollateral',
  'morphoHealth',
  'morphoIncentiveFactor',
  'morphoLiquidate',
  'eulerAccountLiquidity',
  'eulerLiquidate',
  'previewComet',
  'previewMorpho',
  'previewEuler',
  'previewAave',
] as const;
