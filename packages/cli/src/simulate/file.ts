/**
 * The protocol file read by `riskcore simulate`: the protocol (accounts and cascade parameters), the market
 * dynamics, the simulation options and an optional cap search. The top level and the cap search are checked here
 * (strict keys with a did-you-mean, types); the protocol, market and simulation options are the library's inputs
 * of `simulateProtocolRisk` and `recommendCap`, validated by the library, whose error paths are renamed to the
 * file's spelling by {@link inFileTerms} (`options.paths` → `simulation.paths`, `options.budget` →
 * `capSearch.budget`).
 */
import {
  RiskInputError,
  checkNumber,
  checkObject,
  checkStrictObject,
  checkString,
  knownKeys,
  optionalNumber,
} from 'riskcore';
import type { Protocol, ProtocolMarket, ProtocolRiskOptions } from 'riskcore/stress';
import type { ParameterSweepSpec } from './sweep.js';
import { parseSweep } from './sweep.js';

/** The cap search of a protocol file (see `recommendCap` of riskcore/stress). */
export interface CapSearchSpec {
  asset: string;
  capOn: 'supply' | 'openInterest';
  /** Largest acceptable ES of bad debt (quote). */
  budget: number;
  /** Confidence of the ES: 0.99 or 0.999 (the levels the simulation reports). */
  confidence: 0.99 | 0.999;
  step?: number;
  maxMultiple?: number;
  errorMultiple?: number;
  /** Caps drawn on the capital-efficiency frontier, evenly spread over the searched grid (2 to 41); default 9. */
  frontierPoints: number;
}

/** A validated protocol file (the library parts still to be validated by the library). */
export interface ProtocolFile {
  name: string | null;
  description: string | null;
  /** The file says its data are made up (the embedded sample): the report labels it. */
  synthetic: boolean;
  quote: string;
  protocol: Protocol;
  market: ProtocolMarket;
  simulation: ProtocolRiskOptions;
  capSearch: CapSearchSpec | null;
  parameterSweep: ParameterSweepSpec | null;
}

const FILE_FIELDS = knownKeys(
  'name',
  'description',
  'synthetic',
  'quote',
  'protocol',
  'market',
  'simulation',
  'capSearch',
  'parameterSweep',
);
const CAP_FIELDS = knownKeys(
  'asset',
  'capOn',
  'budget',
  'confidence',
  'step',
  'maxMultiple',
  'errorMultiple',
  'frontierPoints',
);

const SIMULATION_FIELDS = knownKeys('paths', 'steps', 'dt', 'seed', 'batches', 'detail');

const optionalString = (v: unknown, path: string): string | null => (v === undefined ? null : checkString(v, path));

/** Validate the parts of a protocol file that are the CLI's own; `overrides` (flags) replace simulation fields. */
export function parseProtocolFile(doc: unknown, overrides: { paths?: number; seed?: number } = {}): ProtocolFile {
  const d = checkStrictObject(doc, '', FILE_FIELDS);
  if (d.synthetic !== undefined && typeof d.synthetic !== 'boolean')
    throw new RiskInputError('synthetic', 'true or false', d.synthetic);
  for (const k of ['protocol', 'market', 'simulation'] as const) {
    if (d[k] === undefined) throw new RiskInputError(k, `present (the ${k} section)`, undefined);
  }
  checkObject(checkObject(d.protocol, 'protocol').params, 'protocol.params');
  checkObject(d.market, 'market');
  // checked here too: the simulation options reach recommendCap beside the cap search's, so the library's path of
  // an unknown key could not tell which section it came from
  const sim = checkStrictObject(d.simulation, 'simulation', SIMULATION_FIELDS);
  let capSearch: CapSearchSpec | null = null;
  if (d.capSearch !== undefined) {
    const c = checkStrictObject(d.capSearch, 'capSearch', CAP_FIELDS);
    const confidence = optionalNumber(c.confidence, 'capSearch.confidence', 0.99);
    if (confidence !== 0.99 && confidence !== 0.999)
      throw new RiskInputError('capSearch.confidence', '0.99 or 0.999 (the levels the report shows)', c.confidence);
    if (c.capOn !== undefined && c.capOn !== 'supply' && c.capOn !== 'openInterest')
      throw new RiskInputError('capSearch.capOn', "'supply' or 'openInterest'", c.capOn);
    capSearch = {
      asset: checkString(c.asset, 'capSearch.asset'),
      capOn: (c.capOn as CapSearchSpec['capOn'] | undefined) ?? 'supply',
      budget: checkNumber(c.budget, 'capSearch.budget', { ge: 0 }),
      confidence,
      frontierPoints: optionalNumber(c.frontierPoints, 'capSearch.frontierPoints', 9, {
        ge: 2,
        le: 41,
        integer: true,
      }),
    };
    for (const k of ['step', 'maxMultiple', 'errorMultiple'] as const) {
      if (c[k] !== undefined) capSearch[k] = checkNumber(c[k], `capSearch.${k}`);
    }
  }
  return {
    name: optionalString(d.name, 'name'),
    description: optionalString(d.description, 'description'),
    synthetic: d.synthetic === true,
    quote: optionalString(d.quote, 'quote') ?? 'USD',
    protocol: d.protocol as Protocol,
    market: d.market as ProtocolMarket,
    simulation: {
      ...(sim as unknown as ProtocolRiskOptions),
      ...(overrides.paths !== undefined ? { paths: overrides.paths } : {}),
      ...(overrides.seed !== undefined ? { seed: overrides.seed } : {}),
    },
    capSearch,
    parameterSweep: d.parameterSweep === undefined ? null : parseSweep(d.parameterSweep, d.protocol as Protocol),
  };
}

/** Fields of the library's `options` that the file keeps under `capSearch` (the rest are under `simulation`). */
const CAP_OPTION_NAMES = new Set(['asset', 'capOn', 'budget', 'confidence', 'step', 'maxMultiple', 'errorMultiple']);

/** The file's name for a library path: `options.x` → `simulation.x` or `capSearch.x`; others unchanged. */
export function fileTermPath(path: string): string {
  const m = /^options(?:\.([A-Za-z]+))?(.*)$/.exec(path);
  if (!m) return path;
  if (m[1] === undefined) return `simulation${m[2]}`;
  return `${CAP_OPTION_NAMES.has(m[1]) ? 'capSearch' : 'simulation'}.${m[1]}${m[2]}`;
}

/** Run `f`, renaming the path of a library RiskInputError to the file's spelling. */
export function inFileTerms<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof RiskInputError)) throw e;
    const path = fileTermPath(e.path);
    if (path === e.path) throw e;
    const re = new RiskInputError(path, e.expected, e.value);
    re.message = e.message.startsWith(e.path) ? `${path}${e.message.slice(e.path.length)}` : re.message;
    throw re;
  }
}
