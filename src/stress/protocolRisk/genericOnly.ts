/**
 * Internal: {@link recommendCap} runs the generic cascade form `{ accounts, params }` and the lending form
 * `{ positions, lending }`; the venue forms `{ kind, accounts, context }` of {@link simulateProtocolRisk} are refused
 * by name at `protocol`, before any other validation.
 */
import { RiskInputError } from '../../core/errors.js';
import { isVenueProtocol } from './venueRisk.js';

/** Throw a RiskInputError at `protocol` when it is a venue form (`fn` names the caller). */
export function requireNotVenue(protocol: unknown, fn: string): void {
  if (!isVenueProtocol(protocol)) return;
  throw new RiskInputError(
    'protocol',
    'the generic cascade form { accounts, params } or the lending form { positions, lending }',
    protocol,
    `${fn} does not run the venue forms; simulateProtocolRisk does`,
  );
}
