/**
 * The self-contained HTML report: inline CSS, tables, and charts rendered to inline SVG by vega (see charts.ts).
 * No script, no external resource: it opens offline.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Book } from './book.js';
import { facetBarSpec, groupedBarSpec, lineSpec, pnlHistogramSpec, renderChart, stressHeatmapSpec } from './charts.js';
import { fmtExact, fmtMoney, fmtNum, fmtPct } from './format.js';
import type { ReportResults, Section } from './results.js';

/** Escape text for HTML. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p class="none">None.</p>';
  const th = headers.map((h) => `<th${h.startsWith('>') ? ' class="num"' : ''}>${esc(h.replace(/^>/, ''))}</th>`).join('');
  const tr = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${headers[i].startsWith('>') ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

function note<T>(s: Section<T>): string {
  return s.available ? '' : `<p class="unavailable">Unavailable: ${esc((s as { reason: string }).reason)}</p>`;
}

const CSS = `
:root { --fg:#1f2328; --muted:#656d76; --line:#d0d7de; --bg:#ffffff; --card:#f6f8fa; --accent:#0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 24px 32px 12px; border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 2px 0; color: var(--muted); }
main { padding: 8px 32px 40px; max-width: 1180px; }
section { margin-top: 28px; }
h2 { font-size: 17px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 18px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 170px; }
.card .k { color: var(--muted); font-size: 12px; }
.card .v { font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; }
th { background: var(--card); font-weight: 600; }
td.num, th.num { text-align: right; }
figure.chart { margin: 12px 0; overflow-x: auto; }
figure.chart figcaption { color: var(--muted); font-size: 12px; }
.unavailable { color: #9a6700; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 6px 10px; display: inline-block; }
footer { color: var(--muted); font-size: 12px; padding: 16px 32px; border-top: 1px solid var(--line); }
`;

async function figure(id: string, spec: TopLevelSpec, caption: string): Promise<string> {
  const svg = await renderChart(spec);
  return `<figure class="chart" id="chart-${id}" data-chart="${id}">${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

/** Build the whole HTML document. */
export async function renderHtml(r: ReportResults, book: Book): Promise<string> {
  const q = r.book.quote;
  const s = r.sections;
  const p = r.parameters;
  const parts: string[] = [];
  const cards: [string, string][] = [
    ['Positions', `${r.book.positions}`],
    ['Accounts', `${r.book.accounts} (+${r.book.subAccounts} sub)`],
    ['Collateral at market', `${fmtMoney(r.composition.collateralMarketValue)} ${q}`],
  ];
  if (s.risk.available && s.risk.monteCarlo.available) cards.push([`MC VaR ${fmtPct(p.confidence)}`, `${fmtMoney(s.risk.monteCarlo.var)} ${q}`], [`MC ES ${fmtPct(p.confidence)}`, `${fmtMoney(s.risk.monteCarlo.es)} ${q}`]);
  if (s.margin.available) {
    const pm = s.margin.byMethod.find((m) => m.method === 'portfolio');
    if (pm) cards.push(['Portfolio initial margin', `${fmtMoney(pm.initialMargin)} ${q}`]);
  }
  parts.push(`<div class="cards">${cards.map(([k, v]) => `<div class="card"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div></div>`).join('')}</div>`);

  // Exposure
  {
    const rows = r.composition.byUnderlying.flatMap((u) => Object.entries(u.byKind).map(([kind, v]) => ({ group: u.underlying, series: kind, value: v })));
    parts.push(
      `<section id="exposure"><h2>Exposure by underlying</h2>${table(
        ['underlying', '>price', '>positions', `>gross notional (${q})`],
        r.composition.byUnderlying.map((u) => [u.underlying, fmtMoney(u.price, 2), String(u.positions), fmtMoney(u.grossNotional)]),
      )}${rows.length ? await figure('exposure', groupedBarSpec(rows, 'Gross notional by underlying and kind', `notional (${q})`, 'kind'), 'Gross notional: |q|·S for spot, linear contracts and options; USD face for inverse perps and futures.') : ''}</section>`,
    );
  }

  // P&L distribution and VaR/ES
  {
    let body = note(s.risk);
    if (s.risk.available) {
      const rk = s.risk;
      const rows = (
        [
          ['historical', rk.historical],
          ['parametric', rk.parametric],
          ['Monte Carlo', rk.monteCarlo],
        ] as [string, Section<{ var: number; es: number }>][]
      ).map(([name, x]) => (x.available ? [name, fmtMoney(x.var), fmtMoney(x.es)] : [name, '-', `unavailable: ${(x as { reason: string }).reason}`]));
      body += table(['method', `>VaR (${q})`, `>ES (${q})`], rows);
      if (rk.monteCarlo.available) {
        const mc = rk.monteCarlo;
        const marks = [
          { label: `MC VaR ${fmtPct(p.confidence)}`, pnl: -mc.var },
          { label: `MC ES ${fmtPct(p.confidence)}`, pnl: -mc.es },
        ];
        if (rk.historical.available) marks.push({ label: 'historical VaR', pnl: -rk.historical.var });
        if (rk.parametric.available) marks.push({ label: 'parametric VaR', pnl: -rk.parametric.var });
        body += await figure('pnl', pnlHistogramSpec(mc.histogram, marks, `Monte Carlo P&L over ${p.horizonDays} day(s), ${fmtMoney(mc.paths)} paths`), 'Rules mark the loss thresholds (P&L = −VaR, −ES).');
      }
    }
    parts.push(`<section id="var"><h2>P&amp;L distribution, VaR and ES (${fmtPct(p.confidence)}, ${p.horizonDays}-day)</h2>${body}</section>`);
  }

  // Stress
  {
    let body = note(s.stress);
    if (s.stress.available) {
      const st = s.stress;
      const pm = st.priceMoves.map((x) => fmtPct(x, 0));
      const vs = st.volShifts.map((x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)} vol pts`);
      const cells = st.grid.map((c) => ({ priceMove: fmtPct(c.priceMove, 0), volShift: `${c.volShift >= 0 ? '+' : ''}${(c.volShift * 100).toFixed(0)} vol pts`, pnl: c.pnl }));
      if (cells.length) body += await figure('stress', stressHeatmapSpec(cells, pm, vs.slice().reverse(), 'P&L by price move and vol shift'), `Equity change summed over the accounts (positions fully revalued, collateral at shocked prices after haircuts; riskcore/stress stressTest) when ${st.gridAssets.join(', ')} move together by the price move and their vols by the shift.`);
      body += `<h3>Worst scenarios</h3>${table(['scenario', `>equity change (${q})`, '>accounts liquidatable', 'window', 'source'], st.worst.map((w) => [w.scenario, fmtMoney(w.pnl), String(w.liquidatable), w.window ?? '', w.source ?? '']))}`;
    }
    parts.push(`<section id="stress"><h2>Stress: price × vol</h2>${body}</section>`);
  }

  // Margin
  {
    let body = note(s.margin);
    if (s.margin.available) {
      const m = s.margin;
      const rows = m.byMethod.flatMap((x) => [
        { group: x.method, series: 'initial', value: Number(x.initialMargin) },
        { group: x.method, series: 'maintenance', value: Number(x.maintenanceMargin) },
      ]);
      body += await figure(
        'margin',
        groupedBarSpec(rows, 'Margin by method', `margin (${q})`, 'requirement', { groups: ['standard', 'cross', 'portfolio'], series: ['initial', 'maintenance'] }),
        'Standard (isolated): every position alone; cross: delta-one positions netted per underlying; portfolio: scenario-grid full revaluation (riskcore/netting).',
      );
      body += table(['method', `>initial (${q})`, `>maintenance (${q})`], m.byMethod.map((x) => [x.method, fmtMoney(x.initialMargin), fmtMoney(x.maintenanceMargin)]));
      const e = m.efficiency;
      body += `<p>Capital efficiency: gross notional ${esc(fmtMoney(e.grossNotional))} ${q}; netting benefit ${esc(fmtMoney(e.nettingBenefit))} ${q} (${fmtPct(e.nettingBenefitPct)}); idle collateral ${esc(fmtMoney(e.idleCollateral))} ${q}; effective leverage ${e.effectiveLeverage.toFixed(2)}×.</p>`;
      body += `<p>Health by account (${esc(m.healthMethod)} method; margin ratio = maintenance / equity, liquidatable at ≥ 1), most stretched first:</p>`;
      body += table(
        ['account', `>equity (${q})`, `>initial`, `>maintenance`, '>margin ratio', 'liquidatable'],
        m.byAccount.slice(0, 25).map((a) => [a.account, fmtMoney(a.equity), fmtMoney(a.initialMargin), fmtMoney(a.maintenanceMargin), a.marginRatio === null ? 'equity ≤ 0' : fmtNum(Number(a.marginRatio), 3), a.liquidatable ? 'YES' : 'no']),
      );
    }
    parts.push(`<section id="margin"><h2>Margin and capital efficiency</h2>${body}</section>`);
  }

  // Greeks
  {
    let body = note(s.greeks);
    if (s.greeks.available) {
      const g = s.greeks.byUnderlying;
      const measures = [`cash delta (${q})`, `cash gamma, 1% move (${q})`, `vega per vol point (${q})`, `theta per day (${q})`];
      const rows = g.flatMap((x) => [
        { measure: measures[0], group: x.underlying, value: x.cashDelta },
        { measure: measures[1], group: x.underlying, value: x.cashGamma },
        { measure: measures[2], group: x.underlying, value: x.vega / 100 },
        { measure: measures[3], group: x.underlying, value: x.theta / 365 },
      ]);
      if (g.length) body += await figure('greeks', facetBarSpec(rows, 'Greeks by underlying', measures), 'Cash delta = Δ·S; cash gamma = ½·Γ·S²·(1%)²; vega / 100; theta / 365. Each panel has its own scale.');
      body += table(['underlying', '>delta', `>cash delta (${q})`, '>gamma', '>vega', '>theta', '>rho'], g.map((x) => [x.underlying, fmtNum(x.delta), fmtMoney(x.cashDelta), fmtNum(x.gamma), fmtMoney(x.vega), fmtMoney(x.theta), fmtMoney(x.rho)]));
    }
    parts.push(`<section id="greeks"><h2>Greeks by underlying</h2>${body}</section>`);
  }

  // Collateral
  {
    const c = s.collateral;
    let body = note(c);
    const byAsset = new Map<string, { market: number; after: number }>();
    if (c.available) {
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
      if (rows.length) body += await figure('collateral', groupedBarSpec(rows, 'Collateral before and after haircuts', q, 'value', { series: ['market value', 'after haircut'] }), 'Haircut value = amount × price × (1 − haircut).');
      body += table(['asset', `>market value (${q})`, `>after haircut (${q})`], [...byAsset].map(([a, v]) => [a, fmtMoney(v.market), fmtMoney(v.after)]));
    }
    parts.push(`<section id="collateral"><h2>Collateral after haircuts</h2>${body}</section>`);
  }

  // Reverse stress and hedge
  {
    let body = note(s.reverseStress);
    if (s.reverseStress.available) {
      body += `<p>Price of one underlying (others fixed) at which an account's cross pool falls to maintenance margin (${esc(s.reverseStress.method)} method, collateral after haircuts).</p>`;
      body += table(
        ['account', 'underlying', '>price', '>liquidation below', '>distance', '>liquidation above', '>distance'],
        s.reverseStress.rows.map((x) =>
          x.status === 'liquidatable'
            ? [x.account, x.underlying, fmtMoney(x.price, 2), 'liquidatable now', '', '', '']
            : [x.account, x.underlying, fmtMoney(x.price, 2), x.below === null ? 'none' : fmtMoney(x.below, 2), x.distanceBelow === null ? '' : fmtPct(x.distanceBelow), x.above === null ? 'none' : fmtMoney(x.above, 2), x.distanceAbove === null ? '' : fmtPct(x.distanceAbove)],
        ),
      );
      body += `<p>Smallest fall of all of an account's underlyings together that breaks it (riskcore/stress reverseStressTest):</p>`;
      body += table(['account', 'target', '>all underlyings down by', 'note'], s.reverseStress.combined.map((x) => [x.account, x.target, x.shock === null ? '-' : fmtPct(x.shock), x.note]));
    }
    parts.push(`<section id="reverse-stress"><h2>Reverse stress: distance to liquidation</h2>${body}</section>`);
    let hb = note(s.hedge);
    if (s.hedge.available) {
      const h = s.hedge;
      hb += table(['trade', '>quantity'], h.trades.map((t) => [t.instrument, fmtNum(t.quantity, 6)]));
      hb += table(['underlying', '>delta before', '>delta after'], h.byUnderlying.map((x) => [x.underlying, fmtNum(x.deltaBefore), fmtNum(x.deltaAfter)]));
      hb += `<p>Solved ${esc(h.method)} (riskcore/stress hedge); ${h.neutral ? 'delta neutral' : 'not fully neutral with these instruments'}.`;
      if (h.stress) hb += ` Worst grid P&amp;L of the positions: ${esc(fmtMoney(h.stress.worstBefore))} ${q} before (${esc(h.stress.worstScenarioBefore)}), ${esc(fmtMoney(h.stress.worstAfter))} ${q} after (${esc(h.stress.worstScenarioAfter)}).`;
      hb += '</p>';
    }
    parts.push(`<section id="hedge"><h2>Delta hedge</h2>${hb}</section>`);
  }

  // Cascade
  {
    let body = note(s.cascade);
    if (s.cascade.available) {
      const c = s.cascade;
      const rows = c.rounds.flatMap((x) => [
        { x: x.round, series: 'liquidated notional', y: Number(x.liquidatedNotional) },
        { x: x.round, series: 'bad debt', y: Number(x.badDebt) },
        { x: x.round, series: 'insurance fund', y: Number(x.insuranceFund) },
      ]);
      body += `<p>${c.accounts} accounts on ${esc(c.asset)}: ${c.liquidated} liquidated, ${esc(fmtExact(c.totalLiquidatedNotional))} ${q} sold; final price ${esc(fmtMoney(c.finalPrice, 2))} ${q}.</p>`;
      body += `<p class="reconcile">Insurance fund: ${esc(fmtExact(c.startingFund))} ${q} at the start + ${esc(fmtExact(c.totalFees))} ${q} liquidation fees − ${esc(fmtExact(c.totalCovered))} ${q} bad debt covered = ${esc(fmtExact(c.finalFund))} ${q} at the end. Bad debt ${esc(fmtExact(c.totalBadDebt))} ${q} = ${esc(fmtExact(c.totalCovered))} covered by the fund + ${esc(fmtExact(c.totalAdl))} charged to profitable accounts (ADL) + ${esc(fmtExact(c.deficit))} protocol deficit.</p>`;
      if (rows.length) body += await figure('cascade', lineSpec(rows, `Liquidation cascade over ${c.accounts} accounts on ${c.asset}`, 'round', q), `Per round: notional liquidated, bad debt and the insurance fund balance at the end of the round (${q}).`);
      body += table(
        ['>round', `>market (${q})`, `>oracle (${q})`, `>liquidated (${q})`, `>fund before (${q})`, `>fees in (${q})`, `>bad debt (${q})`, `>covered by fund (${q})`, `>ADL (${q})`, `>deficit (${q})`, `>fund after (${q})`, '>accounts'],
        c.rounds.map((x) => [String(x.round), fmtMoney(x.marketPrice, 2), fmtMoney(x.oraclePrice, 2), fmtExact(x.liquidatedNotional), fmtExact(x.fundBefore), fmtExact(x.fees), fmtExact(x.badDebt), fmtExact(x.covered), fmtExact(x.adl), fmtExact(x.deficit), fmtExact(x.insuranceFund), String(x.accountsLiquidated)]),
      );
    }
    parts.push(`<section id="cascade"><h2>Liquidation cascade</h2>${body}</section>`);
  }

  // Price history
  if (book.history) {
    const names = Object.keys(book.history.prices);
    const rows = names.flatMap((n) => {
      const ps = book.history!.prices[n];
      return ps.map((v, i) => ({ x: i - ps.length + 1, series: n, y: (100 * v) / ps[0] }));
    });
    parts.push(`<section id="history"><h2>Price history</h2>${await figure('history', lineSpec(rows, 'Price history, rebased to 100', 'observation (0 = latest)', 'index'), 'The moves that drive historical VaR/ES.')}</section>`);
  }

  const title = r.book.name ?? r.book.file;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>riskcore report: ${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Risk report: ${esc(title)}</h1>
<p>${r.book.asOf ? `As of ${esc(r.book.asOf)}. ` : ''}${r.book.positions} positions in ${r.book.accounts} accounts; assets ${esc(r.book.assets.join(', '))}.</p>
<p>Confidence ${fmtPct(p.confidence)}, horizon ${p.horizonDays} day(s), ${fmtMoney(p.paths)} Monte Carlo paths, seed ${p.seed}. Money in ${esc(q)}; P&amp;L is profit, VaR and ES are positive losses.</p>
</header>
<main>
${parts.join('\n')}
</main>
<footer>Generated by riskcore ${esc(r.tool.version)} from ${esc(r.book.file)}. Charts: Vega-Lite rendered to SVG by vega.</footer>
</body>
</html>
`;
}
