/**
 * VaR attribution: where the historical tail loss comes from. riskcore/es `esContributions` (Euler, Acerbi–Tasche)
 * on the P&L of each position under the book's historical moves; the contributions sum to the historical ES, and
 * by underlying they are the sums over that underlying's positions. The delta-normal component VaR (Euler
 * allocation of the parametric VaR, riskcore/var `deltaNormalVaR`) is shown beside them per underlying.
 */
import type { Position } from 'riskcore';
import { esContributions } from 'riskcore/es';
import type { Book } from '../book.js';
import type { AttributionSection } from '../results.js';

/** Positions listed one by one in the attribution; the rest are summed into one "other positions" row. */
export const ATTRIBUTION_POSITIONS = 15;

/** A short label for a position: where it sits and what it is. */
export function positionLabel(book: Book, i: number): string {
  const e = book.entries[i];
  const a = book.file.accounts[e.account];
  const where = e.subAccount === undefined ? a.id : `${a.id}/${a.subAccounts![e.subAccount].id}`;
  const p = e.position;
  const what =
    p.kind === 'option'
      ? `${p.underlying} ${p.type} ${p.strike} ${(p.expiry * 365).toFixed(0)}d`
      : p.kind === 'future'
        ? `${p.underlying} future ${(p.expiry * 365).toFixed(0)}d`
        : `${p.underlying} ${p.kind}`;
  const inverse = 'settlement' in p && p.settlement === 'inverse' ? ' inverse' : '';
  return `${where}: ${p.quantity} ${what}${inverse}`;
}

export function attributionSection(
  book: Book,
  positions: Position[],
  pnlByPosition: Float64Array[],
  confidence: number,
  componentVaR: { underlying: string; componentVaR: number }[] | null,
): AttributionSection {
  const r = esContributions(pnlByPosition, { confidence });
  const rows = positions.map((p, i) => ({
    position: positionLabel(book, i),
    underlying: p.underlying,
    esContribution: r.contributions[i],
  }));
  const byU = new Map<string, number>();
  for (const row of rows) byU.set(row.underlying, (byU.get(row.underlying) ?? 0) + row.esContribution);
  const order = rows
    .map((_, i) => i)
    .sort((a, b) => Math.abs(rows[b].esContribution) - Math.abs(rows[a].esContribution));
  const top = order.slice(0, ATTRIBUTION_POSITIONS).map((i) => rows[i]);
  const rest = order.slice(ATTRIBUTION_POSITIONS);
  const cv = new Map((componentVaR ?? []).map((c) => [c.underlying, c.componentVaR]));
  return {
    method: 'Euler ES contributions on the historical scenarios (riskcore/es esContributions)',
    var: r.var,
    es: r.es,
    byPosition: top,
    otherPositions: rest.length
      ? { count: rest.length, esContribution: rest.reduce((s, i) => s + rows[i].esContribution, 0) }
      : null,
    byUnderlying: [...byU]
      .sort((a, b) => b[1] - a[1])
      .map(([underlying, esContribution]) => ({
        underlying,
        esContribution,
        componentVaR: cv.get(underlying) ?? null,
      })),
  };
}
