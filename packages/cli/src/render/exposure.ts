/** Exposure by underlying: gross notional per underlying and position kind. */
import { groupedBarSpec } from '../charts.js';
import { fmtMoney, textTable } from '../format.js';
import { figure, section, table } from './kit.js';
import type { SectionRenderer } from './kit.js';

export const exposure: SectionRenderer = {
  id: 'exposure',
  async html({ r, q }) {
    const rows = r.composition.byUnderlying.flatMap((u) =>
      Object.entries(u.byKind).map(([kind, v]) => ({ group: u.underlying, series: kind, value: v })),
    );
    const t = table(
      ['underlying', `>price (${q})`, '>positions', `>gross notional (${q})`],
      r.composition.byUnderlying.map((u) => [
        u.underlying,
        fmtMoney(u.price, 2),
        String(u.positions),
        fmtMoney(u.grossNotional),
      ]),
    );
    const chart = rows.length
      ? await figure(
          'exposure',
          groupedBarSpec(rows, 'Gross notional by underlying and kind', `notional (${q})`, 'kind'),
          'Gross notional: |q|·S for spot, linear contracts and options; USD face for inverse perps and futures.',
        )
      : '';
    return section('exposure', 'Exposure by underlying', t + chart);
  },
  text(r) {
    const q = r.book.quote;
    const out: string[] = [];
    out.push('', 'Exposure by underlying');
    out.push(
      textTable(
        ['underlying', '>price', '>positions', `>gross notional (${q})`],
        r.composition.byUnderlying.map((u) => [
          u.underlying,
          fmtMoney(u.price, 2),
          String(u.positions),
          fmtMoney(u.grossNotional),
        ]),
      ),
    );
    out.push(`  collateral at market (before haircuts): ${fmtMoney(r.composition.collateralMarketValue)} ${q}`);
    return out;
  },
};
