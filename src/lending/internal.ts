/**
 * Friend API of riskcore/lending for the other modules of the package (not exported to users): kernels on inputs
 * the public functions have already validated. riskcore/stress's lending cascades use them in their round loops.
 */
export { healthCoreOf as morphoHealthCore } from './morpho/health.js';
