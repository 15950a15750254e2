/** Stress: the price × vol grid as a heatmap and the worst scenarios. */
import { stressHeatmapSpec } from '../charts.js';
import { fmtMoney, fmtPct, textTable } from '../format.js';
import { clip, esc, figure, note, section, table, unavailable } from './kit.js';
import type { SectionRenderer } from './kit.js';

const volLabel = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)} vol pts`;

export const stress: SectionRenderer = {
  id: 'stress',
  async html({ r, q }) {
    const st = r.sections.stress;
    let body = note(st);
    if (st.available) {
      const pm = st.priceMoves.map((x) => fmtPct(x, 0));
      const vs = st.volShifts.map(volLabel);
      const cells = st.grid.map((c) => ({
        priceMove: fmtPct(c.priceMove, 0),
        volShift: volLabel(c.volShift),
        pnl: c.pnl,
      }));
      if (cells.length)
        body += await figure(
          'stress',
          stressHeatmapSpec(cells, pm, vs.slice().reverse(), `Equity change (${q}) by price move and vol shift`),
          `Equity change summed over the accounts (positions fully revalued, collateral at shocked prices after haircuts; riskcore/stress stressTest) when ${st.gridAssets.join(', ')} move together by the price move and their vols by the shift.`,
        );
      body += `<h3>Worst scenarios</h3>${table(
        ['scenario', `>equity change (${q})`, '>accounts liquidatable', 'window', 'source'],
        st.worst.map((w) => [w.scenario, fmtMoney(w.pnl), String(w.liquidatable), w.window ?? '', w.source ?? '']),
      )}`;
    }
    return section(
      'stress',
      `Stress: price × vol (accounts re-margined, ${esc(st.available ? st.method : '')} basis)`,
      body,
    );
  },
  text(r) {
    const q = r.book.quote;
    const s = r.sections;
    const out: string[] = [];
    out.push(
      '',
      `Worst stress scenarios (equity change over all accounts, re-margined ${s.stress.available ? s.stress.method : ''})`,
    );
    out.push(
      unavailable(s.stress) ??
        (s.stress.available
          ? textTable(
              ['scenario', `>equity change (${q})`, '>liquidatable', 'window'],
              s.stress.worst.map((w) => [
                w.scenario,
                fmtMoney(w.pnl),
                String(w.liquidatable),
                clip(w.window ?? w.source ?? '', 56),
              ]),
            )
          : ''),
    );
    return out;
  },
};
