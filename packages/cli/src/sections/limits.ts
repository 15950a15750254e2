/**
 * Risk limits and their utilisation. The book's optional `limits` block is read here as `unknown` and validated
 * field by field (RiskInputError paths `limits.var`, `limits.initialMargin`, …): every limit is a positive amount
 * in the quote currency, compared with the report's own figure for it.
 */
import { checkKeys, checkNumber, checkObject, knownKeys } from 'riskcore';
import type { LimitsSection, ReportResults, Section } from '../results.js';

/** The limits a book may set, what each is compared with, and where the figure comes from. */
export const LIMIT_FIELDS = {
  var: 'Monte Carlo VaR at the report confidence and horizon',
  es: 'Monte Carlo ES at the report confidence and horizon',
  historicalVar: 'historical VaR at the report confidence and horizon',
  initialMargin: 'initial margin under the health method, summed over the accounts',
  grossNotional: 'gross notional of the positions',
  stressLoss: 'largest equity loss of the stress scenarios',
} as const;
export type LimitName = keyof typeof LIMIT_FIELDS;
const KNOWN = knownKeys(...(Object.keys(LIMIT_FIELDS) as LimitName[]));

/** Validate a `limits` block: an object of positive finite amounts with known names. */
export function parseLimits(raw: unknown): Partial<Record<LimitName, number>> {
  const o = checkObject(raw, 'limits');
  checkKeys(o, 'limits', KNOWN);
  const out: Partial<Record<LimitName, number>> = {};
  for (const k of Object.keys(o) as LimitName[]) out[k] = checkNumber(o[k], `limits.${k}`, { gt: 0 });
  return out;
}

/** The report figure a limit is compared with (a positive amount), or why there is none. */
function figure(name: LimitName, r: Pick<ReportResults, 'sections' | 'composition'>): number | string {
  const s = r.sections;
  switch (name) {
    case 'var':
    case 'es':
      if (!s.risk.available || !s.risk.monteCarlo.available) return 'no Monte Carlo figure';
      return name === 'var' ? s.risk.monteCarlo.var : s.risk.monteCarlo.es;
    case 'historicalVar':
      return s.risk.available && s.risk.historical.available ? s.risk.historical.var : 'no historical figure';
    case 'initialMargin':
      return s.margin.available ? Number(s.margin.health.totals.initialMargin) : 'no margin figure';
    case 'grossNotional':
      return r.composition.byUnderlying.reduce((a, u) => a + u.grossNotional, 0);
    case 'stressLoss':
      return s.stress.available && s.stress.worst.length ? Math.max(0, -s.stress.worst[0].pnl) : 'no stress figure';
  }
}

/** Utilisation of each limit the book sets; unavailable when it sets none. */
export function limitsSection(
  raw: unknown,
  r: Pick<ReportResults, 'sections' | 'composition'>,
): Section<LimitsSection> {
  if (raw === undefined) return { available: false, reason: 'the book sets no limits' };
  const limits = parseLimits(raw);
  const rows = (Object.keys(limits) as LimitName[]).map((name) => {
    const limit = limits[name]!;
    const v = figure(name, r);
    return typeof v === 'string'
      ? {
          limit: name,
          measure: LIMIT_FIELDS[name],
          value: null,
          amount: limit,
          utilisation: null,
          breached: false,
          note: v,
        }
      : {
          limit: name,
          measure: LIMIT_FIELDS[name],
          value: v,
          amount: limit,
          utilisation: v / limit,
          breached: v > limit,
          note: '',
        };
  });
  return { available: true, rows };
}
