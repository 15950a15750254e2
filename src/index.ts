/**
 * riskcore — the risk and margin core. The root entry re-exports the shared model and error type; each module has
 * its own subpath (`riskcore/greeks`, `riskcore/var`, …).
 */
export * from './core/index.js';
/** Input-validation helpers shared by the riskcore packages (@riskcore/cli, @riskcore/distributed). */
export {
  joinPath,
  checkNumber,
  optionalNumber,
  checkEnum,
  optionalEnum,
  checkString,
  checkObject,
  checkArray,
  knownKeys,
  checkKeys,
  checkStrictObject,
  ownValue,
} from './core/validate.js';
export type { NumberBounds, KnownKeys } from './core/validate.js';
/** JSON Schema (2020-12) of the book model, generated from the same contract the validators read. */
export { positionJsonSchema, marketJsonSchema, collateralJsonSchema } from './core/contract/jsonSchema.js';
export type { Schema as JsonSchema } from './core/contract/jsonSchema.js';
