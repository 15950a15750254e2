/**
 * Internal: validation of {@link simulateProtocolRisk}'s protocol, market and options into the cascade engine's
 * shapes (src/stress/cascadeEngineTypes.ts) and the path model. Not exported from riskcore/stress.
 */
import { RiskInputError } from '../../core/errors.js';
import {
  checkArray,
  checkNumber,
  checkObject,
  checkStrictObject,
  joinPath,
  knownKeys,
  optionalNumber,
  ownValue,
} from '../../core/validate.js';
import { checkCorrelation } from '../../montecarlo/index.js';
import { choleskyPSD } from '../../montecarlo/internal.js';
import type { EngineAccount, EngineConfig } from '../cascadeEngineTypes.js';
import {
  PARAMS_FIELDS,
  engineConfig,
  priceBounds,
  validateAssetMarket,
  validateMultiAccounts,
  validateMultiAssets,
  validateSingleAccounts,
} from '../cascadeInputs.js';
import { validateImportanceSampling } from './importanceSampling.js';

/** Most paths of one run. */
export const MAX_PATHS = 1_000_000;
/** Most steps (cascade rounds) of a path. */
export const MAX_STEPS = 10_000;
/**
 * Most work units of one run: paths × steps × (accounts × assets + assets). About 10⁹ units is minutes of CPU on
 * one core; beyond this a run is refused with a RiskInputError naming `options.paths`.
 */
export const MAX_WORK = 1e9;

const PROTOCOL_FIELDS = knownKeys('accounts', 'params');
const MARKET_FIELDS = knownKeys('assets', 'correlation');
const DYNAMICS_FIELDS = knownKeys('vol', 'drift', 'jumpIntensity', 'jumpMean', 'jumpVol');
export const OPTION_FIELDS = knownKeys(
  'paths',
  'steps',
  'dt',
  'seed',
  'batches',
  'detail',
  'onProgress',
  'importanceSampling',
);
/** Fields of the cascade params that the simulation sets itself. */
const SET_BY_SIMULATION = ['path', 'shock', 'rounds', 'scenario', 'asset'] as const;

/** The validated protocol: engine accounts (sorted by id), the engine config without paths, the asset names. */
export interface ProtocolModel {
  accounts: EngineAccount[];
  cfg: EngineConfig;
  names: string[];
  single: boolean;
}

/** Per-asset path model, in the order of `names`; `chol` is the lower Cholesky factor (row-major). */
export interface PathModel {
  names: string[];
  vol: Float64Array;
  drift: Float64Array;
  lambda: Float64Array;
  jumpMean: Float64Array;
  jumpVol: Float64Array;
  chol: Float64Array;
}

export interface RunOptions {
  paths: number;
  steps: number;
  dt: number;
  seed: number;
  batches: number;
  detail: number;
  onProgress?: (done: number, total: number) => void;
  /** Tilt θ of each step's independent normals (importance sampling, ./importanceSampling.ts); absent: plain. */
  tilt?: Float64Array;
}

/** Re-raise a RiskInputError of the cascade's validators under `protocol.`. */
function underProtocol<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof RiskInputError)) throw e;
    const path = joinPath('protocol', e.path);
    const re = new RiskInputError(path, e.expected, e.value);
    re.message = e.path === '' ? re.message : `protocol.${e.message}`;
    throw re;
  }
}

/** Codepoint order of ids (not locale dependent). */
const byId = (x: EngineAccount, y: EngineAccount) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/**
 * The protocol: accounts and cascade params validated by the cascade's own validators, then sorted by id (ids must
 * be unique) so that the result does not depend on the order the accounts are given in.
 */
export function validateProtocol(protocol: unknown): ProtocolModel {
  const pr = checkStrictObject(protocol, 'protocol', PROTOCOL_FIELDS);
  const po = underProtocol(() => checkStrictObject(pr.params, 'params', PARAMS_FIELDS));
  for (const f of SET_BY_SIMULATION) {
    if (po[f] !== undefined) {
      throw new RiskInputError(`protocol.params.${f}`, 'absent (the simulation sets the paths and rounds)', po[f]);
    }
  }
  const single = po.assets === undefined;
  const { accounts, assets } = underProtocol(() => {
    if (single) {
      const { minFrac, maxMult } = priceBounds(po);
      const a = validateAssetMarket(po, 'params', '', null, minFrac, maxMult);
      return { accounts: validateSingleAccounts(pr.accounts), assets: [a] };
    }
    const as = validateMultiAssets(po, null);
    return {
      accounts: validateMultiAccounts(
        pr.accounts,
        as.map((a) => a.name),
      ).accs,
      assets: as,
    };
  });
  const cfg = underProtocol(() => engineConfig(po, assets));
  const seen = new Map<string, number>();
  accounts.forEach((a, i) => {
    if (seen.has(a.id)) {
      throw new RiskInputError(`protocol.accounts[${i}].id`, `unique (accounts[${seen.get(a.id)}] has it)`, a.id);
    }
    seen.set(a.id, i);
  });
  const sorted = accounts.slice().sort(byId);
  sorted.forEach((a, i) => {
    a.idx = i;
  });
  return { accounts: sorted, cfg, names: assets.map((a) => a.name), single };
}

