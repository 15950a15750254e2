/**
 * The self-contained HTML report of `riskcore simulate`, in the style of the book report (../html.ts): headline
 * cards, the bad-debt distribution (table with standard errors, histogram), the insurance fund and liquidations,
 * the per-asset contributions and, with a cap search, the recommendation and the capital-efficiency frontier.
 * Simulated figures (floats) are printed to the cent; caps and collateral (exact decimals) by `fmtExact`.
 */
import { CSS } from '../html.js';
import { fmtExact, fmtMoney, fmtPct } from '../format.js';
import { esc, figure, section, table } from '../render/kit.js';
import type { SimulateResults } from './analyse.js';
import { badDebtHistogramSpec, frontierSpec, positiveBins } from './charts.js';

type Est = { value: number; stdError: number | null };
/** A float money figure to the cent. */
const cents = (x: number) => fmtMoney(x, 2);
const se = (e: Est) => (e.stdError === null ? 'n/a' : cents(e.stdError));
const seP = (e: Est) => (e.stdError === null ? 'n/a' : fmtPct(e.stdError, 2));

function cards(r: SimulateResults): string {
  const q = r.file.quote;
  const b = r.risk.badDebt;
  const out: [string, string][] = [
    ['Mean bad debt', `${cents(b.mean.value)} ${q}`],
    ['ES 99% of bad debt', `${cents(b.tail[0].es.value)} ${q}`],
    ['ES 99.9% of bad debt', `${cents(b.tail[1].es.value)} ${q}`],
    ['Fund exhaustion probability', fmtPct(r.risk.fund.exhaustionProbability.value, 2)],
    ['Liquidations at risk 99%', `${cents(r.risk.liquidations.notionalAtRisk99)} ${q}`],
  ];
  if (r.capSearch) {
    const rec = r.capSearch.recommendation;
    out.push([`Recommended ${rec.asset} ${rec.capOn} cap`, `${fmtExact(String(rec.cap), 4)} ${rec.asset}`]);
  }
  return `<div class="cards">${out.map(([k, v]) => `<div class="card"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div></div>`).join('')}</div>`;
}

async function distribution(r: SimulateResults, q: string): Promise<string> {
  const b = r.risk.badDebt;
  const rows = [
    ['mean', cents(b.mean.value), se(b.mean)],
    ...b.quantiles.map((x) => [`quantile ${fmtPct(x.level)}`, cents(x.value), '']),
    ...b.tail.flatMap((t) => [
      [`VaR ${fmtPct(t.confidence)}`, cents(t.var.value), se(t.var)],
      [`ES ${fmtPct(t.confidence)}`, cents(t.es.value), se(t.es)],
    ]),
  ];
  let body = `<p>Bad debt is the protocol's loss on a path: debt left unpaid by liquidated accounts, covered by the insurance fund, charged to profitable accounts (ADL) or left as a deficit. Standard errors are batch means over ${r.simulation.batches} batches (n/a: a batch holds fewer paths than the tail needs).</p>`;
  body += table(['measure', `>bad debt (${q})`, `>standard error (${q})`], rows);
  const paths = r.risk.badDebtByPath;
  const bins = positiveBins(paths);
  const zero = paths.length - paths.filter((x) => x > 0).length;
  if (bins.length) {
    const marks = b.tail.flatMap((t) => [
      { label: `VaR ${fmtPct(t.confidence)}`, value: t.var.value },
      { label: `ES ${fmtPct(t.confidence)}`, value: t.es.value },
    ]);
    body += await figure(
      'baddebt',
      badDebtHistogramSpec(bins, marks, q, `Bad debt over ${r.simulation.paths} paths`),
      `Paths with bad debt, by amount (${q}); ${zero} of ${paths.length} paths have none and are not drawn. Dashed: VaR and ES at 99% and 99.9%.`,
    );
  } else body += `<p>No path has bad debt.</p>`;
  return section('baddebt', 'Bad debt distribution', body);
}

function fundAndLiquidations(r: SimulateResults, q: string): string {
  const f = r.risk.fund;
  const l = r.risk.liquidations;
  const body = table(
    ['measure', '>value', '>standard error', 'unit'],
    [
      [
        'fund exhaustion probability',
        fmtPct(f.exhaustionProbability.value, 2),
        seP(f.exhaustionProbability),
        '% of paths',
      ],
      ['mean drawn from the fund', cents(f.meanDrawn), '', q],
      ['mean fund at the end', cents(f.meanFinal), '', q],
      ['probability of any liquidation', fmtPct(l.probabilityAny.value, 2), seP(l.probabilityAny), '% of paths'],
      ['mean liquidations per path', fmtMoney(l.meanCount, 2), '', 'accounts'],
      ['mean liquidated notional', cents(l.meanNotional), '', q],
      ['liquidations at risk 99%', cents(l.notionalAtRisk99), '', q],
      ['liquidations at risk 99.9%', cents(l.notionalAtRisk999), '', q],
    ],
  );
  const intro =
    '<p>The fund is exhausted on a path when bad debt outran it (ADL or a deficit). Liquidations at risk: the 99% and 99.9% quantiles of the notional liquidated on a path.</p>';
  return section('fund', 'Insurance fund and liquidations', intro + body);
}

