/** The terminal summary of a report: the header here, each section's text from its renderer (render/index.ts). */
import { fmtMoney, fmtPct } from './format.js';
import { TEXT_SECTIONS } from './render/index.js';
import type { ReportResults } from './results.js';

/** Render the summary as plain text (no colour codes). */
export function formatSummary(r: ReportResults): string {
  const _q = r.book.quote;
  const out: string[] = [];
  const b = r.book;
  out.push(`riskcore report: ${b.name ?? b.file}${b.asOf ? ` (as of ${b.asOf})` : ''}`);
  out.push(
    `book: ${b.accounts} account${b.accounts === 1 ? '' : 's'}, ${b.subAccounts} sub-account${b.subAccounts === 1 ? '' : 's'}, ${b.positions} positions; ` +
      `assets ${b.assets.join(', ')}; ${b.historyObservations ? `${b.historyObservations} days of price history` : 'no price history'}`,
  );
  const p = r.parameters;
  if (b.syntheticHistory)
    out.push('SYNTHETIC DATA: the price history of this book is generated sample data, not market prices');
  out.push(
    `parameters: confidence ${fmtPct(p.confidence, 1)}, horizon ${p.horizonDays} day${p.horizonDays === 1 ? '' : 's'}, ${fmtMoney(p.paths)} Monte Carlo paths, seed ${p.seed}`,
  );

  for (const sec of TEXT_SECTIONS) out.push(...sec.text!(r));
  return `${out.join('\n')}\n`;
}
