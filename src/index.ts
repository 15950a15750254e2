/**
 * riskcore — the risk and margin core. The root entry re-exports the shared model and error type; each module has
 * its own subpath (`riskcore/greeks`, `riskcore/var`, …).
 */
export * from './core/index.js';
