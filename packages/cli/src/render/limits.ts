/** The book's limits and their utilisation. */
import { fmtMoney, fmtPct, textTable } from '../format.js';
import { note, section, table } from './kit.js';
import type { SectionRenderer } from './kit.js';

export const limits: SectionRenderer = {
  id: 'limits',
  html({ r, q }) {
    const l = r.limits;
    let body = note(l);
    if (l.available) {
      body += table(
        ['limit', 'measured as', `>figure (${q})`, `>limit (${q})`, '>utilisation (%)', 'status'],
        l.rows.map((x) => [
          x.limit,
          x.measure,
          x.value === null ? '-' : fmtMoney(x.value),
          fmtMoney(x.amount),
          x.utilisation === null ? '-' : fmtPct(x.utilisation),
          x.value === null ? x.note : x.breached ? 'BREACH' : 'within',
        ]),
      );
    }
    return section('limits', 'Limits and utilisation', body);
  },
  text(r) {
    const q = r.book.quote;
    const out: string[] = [];
    if (r.limits.available) {
      out.push('', 'Limits');
      out.push(
        textTable(
          ['limit', `>figure (${q})`, `>limit (${q})`, '>utilisation', 'status'],
          r.limits.rows.map((x) => [
            x.limit,
            x.value === null ? '-' : fmtMoney(x.value),
            fmtMoney(x.amount),
            x.utilisation === null ? '-' : fmtPct(x.utilisation),
            x.value === null ? x.note : x.breached ? 'BREACH' : 'within',
          ]),
        ),
      );
    }
    return out;
  },
};
