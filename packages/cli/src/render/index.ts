/**
 * The report's sections in order. A section is one renderer file here (its HTML from the results) plus its
 * computation in ../sections/ and its result type in ../results.ts; adding one means adding it to this list.
 */
import { cascade } from './cascade.js';
import { collateral } from './collateral.js';
import { exposure } from './exposure.js';
import { greeks } from './greeks.js';
import { history } from './history.js';
import type { SectionRenderer } from './kit.js';
import { limits } from './limits.js';
import { margin } from './margin.js';
import { hedge, reverseStress } from './reverseStress.js';
import { risk } from './risk.js';
import { stress } from './stress.js';

export const SECTIONS: readonly SectionRenderer[] = [
  exposure,
  limits,
  risk,
  stress,
  margin,
  greeks,
  collateral,
  reverseStress,
  hedge,
  cascade,
  history,
];

/** The sections of the terminal summary, in its order. */
export const TEXT_SECTIONS: readonly SectionRenderer[] = [
  exposure,
  margin,
  limits,
  collateral,
  risk,
  greeks,
  stress,
  reverseStress,
  hedge,
  cascade,
];
