/**
 * The fields each Monte Carlo input object may carry, for the strict-key check of every public entry point
 * (`checkKeys`: an unknown or misspelt key is refused naming the closest known one). Internal.
 */
import { knownKeys } from '../core/validate.js';

const MODEL = ['horizon', 'drift', 'vols', 'volOfVol', 'dist', 'dof', 'mode'] as const;

/** `ModelOptions`. */
export const MODEL_KEYS = knownKeys(...MODEL);
/** `SimulationOptions` of simulatePnL. */
export const SIMULATION_KEYS = knownKeys(...MODEL, 'paths', 'seed', 'substream', 'pathOffset', 'onProgress');
/** `MonteCarloErrorOptions` (`pathOffset` is known so that it is refused with its own reason). */
export const ERROR_KEYS = knownKeys(...MODEL, 'paths', 'seed', 'substream', 'pathOffset', 'confidence', 'batches');
/** `ImportanceSamplingOptions` (`pathOffset` is known so that it is refused with its own reason). */
export const IMPORTANCE_KEYS = knownKeys(
  ...MODEL,
  'paths',
  'seed',
  'substream',
  'pathOffset',
  'confidence',
  'batches',
  'pilotPaths',
  'threshold',
);
/** `QmcOptions`. */
export const QMC_KEYS = knownKeys(
  ...MODEL,
  'paths',
  'seed',
  'substream',
  'confidence',
  'replications',
  'randomization',
  'ordering',
);
/** `ShardJob.options`. */
export const SHARD_OPTION_KEYS = knownKeys(...MODEL, 'seed', 'substream');
/** The input of planShards. */
export const PLAN_KEYS = knownKeys('positions', 'market', 'options', 'totalPaths', 'confidence', 'shards');
/** `ShardJob`. */
export const JOB_KEYS = knownKeys('positions', 'market', 'options', 'pathOffset', 'paths', 'totalPaths', 'confidence');
/** `ShardResult`. */
export const RESULT_KEYS = knownKeys('pathOffset', 'paths', 'tail', 'sum', 'sumSq', 'blockSums');
/** `TailBufferState`. */
export const TAIL_STATE_KEYS = knownKeys('capacity', 'total', 'losses');
/** `SobolOptions`. */
export const SOBOL_KEYS = knownKeys('skip', 'randomization', 'seed', 'substream');
/** `NearestCorrelationOptions`. */
export const NEAREST_KEYS = knownKeys('tolerance', 'maxIterations', 'minEigenvalue');