/**
 * The market: dynamics for exactly the protocol's assets (one asset under any name for a single-asset protocol),
 * and the correlation of the Brownian increments (order of `market.assets`' keys).
 */
export function validateMarket(market: unknown, model: ProtocolModel): PathModel {
  const mo = checkStrictObject(market, 'market', MARKET_FIELDS);
  const ao = checkObject(mo.assets, 'market.assets');
  const keys = Object.keys(ao);
  if (model.single) {
    if (keys.length !== 1) throw new RiskInputError('market.assets', 'one asset (the protocol has one)', mo.assets);
    model.names = keys;
  } else {
    for (const k of keys) {
      if (!model.names.includes(k)) {
        throw new RiskInputError(joinPath('market.assets', k), 'an asset of protocol.params.assets', ao[k]);
      }
    }
    for (const n of model.names) {
      if (ownValue(ao, n) === undefined) {
        throw new RiskInputError(joinPath('market.assets', n), 'the dynamics of this protocol asset', undefined);
      }
    }
  }
  const n = keys.length;
  const pm: PathModel = {
    names: keys,
    vol: new Float64Array(n),
    drift: new Float64Array(n),
    lambda: new Float64Array(n),
    jumpMean: new Float64Array(n),
    jumpVol: new Float64Array(n),
    chol: new Float64Array(n * n),
  };
  keys.forEach((k, i) => {
    const at = joinPath('market.assets', k);
    const d = checkStrictObject(ao[k], at, DYNAMICS_FIELDS);
    pm.vol[i] = checkNumber(d.vol, joinPath(at, 'vol'), { ge: 0, le: 10 });
    pm.drift[i] = optionalNumber(d.drift, joinPath(at, 'drift'), 0, { ge: -10, le: 10 });
    pm.lambda[i] = optionalNumber(d.jumpIntensity, joinPath(at, 'jumpIntensity'), 0, { ge: 0, le: 1000 });
    pm.jumpMean[i] = optionalNumber(d.jumpMean, joinPath(at, 'jumpMean'), 0, { ge: -5, le: 5 });
    pm.jumpVol[i] = optionalNumber(d.jumpVol, joinPath(at, 'jumpVol'), 0, { ge: 0, le: 5 });
  });
  let corr: number[][];
  if (mo.correlation === undefined) corr = keys.map((_, i) => keys.map((_, j) => (i === j ? 1 : 0)));
  else {
    const rows = checkArray(mo.correlation, 'market.correlation', n);
    if (rows.length !== n) {
      throw new RiskInputError('market.correlation', `an ${n} × ${n} matrix (one row per asset)`, mo.correlation);
    }
    corr = checkCorrelation(mo.correlation, 'market.correlation');
  }
  pm.chol = choleskyPSD(corr);
  return pm;
}

/**
 * The run options, with the work bound paths × steps × (accounts × assets + assets) ≤ {@link MAX_WORK}, and the
 * importance-sampling tilt against the market `pm`.
 */
export function validateOptions(options: unknown, accounts: number, assets: number, pm: PathModel): RunOptions {
  const o = checkStrictObject(options, 'options', OPTION_FIELDS);
  const paths = checkNumber(o.paths, 'options.paths', { ge: 1, le: MAX_PATHS, integer: true });
  const steps = checkNumber(o.steps, 'options.steps', { ge: 1, le: MAX_STEPS, integer: true });
  const dt = checkNumber(o.dt, 'options.dt', { gt: 0, le: 1 });
  const seed = checkNumber(o.seed, 'options.seed', { ge: 0, lt: 2 ** 32, integer: true });
  const batches = optionalNumber(o.batches, 'options.batches', 20, { ge: 2, le: 1000, integer: true });
  const detail = optionalNumber(o.detail, 'options.detail', 0, { ge: 0, le: 100, integer: true });
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new RiskInputError('options.onProgress', 'a function', o.onProgress);
  }
  const work = paths * steps * (accounts * assets + assets);
  if (work > MAX_WORK) {
    throw new RiskInputError(
      'options.paths',
      `at most ${Math.floor(MAX_WORK / (steps * (accounts * assets + assets)))} paths for ${accounts} accounts × ${assets} assets × ${steps} steps`,
      paths,
      `paths × steps × (accounts × assets + assets) is bounded by ${MAX_WORK}; sample the book or use fewer steps`,
    );
  }
  const onProgress = o.onProgress as RunOptions['onProgress'];
  const tilt = validateImportanceSampling(o.importanceSampling, pm, dt, steps);
  return { paths, steps, dt, seed, batches, detail, ...(onProgress ? { onProgress } : {}), ...(tilt ? { tilt } : {}) };
}
