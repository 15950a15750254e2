export { RiskInputError } from '../core/errors.js';
