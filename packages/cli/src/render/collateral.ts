/** Collateral before and after the book's haircuts, by asset. */
import { groupedBarSpec } from '../charts.js';
import { fmtMoney } from '../format.js';
import { figure, note, section, table, unavailable } from './kit.js';
import type { SectionRenderer } from './kit.js';

export const collateral: SectionRenderer = {
  id: 'collateral',
  async html({ r, q }) {
    const c = r.sections.collateral;
    let body = note(c);
    if (c.available) {
      const byAsset = new Map<string, { market: number; after: number }>();
      for (const row of c.rows) {
        const x = byAsset.get(row.asset) ?? { market: 0, after: 0 };
        x.market += Number(row.value);
        x.after += Number(row.valueAfterHaircut);
        byAsset.set(row.asset, x);
      }
      const rows = [...byAsset].flatMap(([asset, v]) => [
        { group: asset, series: 'market value', value: v.market },
        { group: asset, series: 'after haircut', value: v.after },
      ]);
      if (rows.length)
        body += await figure(
          'collateral',
          groupedBarSpec(rows, 'Collateral before and after haircuts', q, 'value', {
            series: ['market value', 'after haircut'],
          }),
          'Haircut value = amount × price × (1 − haircut).',
        );
      body += table(
        ['asset', `>market value (${q})`, `>after haircut (${q})`],
        [...byAsset].map(([a, v]) => [a, fmtMoney(v.market), fmtMoney(v.after)]),
        {
          foot: [['total', fmtMoney(c.totalValue), fmtMoney(c.totalAfterHaircut)]],
        },
      );
    }
    return section('collateral', 'Collateral after haircuts', body);
  },
  text(r) {
    const q = r.book.quote;
    const s = r.sections;
    const out: string[] = [];
    out.push('', 'Collateral after haircuts');
    out.push(
      unavailable(s.collateral) ??
        (s.collateral.available
          ? `  ${fmtMoney(s.collateral.totalValue)} ${q} at market, ${fmtMoney(s.collateral.totalAfterHaircut)} ${q} after haircuts`
          : ''),
    );
    return out;
  },
};
