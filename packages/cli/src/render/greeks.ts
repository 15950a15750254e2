/** Greeks by underlying, in the units the chart beside them uses. */
import { facetBarSpec } from '../charts.js';
import { fmtMoney, fmtNum, textTable } from '../format.js';
import { figure, note, section, table, unavailable } from './kit.js';
import type { SectionRenderer } from './kit.js';

export const greeks: SectionRenderer = {
  id: 'greeks',
  async html({ r, q }) {
    const s = r.sections.greeks;
    let body = note(s);
    if (s.available) {
      const g = s.byUnderlying;
      const measures = [
        `cash delta (${q})`,
        `cash gamma, 1% move (${q})`,
        `vega per vol point (${q})`,
        `theta per day (${q})`,
      ];
      const rows = g.flatMap((x) => [
        { measure: measures[0], group: x.underlying, value: x.cashDelta },
        { measure: measures[1], group: x.underlying, value: x.cashGamma },
        { measure: measures[2], group: x.underlying, value: x.vega / 100 },
        { measure: measures[3], group: x.underlying, value: x.theta / 365 },
      ]);
      if (g.length)
        body += await figure(
          'greeks',
          facetBarSpec(rows, 'Greeks by underlying', measures),
          'Cash delta = Δ·S; cash gamma = ½·Γ·S²·(1%)²; vega / 100; theta / 365. Each panel has its own scale.',
        );
      body += table(
        [
          'underlying',
          '>delta (coins)',
          `>cash delta (${q})`,
          `>gamma (coins per ${q})`,
          `>cash gamma, 1% move (${q})`,
          `>vega per vol point (${q})`,
          `>theta per day (${q})`,
          `>rho per 1% rate (${q})`,
        ],
        g.map((x) => [
          x.underlying,
          fmtNum(x.delta),
          fmtMoney(x.cashDelta),
          fmtNum(x.gamma),
          fmtMoney(x.cashGamma),
          fmtMoney(x.vega / 100),
          fmtMoney(x.theta / 365),
          fmtMoney(x.rho / 100),
        ]),
      );
    }
    return section('greeks', 'Greeks by underlying', body);
  },
  text(r) {
    const q = r.book.quote;
    const s = r.sections;
    const out: string[] = [];
    out.push('', `Greeks by underlying (${q} per unit move of spot; vega per 1.00 vol; theta per year)`);
    out.push(
      unavailable(s.greeks) ??
        (s.greeks.available
          ? textTable(
              ['underlying', '>delta', '>cash delta', '>gamma', '>vega', '>theta'],
              s.greeks.byUnderlying.map((g) => [
                g.underlying,
                fmtNum(g.delta),
                fmtMoney(g.cashDelta),
                fmtNum(g.gamma),
                fmtMoney(g.vega),
                fmtMoney(g.theta),
              ]),
            )
          : ''),
    );
    return out;
  },
};
