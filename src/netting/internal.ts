/**
 * The netting module's friend API: what other riskcore modules (stress) may use besides the public index. Import
 * these from here, never from the files that define them. Not part of the published API.
 */
export { prepareValidated } from './engine.js';
export { mapValidPositions } from './account.js';
