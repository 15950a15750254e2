/**
 * The functions of riskcore/lending whose robustness specs are in lendingIrm.test.ts (the EVM fixed-point kit and the
 * interest-rate models); lending.test.ts exempts them from its own coverage check.
 */
export const LENDING_IRM_EXPORTS = [
  'mulDiv',
  'wadMul',
  'wadDiv',
  'rayMul',
  'rayDiv',
  'percentMul',
  'percentDiv',
  'ppmMul',
  'ppmDiv',
  'wadToRay',
  'rayToWad',
  'wTaylorCompounded',
  'rpow',
  'aaveRates',
  'aaveAccrue',
  'aaveLinearInterest',
  'aaveCompoundedInterest',
  'cometRates',
  'cometAccrue',
  'morphoAdaptiveRate',
  'morphoAccrue',
  'eulerLinearKinkRate',
  'eulerAccrue',
  'eulerAdaptiveRate',
  'irmRatePath',
] as const;
