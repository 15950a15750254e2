/**
 * The stress module's friend API: what other riskcore modules (the worker pool of `riskcore/montecarlo/node`) may use
 * besides the public index. Import these from here, never from the files that define them. Not part of the
 * published API.
 */
export { protocolRiskRunner } from './protocolRisk/shard.js';
export type { ProtocolRiskRunner } from './protocolRisk/shard.js';
export { OPTION_FIELDS as PROTOCOL_RISK_OPTION_FIELDS } from './protocolRisk/inputs.js';
