/**
 * Internal: validation of {@link simulateLendingCascade}'s context. The protocol's market and the positions are
 * validated by the protocol's own readers (./aave.ts, ./comet.ts, ./morpho.ts, ./euler.ts, through the lending
 * module); here the protocol, the rounds, moves, oracles, depth and liquidators, against the protocol's assets.
 */
import { RiskInputError } from '../../core/errors.js';
import {
  checkArray,
  checkKeys,
  checkNumber,
  checkObject,
  checkStrictObject,
  joinPath,
  knownKeys,
  ownValue,
} from '../../core/validate.js';
import type { CometMarket, EulerVault, LendingMarketParams, MorphoBlueMarket } from '../../lending/index.js';
import { validateOracle } from '../cascadeInputs.js';
import { aaveState } from './aave.js';
import { cometState } from './comet.js';
import { eulerState } from './euler.js';
import { morphoState } from './morpho.js';
import type { PriceTrack } from './prices.js';
import type { ProtocolState } from './protocolState.js';
import type { LendingCascadeProtocol } from './types.js';

const COMMON = ['protocol', 'rounds', 'moves', 'oracle', 'depth', 'liquidators'];
const KEYS: Record<LendingCascadeProtocol, ReturnType<typeof knownKeys>> = {
  'aave-v3': knownKeys(...COMMON, 'market', 'prices', 'eMode'),
  'compound-v3': knownKeys(...COMMON, 'market', 'targetReserves'),
  'morpho-blue': knownKeys(...COMMON, 'market'),
  'euler-v2': knownKeys(...COMMON, 'vault'),
};
const ALL_KEYS = knownKeys(...COMMON, 'market', 'prices', 'eMode', 'targetReserves', 'vault');
const LIQUIDATOR_KEYS = knownKeys('gasCost', 'capacity');
/** At most this many rounds (each round re-prices and re-tests every position). */
export const MAX_ROUNDS = 1000;

/** The validated run: the protocol's state, the price tracks, rounds and liquidators. */
export interface LendingRun {
  state: ProtocolState;
  tracks: PriceTrack[];
  rounds: number;
  gasCost: bigint;
  capacity: number;
}

function bigintAtLeast(value: unknown, path: string, min: bigint): bigint {
  if (typeof value !== 'bigint' || value < min) throw new RiskInputError(path, `a bigint >= ${min}n`, value);
  return value;
}

/** A record keyed by the protocol's (movable) asset names. */
function assetRecord(value: unknown, path: string, names: readonly string[]): Record<string, unknown> {
  if (value === undefined) return {};
  const o = checkObject(value, path);
  checkKeys(o, path, new Set(names));
  return o;
}

/** Validates the context and positions; returns the run. */
export function readLendingRun(positions: unknown, context: unknown): LendingRun {
  const c0 = checkObject(context, 'context');
  const protocol = c0.protocol;
  if (typeof protocol !== 'string' || !Object.hasOwn(KEYS, protocol)) {
    // a misspelt key (`protocl`) is named as such first
    checkStrictObject(context, 'context', ALL_KEYS);
    throw new RiskInputError(
      'context.protocol',
      `one of ${Object.keys(KEYS)
        .map((k) => `'${k}'`)
        .join(', ')}`,
      protocol,
    );
  }
  const c = checkStrictObject(context, 'context', KEYS[protocol as LendingCascadeProtocol]);
  let state: ProtocolState;
  if (protocol === 'aave-v3') {
    const eMode = c.eMode === undefined ? 0 : checkNumber(c.eMode, 'context.eMode', { ge: 0, le: 255, integer: true });
    state = aaveState(positions, c.market as LendingMarketParams, c.prices as Record<string, string>, eMode);
  } else if (protocol === 'compound-v3') {
    const target =
      c.targetReserves === undefined ? null : bigintAtLeast(c.targetReserves, 'context.targetReserves', 0n);
    state = cometState(positions, c.market as CometMarket, target);
  } else if (protocol === 'morpho-blue') state = morphoState(positions, c.market as MorphoBlueMarket);
  else state = eulerState(positions, c.vault as EulerVault);
  const rounds = checkNumber(c.rounds, 'context.rounds', { ge: 1, le: MAX_ROUNDS, integer: true });
  const movable = state.assets.filter((a) => !a.fixed).map((a) => a.name);
  const moves = assetRecord(c.moves, 'context.moves', movable);
  const oracle = assetRecord(c.oracle, 'context.oracle', movable);
  const depth = assetRecord(c.depth, 'context.depth', movable);
  const tracks = state.assets.map((asset): PriceTrack => {
    const n = asset.name;
    const mp = joinPath('context.moves', n);
    const mv = ownValue(moves, n);
    const list =
      mv === undefined ? [] : checkArray(mv, mp).map((x, i) => checkNumber(x, joinPath(mp, i), { gt: -1, le: 10 }));
    const d = ownValue(depth, n);
    return {
      asset,
      moves: list,
      oracle: validateOracle(ownValue(oracle, n), joinPath('context.oracle', n)),
      depth: d === undefined ? null : bigintAtLeast(d, joinPath('context.depth', n), 1n),
    };
  });
  const l = checkStrictObject(c.liquidators, 'context.liquidators', LIQUIDATOR_KEYS);
  const gasCost = bigintAtLeast(l.gasCost, 'context.liquidators.gasCost', 0n);
  const capacity =
    l.capacity === undefined
      ? Number.POSITIVE_INFINITY
      : checkNumber(l.capacity, 'context.liquidators.capacity', { ge: 0, integer: true });
  return { state, tracks, rounds, gasCost, capacity };
}