function contributions(r: SimulateResults, q: string): string {
  const c = r.risk.contributions;
  const es = r.risk.badDebt.tail[0].es.value;
  const share = (x: number) => (es > 0 ? fmtPct(x / es) : 'n/a');
  const rows = Object.entries(c.byAsset).map(([a, x]) => [a, cents(x.mean), cents(x.es99), share(x.es99)]);
  rows.push(['unattributed', cents(c.unattributed.mean), cents(c.unattributed.es99), share(c.unattributed.es99)]);
  const body =
    "<p>Each round's bad debt split over the assets in proportion to the notional liquidated in them that round; unattributed: bad debt of rounds that liquidated nothing.</p>" +
    table(['asset', `>mean bad debt (${q})`, `>contribution to ES 99% (${q})`, '>share of ES 99% (%)'], rows, {
      foot: [['total', cents(r.risk.badDebt.mean.value), cents(es), es > 0 ? '100.0%' : 'n/a']],
    });
  return section('contributions', 'Bad debt by asset', body);
}

async function caps(r: SimulateResults, q: string): Promise<string> {
  if (!r.capSearch) return '';
  const { spec, recommendation: rec, frontier } = r.capSearch;
  const esLabel = `ES ${fmtPct(spec.confidence)}`;
  const what = rec.capOn === 'supply' ? 'supply (collateral)' : 'open interest';
  let body = `<p class="recommendation">Recommended ${esc(rec.asset)} ${what} cap: <strong>${esc(fmtExact(String(rec.cap), 4))} ${esc(rec.asset)}</strong>, ${esc(fmtMoney(rec.scale, 2))} × the current ${esc(fmtExact(String(rec.current), 4))} ${esc(rec.asset)}: the largest cap on a grid of ${esc(fmtExact(String(rec.step), 4))} ${esc(rec.asset)} whose ${esLabel} of bad debt${spec.errorMultiple ? ` + ${spec.errorMultiple} standard errors` : ''} is within the budget of ${esc(cents(spec.budget))} ${esc(q)}. ${esLabel} at the cap: ${esc(cents(rec.esAtCap.value))} ${esc(q)} (standard error ${esc(se(rec.esAtCap))})${rec.esAbove ? `; one step above: ${esc(cents(rec.esAbove.value))} ${esc(q)}` : ' (the top of the searched grid)'}. ${rec.evaluations} simulations on the same seed.${rec.scale < 1 ? ` The cap is below the current ${what}: the book as it stands is over the budget.` : ''}</p>`;
  body += `<p>A cap of C scales every account holding ${esc(rec.asset)} ${rec.capOn === 'supply' ? 'collateral' : 'perps'} by C / current (all its amounts); depth, oracle and fund are unchanged, so a larger book meets the same liquidity. Each cap below is simulated on the same paths.</p>`;
  const pts = frontier.map((p) => ({
    x: Number(p.collateralLocked),
    es: spec.confidence === 0.99 ? p.es99.value : p.es999.value,
    within: p.withinBudget ? 'yes' : 'no',
  }));
  body += await figure(
    'frontier',
    frontierSpec(
      pts,
      spec.budget,
      { x: `collateral locked (${q})`, y: `${esLabel} of bad debt (${q})` },
      `Capital-efficiency frontier: ${rec.asset} ${rec.capOn} cap`,
    ),
    `${esLabel} of bad debt (${q}) against the collateral locked at each cap (${q}); dashed: the budget.`,
  );
  body += table(
    [
      `>cap (${rec.asset})`,
      '>× current',
      `>collateral locked (${q})`,
      `>mean bad debt (${q})`,
      `>ES 99% (${q})`,
      `>ES 99% std error (${q})`,
      `>ES 99.9% (${q})`,
      `>ES 99.9% std error (${q})`,
      `>${esLabel} / collateral (%)`,
      'within budget',
    ],
    frontier.map((p, i) => [
      fmtExact(p.cap, 4),
      fmtMoney(p.scale, 2),
      fmtExact(p.collateralLocked),
      cents(p.meanBadDebt),
      cents(p.es99.value),
      se(p.es99),
      cents(p.es999.value),
      se(p.es999),
      pts[i].x > 0 ? fmtPct(pts[i].es / pts[i].x, 3) : 'n/a',
      p.withinBudget ? 'yes' : 'no',
    ]),
  );
  return section('caps', 'Cap recommendation and capital-efficiency frontier', body);
}

