/**
 * A fill applied to the engine's columns: the position's new quantity and entry ({@link fillOutcome}; an option's
 * premium moves the cash as a spot trade does), the slot chained at its canonical place, its cached figures
 * refreshed, and (portfolio method) the account's groups recomputed. Option fills intern their shared instrument.
 * Internal file of riskcore/engine.
 */
import { RiskInputError } from '../core/errors.js';
import type { Money } from '../core/money.js';
import type { MarginContext } from '../netting/internal.js';
import type { Columns } from './columns.js';
import { KIND_FUTURE, KIND_OPTION, KIND_PERP, KIND_SPOT } from './columns.js';
import type { ValidInstrument } from './events.js';
import { fillOutcome } from './fill.js';
import type { FigureContext } from './figures.js';
import { keyDeltaOne, refreshSlot } from './figures.js';
import type { IdIndex } from './idIndex.js';
import { isPortfolio } from './portfolio.js';
import { refreshGroups } from './portfolioRow.js';
import type { OptionTerms } from './instruments.js';
import type { PortfolioState } from './portfolioState.js';

/** What a fill reads and changes of the engine. */
export interface FillHost {
  c: Columns;
  fc: FigureContext;
  scale: Money;
  rows: Pick<IdIndex, 'get'>;
  undIndex: Map<string, number>;
  row(id: string): number;
  context(): MarginContext;
}

/** The stored kind of an instrument kind. */
export function kindCode(kind: ValidInstrument['kind']): number {
  return kind === 'spot' ? KIND_SPOT : kind === 'perp' ? KIND_PERP : kind === 'future' ? KIND_FUTURE : KIND_OPTION;
}

/**
 * The portfolio state for an option instrument, after checking the engine can hold it (method `'auto'` or
 * `'portfolio'`, a vol or smile of the underlying). Errors name `<path>.kind` / `<path>.underlying`.
 */
export function optionState(fc: FigureContext, ins: ValidInstrument, path: string): PortfolioState {
  const pm = fc.pm;
  if (pm === null)
    throw new RiskInputError(
      `${path}.kind`,
      "spot, perp or future (options are margined by the portfolio method: create the engine with method 'auto' or 'portfolio')",
      ins.kind,
    );
  const a = fc.market.assets[ins.underlying];
  if (a.vol === undefined && a.smile === undefined)
    throw new RiskInputError(
      `${path}.underlying`,
      'an underlying with a vol or smile in the engine market',
      ins.underlying,
    );
  return pm;
}

/** The option terms of a validated option instrument. */
export function optionTerms(undIndex: Map<string, number>, ins: ValidInstrument): OptionTerms {
  const und = undIndex.get(ins.underlying) as number;
  return { und, put: ins.put, strike: ins.strike, expiry: ins.expiry, inverse: ins.inverse, model: ins.model };
}

/** Apply a fill; returns the row it changed, or a reason it was refused (nothing changed then). */
export function applyFill(
  host: FillHost,
  e: ValidInstrument & { account: string; quantity: number; price: number },
  path: string,
): number | string {
  const { c, fc } = host;
  const had = host.rows.get(e.account);
  const kind = kindCode(e.kind);
  const und = host.undIndex.get(e.underlying) as number;
  const inv = e.inverse ? 1 : 0;
  // an option's instrument: registered only once the fill is accepted (a refused event leaves no trace)
  const book = kind === KIND_OPTION ? optionState(fc, e, `${path}.instrument`).book : null;
  let inst = book ? book.lookup(optionTerms(host.undIndex, e)) : -1;
  let s = had === undefined || (book && inst < 0) ? -1 : c.find(had, und, kind, inv, e.expiry, inst);
  const out = fillOutcome(
    kind === KIND_SPOT || kind === KIND_OPTION,
    e.inverse,
    s >= 0 ? c.pQty[s] : 0,
    s >= 0 ? c.pEntry[s] : Number.NaN,
    e.quantity,
    e.price,
    host.scale,
  );
  const cash = (had === undefined ? 0n : c.cash[0][had]) + out.cashDelta;
  if (cash < 0n) return 'the settlement cash does not cover the fill';
  if (book && inst < 0) inst = book.intern(optionTerms(host.undIndex, e), host.context(), fc.underlyings);
  const r = host.row(e.account);
  c.cash[0][r] = cash;
  if (out.quantity === 0) {
    if (s >= 0) {
      if (book) {
        book.hold(inst, -1);
        c.nOpt[r]--;
      }
      c.removePosition(s);
    }
  } else {
    if (s < 0) {
      s = c.addPosition(r, und, kind, inv, e.expiry, inst);
      if (book) {
        c.pEntry[s] = e.strike;
        c.pCode[s] = book.code[inst];
        c.pHash[s] = book.hash[inst];
        book.hold(inst, 1);
        c.nOpt[r]++;
      }
    } else c.unlink(s);
    c.pQty[s] = out.quantity;
    if (!book) {
      c.pEntry[s] = out.entry;
      keyDeltaOne(c, s);
    }
    c.link(r, s);
    refreshSlot(c, s, fc);
  }
  if (fc.pm !== null && isPortfolio(c, fc, r)) refreshGroups(c, fc, fc.pm, r);
  return r;
}
