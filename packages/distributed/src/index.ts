/// <reference types="node" />
/**
 * Node-only entry `riskcore/distributed`: Monte Carlo and protocol-risk shards and margin sweeps executed by worker processes on
 * other cores or machines through a BullMQ queue on Redis. Same figures as the single-process functions.
 */
export { RiskInputError } from 'riskcore';
export type { RedisConnection, RedisTls } from './connection.js';
export { DistributedRunError, MAX_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS } from './deadline.js';
export type { DistributedRunErrorCode } from './deadline.js';
export { startRiskWorker } from './worker.js';
export type { RiskWorker, RiskWorkerOptions } from './worker.js';
export { runDistributedMonteCarlo, DEFAULT_SHARD_PATHS } from './monteCarlo.js';
export type { DistributedMonteCarloInput, DistributedMonteCarloResult } from './monteCarlo.js';
export { runDistributedProtocolRisk, DEFAULT_PROTOCOL_SHARD_PATHS } from './protocolRisk.js';
export type { DistributedProtocolRiskInput, DistributedProtocolRiskResult } from './protocolRisk.js';
export { marginSweep } from './marginSweep.js';
export type { MarginSweepInput } from './marginSweep.js';
export type { SweepAnswer, SweepError, Jsonified } from './processor.js';
export type { AccountSource } from './accountSource.js';
export { startRedisServer } from './redisServer.js';
export type { LocalRedis } from './redisServer.js';
export { createPartitionedEngine } from './partition/engine.js';
export type { PartitionedEngine, PartitionedEngineOptions } from './partition/engine.js';
export type { PartitionedEventResult } from './partition/merge.js';
export { startStreamPartition, publishEngineEvents, DEFAULT_ENGINE_STREAM } from './partition/stream.js';
export type { StreamPartition, StreamPartitionOptions } from './partition/stream.js';