const PARAMETER_NAMES = {
  liquidationThreshold: 'liquidation threshold',
  penalty: 'liquidation penalty',
  maintenanceMargin: 'maintenance margin fraction',
} as const;

async function sweep(r: SimulateResults, q: string): Promise<string> {
  if (!r.parameterSweep) return '';
  const { spec, points } = r.parameterSweep;
  const name = `${PARAMETER_NAMES[spec.parameter]}${spec.asset ? ` of ${spec.asset}` : ''}`;
  let body = `<p>The simulation rerun on the same paths with the ${esc(name)} set to each value${spec.budget === null ? '' : `; within budget: ES 99% of bad debt ≤ ${esc(cents(spec.budget))} ${esc(q)}`}.${spec.parameter === 'liquidationThreshold' ? ' Borrowing power: Σ collateral × price × threshold of that collateral, the capital the threshold lends against.' : ''}</p>`;
  body += await figure(
    'sweep',
    frontierSpec(
      points.map((p) => ({ x: p.value, es: p.es99.value, within: p.withinBudget ? 'yes' : 'no' })),
      spec.budget,
      { x: `${name} (fraction)`, y: `ES 99% of bad debt (${q})`, xFormat: '.3~f' },
      `Parameter frontier: ${name}`,
    ),
    `ES 99% of bad debt (${q}) at each value of the ${name}${spec.budget === null ? '' : '; dashed: the budget'}.`,
  );
  const lt = spec.parameter === 'liquidationThreshold';
  body += table(
    [
      `>${name} (fraction)`,
      ...(lt ? [`>borrowing power (${q})`] : []),
      `>mean bad debt (${q})`,
      `>ES 99% (${q})`,
      `>ES 99% std error (${q})`,
      `>ES 99.9% (${q})`,
      `>ES 99.9% std error (${q})`,
      '>fund exhaustion (% of paths)',
      '>any liquidation (% of paths)',
      ...(spec.budget === null ? [] : ['within budget']),
    ],
    points.map((p) => [
      String(p.value),
      ...(lt ? [fmtExact(p.borrowingPower as string)] : []),
      cents(p.meanBadDebt),
      cents(p.es99.value),
      se(p.es99),
      cents(p.es999.value),
      se(p.es999),
      fmtPct(p.fundExhaustion, 2),
      fmtPct(p.liquidationProbability, 2),
      ...(spec.budget === null ? [] : [p.withinBudget ? 'yes' : 'no']),
    ]),
  );
  return section('sweep', `Parameter frontier: ${esc(name)}`, body);
}

function methods(r: SimulateResults): string {
  return section(
    'methods',
    'Method',
    `<p class="methods">Each asset's price follows a geometric Brownian motion with the file's vols, drifts, correlation and Merton jumps; a path has ${r.simulation.steps} steps of ${esc(fmtMoney(r.simulation.dt * 8760, 2))} hours, and step t is round t of the liquidation cascade (depth and price impact, oracle latency, penalties, insurance fund, ADL) of riskcore/stress simulateLiquidationCascade. VaR and ES are Acerbi–Tasche estimates over the paths; quantiles are order statistics. Seed ${r.simulation.seed}: the same file and seed give the same figures.</p>`,
  );
}

/** Build the whole HTML document. */
export async function renderSimulateHtml(r: SimulateResults): Promise<string> {
  const q = r.file.quote;
  const title = r.file.name ?? r.file.path;
  const s = r.simulation;
  const parts = [
    cards(r),
    await distribution(r, q),
    fundAndLiquidations(r, q),
    contributions(r, q),
    await caps(r, q),
    await sweep(r, q),
    methods(r),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>riskcore protocol risk: ${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Protocol risk: ${esc(title)}</h1>
${r.file.description ? `<p>${esc(r.file.description)}</p>\n` : ''}${r.file.synthetic ? '<p class="synthetic">Sample protocol: synthetic data, not a real market.</p>\n' : ''}<p>${r.protocol.accounts} accounts on ${esc(r.protocol.assets.join(', '))}; collateral locked ${esc(fmtExact(r.protocol.collateralLocked))} ${esc(q)}.</p>
<p>${s.paths} simulated paths of ${s.steps} steps (${esc(fmtMoney(s.dt * 8760, 2))} hours each), seed ${s.seed}, ${s.batches} batches for the standard errors. Money in ${esc(q)}; bad debt is a positive loss.</p>
</header>
<main>
${parts.filter(Boolean).join('\n')}
</main>
<footer>Generated by riskcore ${esc(r.tool.version)} from ${esc(r.file.path)}. Charts: Vega-Lite rendered to SVG by vega.</footer>
</body>
</html>
`;
}
