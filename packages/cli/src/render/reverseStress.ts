/** Reverse stress (distance to liquidation) and the delta hedge. */
import { fmtMoney, fmtNum, fmtPct, textTable } from '../format.js';
import { esc, note, section, table, unavailable } from './kit.js';
import type { SectionRenderer } from './kit.js';

export const reverseStress: SectionRenderer = {
  id: 'reverse-stress',
  html({ r, q }) {
    const rs = r.sections.reverseStress;
    let body = note(rs);
    if (rs.available) {
      const sc = rs.scope;
      body += `<p>Price of one underlying (others fixed) at which an account's cross pool falls to maintenance margin (${esc(rs.method)} basis, collateral after haircuts). ${sc.analysed < sc.of ? `The ${sc.analysed} accounts with the highest margin ratio of ${sc.of} (at most ${sc.limit} are analysed).` : `All ${sc.of} accounts.`}</p>`;
      body += table(
        [
          'account',
          'underlying',
          `>price (${q})`,
          `>liquidation below (${q})`,
          '>distance (%)',
          `>liquidation above (${q})`,
          '>distance (%)',
        ],
        rs.rows.map((x) =>
          x.status === 'liquidatable'
            ? [x.account, x.underlying, fmtMoney(x.price, 2), 'liquidatable now', '', '', '']
            : [
                x.account,
                x.underlying,
                fmtMoney(x.price, 2),
                x.below === null ? 'none' : fmtMoney(x.below, 2),
                x.distanceBelow === null ? '' : fmtPct(x.distanceBelow),
                x.above === null ? 'none' : fmtMoney(x.above, 2),
                x.distanceAbove === null ? '' : fmtPct(x.distanceAbove),
              ],
        ),
      );
      body += `<p>Smallest fall of all of an account's underlyings together that breaks it (riskcore/stress reverseStressTest):</p>`;
      body += table(
        ['account', 'target', '>all underlyings down by (%)', 'note'],
        rs.combined.map((x) => [x.account, x.target, x.shock === null ? '-' : fmtPct(x.shock), x.note]),
      );
    }
    return section(
      'reverse-stress',
      `Reverse stress: distance to liquidation (${esc(rs.available ? rs.method : '')} basis)`,
      body,
    );
  },
  text(r) {
    const s = r.sections;
    const out: string[] = [];
    out.push(
      '',
      `Reverse stress: distance to liquidation (${s.reverseStress.available ? s.reverseStress.method : ''} margin, one underlying moving, others fixed)`,
    );
    const sc = s.reverseStress.available ? s.reverseStress.scope : null;
    if (sc && sc.analysed < sc.of)
      out.push(
        `  the ${sc.analysed} accounts with the highest margin ratio of ${sc.of} (at most ${sc.limit} are analysed)`,
      );
    out.push(
      unavailable(s.reverseStress) ??
        (s.reverseStress.available
          ? textTable(
              ['account', 'underlying', '>price', '>liquidation below', '>distance', '>liquidation above', '>distance'],
              s.reverseStress.rows.map((x) =>
                x.status === 'liquidatable'
                  ? [x.account, x.underlying, fmtMoney(x.price, 2), 'liquidatable now', '', '', '']
                  : [
                      x.account,
                      x.underlying,
                      fmtMoney(x.price, 2),
                      x.below === null ? 'none' : fmtMoney(x.below, 2),
                      x.distanceBelow === null ? '' : fmtPct(x.distanceBelow),
                      x.above === null ? 'none' : fmtMoney(x.above, 2),
                      x.distanceAbove === null ? '' : fmtPct(x.distanceAbove),
                    ],
              ),
            ) +
            '\n\n' +
            textTable(
              ['account', 'target', '>all underlyings down by', 'note'],
              s.reverseStress.combined.map((x) => [
                x.account,
                x.target,
                x.shock === null ? '-' : fmtPct(x.shock),
                x.note,
              ]),
            )
          : ''),
    );
    return out;
  },
};

export const hedge: SectionRenderer = {
  id: 'hedge',
  html({ r, q }) {
    const h = r.sections.hedge;
    let hb = note(h);
    if (h.available) {
      hb += table(
        ['trade', '>quantity (units of the instrument)'],
        h.trades.map((t) => [t.instrument, fmtNum(t.quantity, 6)]),
      );
      hb += table(
        ['underlying', '>delta before (coins)', '>delta after (coins)'],
        h.byUnderlying.map((x) => [x.underlying, fmtNum(x.deltaBefore), fmtNum(x.deltaAfter)]),
      );
      hb += `<p>Solved ${esc(h.method)} (riskcore/stress hedge); ${h.neutral ? 'delta neutral' : 'not fully neutral with these instruments'}.`;
      if (h.stress)
        hb += ` Worst grid P&amp;L of the positions: ${esc(fmtMoney(h.stress.worstBefore))} ${q} before (${esc(h.stress.worstScenarioBefore)}), ${esc(fmtMoney(h.stress.worstAfter))} ${q} after (${esc(h.stress.worstScenarioAfter)}).`;
      hb += '</p>';
    }
    return section('hedge', 'Delta hedge', hb);
  },
  text(r) {
    const s = r.sections;
    const out: string[] = [];
    out.push('', 'Hedge that neutralises delta (riskcore/stress hedge)');
    if (!s.hedge.available) out.push(unavailable(s.hedge)!);
    else {
      const h = s.hedge;
      out.push(
        textTable(
          ['trade', '>quantity'],
          h.trades.map((t) => [t.instrument, fmtNum(t.quantity, 6)]),
        ),
      );
      out.push(
        textTable(
          ['underlying', '>delta before', '>delta after'],
          h.byUnderlying.map((x) => [x.underlying, fmtNum(x.deltaBefore), fmtNum(x.deltaAfter)]),
        ),
      );
      out.push(`  solved ${h.method}; ${h.neutral ? 'delta neutral' : 'not fully neutral with these instruments'}`);
      if (h.stress) {
        out.push(
          `  worst grid P&L of the positions: ${fmtMoney(h.stress.worstBefore)} before (${h.stress.worstScenarioBefore}), ${fmtMoney(h.stress.worstAfter)} after (${h.stress.worstScenarioAfter})`,
        );
      }
    }
    return out;
  },
};
