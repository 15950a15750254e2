/** Tier tables written as rows `[upTo, initialRate, maintenanceRate]`. Internal. */
import type { MarginTier } from '../paramsTypes.js';

/** Tiers from rows `[upTo, initialRate, maintenanceRate]` (`upTo: null` for the last, unbounded tier). */
export const tiers = (rows: Array<[number | null, number, number]>): MarginTier[] =>
  rows.map(([upTo, initialRate, maintenanceRate]) => ({ upTo, initialRate, maintenanceRate }));
