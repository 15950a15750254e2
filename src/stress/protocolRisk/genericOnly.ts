/**
 * Internal: the recommendation functions run the generic cascade form `{ accounts, params }` only; the lending form
 * `{ positions, lending }` and the venue forms `{ kind, accounts, context }` of {@link simulateProtocolRisk} are
 * refused by name at `protocol`, before any other validation.
 */
import { RiskInputError } from '../../core/errors.js';
import { isLendingProtocol } from './lendingRisk.js';
import { isVenueProtocol } from './venueRisk.js';

/** Throw a RiskInputError at `protocol` when it is the lending or a venue form (`fn` names the caller). */
export function requireGenericProtocol(protocol: unknown, fn: string): void {
  const form = isLendingProtocol(protocol) ? 'lending' : isVenueProtocol(protocol) ? 'venue' : null;
  if (form === null) return;
  throw new RiskInputError(
    'protocol',
    'the generic cascade form { accounts, params }',
    protocol,
    `${fn} does not run the ${form} form; simulateProtocolRisk does`,
  );
}

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
