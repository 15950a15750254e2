/**
 * VaR and ES: every figure with its method note and standard error where it has one, one line on why the methods
 * differ, the P&L histogram, the ES attribution by position and underlying, and the backtest of the VaR models.
 */
import { pnlHistogramSpec } from '../charts.js';
import { fmtMoney, fmtNum, fmtPct, textTable } from '../format.js';
import type { Section } from '../results.js';
import { esc, figure, note, section, table, unavailable } from './kit.js';
import type { SectionRenderer } from './kit.js';

export const risk: SectionRenderer = {
  id: 'var',
  async html({ r, q }) {
    const p = r.parameters;
    const rk = r.sections.risk;
    let body = note(rk);
    if (rk.available) {
      const se = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : fmtMoney(x));
      const row = (name: string, x: Section<{ var: number; es: number }>, seVar: string, seEs: string, why: string) =>
        x.available
          ? [name, fmtMoney(x.var), seVar, fmtMoney(x.es), seEs, why]
          : [name, '-', '-', '-', '-', `unavailable: ${(x as { reason: string }).reason}`];
      const h = rk.historical;
      const pa = rk.parametric;
      const mc = rk.monteCarlo;
      body += table(
        ['method', `>VaR (${q})`, `>VaR std error (${q})`, `>ES (${q})`, `>ES std error (${q})`, 'note'],
        [
          row(
            'historical',
            h,
            'n/a',
            'n/a',
            h.available ? `today's book fully revalued under ${h.observations} past ${p.horizonDays}-day moves` : '',
          ),
          row('parametric', pa, 'n/a', 'n/a', pa.available ? pa.method : ''),
          row(
            'Monte Carlo',
            mc,
            mc.available ? se(mc.varStdError) : '',
            mc.available ? se(mc.esStdError) : '',
            mc.available
              ? `${fmtMoney(mc.paths)} paths, seed ${mc.seed}, full revaluation; batch-means standard errors`
              : '',
          ),
        ],
      );
      body += `<p class="methods">${esc(rk.methodsNote)}</p>`;
      if (mc.available) {
        const marks = [
          { label: `MC VaR ${fmtPct(p.confidence)}`, pnl: -mc.var },
          { label: `MC ES ${fmtPct(p.confidence)}`, pnl: -mc.es },
        ];
        if (h.available) marks.push({ label: 'historical VaR', pnl: -h.var });
        if (pa.available) marks.push({ label: 'parametric VaR', pnl: -pa.var });
        body += await figure(
          'pnl',
          pnlHistogramSpec(
            mc.histogram,
            marks,
            `Monte Carlo P&L (${q}) over ${p.horizonDays} day(s), ${fmtMoney(mc.paths)} paths`,
          ),
          'Rules mark the loss thresholds (P&L = −VaR, −ES).',
        );
      }
      const at = rk.attribution;
      body += `<h3 id="attribution">VaR attribution</h3>${note(at)}`;
      if (at.available) {
        body += `<p>${esc(at.method)}: contributions to the historical ES of ${esc(fmtMoney(at.es))} ${q} (VaR ${esc(fmtMoney(at.var))} ${q}); they sum to the ES. Positive adds to the loss.</p>`;
        body += table(
          ['underlying', `>ES contribution (${q})`, '>share of ES (%)', `>delta-normal component VaR (${q})`],
          at.byUnderlying.map((u) => [
            u.underlying,
            fmtMoney(u.esContribution),
            at.es === 0 ? '-' : fmtPct(u.esContribution / at.es),
            u.componentVaR === null ? '-' : fmtMoney(u.componentVaR),
          ]),
          {
            foot: [
              [
                'total',
                fmtMoney(at.byUnderlying.reduce((s, u) => s + u.esContribution, 0)),
                at.es === 0 ? '-' : fmtPct(1),
                pa.available ? fmtMoney(pa.var) : '-',
              ],
            ],
          },
        );
        const rows = at.byPosition.map((x) => [
          x.position,
          fmtMoney(x.esContribution),
          at.es === 0 ? '-' : fmtPct(x.esContribution / at.es),
        ]);
        if (at.otherPositions)
          rows.push([
            `${at.otherPositions.count} other positions`,
            fmtMoney(at.otherPositions.esContribution),
            at.es === 0 ? '-' : fmtPct(at.otherPositions.esContribution / at.es),
          ]);
        body += table(['position', `>ES contribution (${q})`, '>share of ES (%)'], rows);
      }
      const bt = rk.backtest;
      body += `<h3 id="backtest">Backtest of the VaR models on the price history</h3>${note(bt)}`;
      if (bt.available) {
        body += `<p>Today's book revalued under each day of the history gives a daily P&amp;L series; each model forecasts the next day's ${fmtPct(bt.confidence)} VaR from the trailing ${bt.window} days (riskcore/var rollingBacktest). Kupiec tests the number of exceptions, Christoffersen their independence; the traffic light is Basel's.</p>`;
        body += table(
          [
            'model',
            '>days tested',
            '>expected exceptions',
            '>exceptions',
            '>Kupiec p-value',
            '>independence p-value',
            'traffic light',
          ],
          bt.rows.map((x) => [
            x.model,
            String(x.observations),
            fmtNum(x.expected, 3),
            String(x.exceedances),
            fmtNum(x.kupiecPValue, 3),
            fmtNum(x.independencePValue, 3),
            x.trafficLight,
          ]),
        );
      }
    }
    return section('var', `P&amp;L distribution, VaR and ES (${fmtPct(p.confidence)}, ${p.horizonDays}-day)`, body);
  },
  text(r) {
    const q = r.book.quote;
    const s = r.sections;
    const p = r.parameters;
    const out: string[] = [];
    out.push('', `VaR and ES (${fmtPct(p.confidence, 1)}, ${p.horizonDays}-day, positive = loss, ${q})`);
    if (!s.risk.available) out.push(unavailable(s.risk)!);
    else {
      const rows: string[][] = [];
      const add = (name: string, sec: Section<{ var: number; es: number }>, note: (x: never) => string) =>
        rows.push(
          sec.available
            ? [name, fmtMoney(sec.var), fmtMoney(sec.es), note(sec as never)]
            : [name, '-', '-', (sec as { reason: string }).reason],
        );
      add('historical', s.risk.historical, (x: { observations: number }) => `${x.observations} scenarios`);
      add('parametric', s.risk.parametric, (x: { method: string }) => x.method);
      add(
        'Monte Carlo',
        s.risk.monteCarlo,
        (x: { paths: number; varStdError: number | null; esStdError: number | null }) =>
          `${fmtMoney(x.paths)} paths${x.varStdError !== null ? `, VaR s.e. ${fmtMoney(x.varStdError)}` : ''}${x.esStdError !== null ? `, ES s.e. ${fmtMoney(x.esStdError)}` : ''}`,
      );
      out.push(textTable(['method', '>VaR', '>ES', 'note'], rows));
      out.push(`  ${s.risk.methodsNote}`);
      const at = s.risk.attribution;
      if (at.available) {
        out.push(
          `  historical ES ${fmtMoney(at.es)} by underlying (Euler contributions): ${at.byUnderlying.map((u) => `${u.underlying} ${fmtMoney(u.esContribution)}`).join(', ')}`,
        );
      }
      const bt = s.risk.backtest;
      out.push(
        bt.available
          ? `  backtest (${bt.window}-day window): ${bt.rows.map((x) => `${x.model.split(' ')[0]} ${x.exceedances}/${x.observations} exceptions (expected ${x.expected.toFixed(1)}), Kupiec p ${x.kupiecPValue.toFixed(3)}, ${x.trafficLight}`).join('; ')}`
          : `  backtest unavailable: ${bt.reason}`,
      );
    }
    return out;
  },
};
