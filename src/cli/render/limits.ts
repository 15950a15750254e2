/** The book's limits and their utilisation. */
import { fmtMoney, fmtPct } from '../format.js';
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
        l.rows.map((x) => [x.limit, x.measure, x.value === null ? '-' : fmtMoney(x.value), fmtMoney(x.amount), x.utilisation === null ? '-' : fmtPct(x.utilisation), x.value === null ? x.note : x.breached ? 'BREACH' : 'within']),
      );
    }
    return section('limits', 'Limits and utilisation', body);
  },
};
