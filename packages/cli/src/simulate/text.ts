/** The terminal summary of `riskcore simulate`. Money figures (floats from the simulation) are shown to the cent. */
import { fmtExact, fmtMoney, fmtPct, textTable } from '../format.js';
import type { SimulateResults } from './analyse.js';

const est = (e: { value: number; stdError: number | null }, digits = 2) =>
  `${fmtMoney(e.value, digits)}${e.stdError === null ? '' : ` ± ${fmtMoney(e.stdError, digits)}`}`;

/** Lines of the summary, ending with a newline. */
export function formatSimulateSummary(r: SimulateResults): string {
  const q = r.file.quote;
  const s = r.simulation;
  const k = r.risk;
  const out = [
    `riskcore simulate: ${r.file.name ?? r.file.path}`,
    ...(r.file.synthetic ? ['  synthetic data: a made-up protocol, not a real market'] : []),
    `  ${r.protocol.accounts} accounts on ${r.protocol.assets.join(', ')}; collateral locked ${fmtExact(r.protocol.collateralLocked)} ${q}`,
    `  ${s.paths} paths × ${s.steps} steps of ${fmtMoney(s.dt * 8760, 2)} h, seed ${s.seed}, ${s.batches} batches`,
    '',
    `Bad debt (${q}; ± batch-means standard error)`,
    `  mean ${est(k.badDebt.mean)}`,
    textTable(
      ['measure', `>${q}`, `>std error (${q})`],
      [
        ...k.badDebt.quantiles.map((x) => [`quantile ${fmtPct(x.level)}`, fmtMoney(x.value, 2), '']),
        ...k.badDebt.tail.flatMap((t) => [
          [
            `VaR ${fmtPct(t.confidence)}`,
            fmtMoney(t.var.value, 2),
            t.var.stdError === null ? 'n/a' : fmtMoney(t.var.stdError, 2),
          ],
          [
            `ES ${fmtPct(t.confidence)}`,
            fmtMoney(t.es.value, 2),
            t.es.stdError === null ? 'n/a' : fmtMoney(t.es.stdError, 2),
          ],
        ]),
      ],
    ),
    `  insurance fund exhausted on ${fmtPct(k.fund.exhaustionProbability.value, 2)} of paths; mean drawn ${fmtMoney(k.fund.meanDrawn, 2)} ${q}`,
    `  liquidations on ${fmtPct(k.liquidations.probabilityAny.value, 2)} of paths; liquidations at risk 99% ${fmtMoney(k.liquidations.notionalAtRisk99, 2)} ${q}`,
  ];
  if (r.capSearch) {
    const c = r.capSearch;
    const rec = c.recommendation;
    out.push(
      '',
      `Cap search (${rec.capOn} of ${rec.asset}, ES ${fmtPct(c.spec.confidence)} of bad debt ≤ ${fmtMoney(c.spec.budget, 2)} ${q})`,
      `  recommended cap ${fmtExact(String(rec.cap), 4)} ${rec.asset} (${fmtMoney(rec.scale, 2)} × current ${fmtExact(String(rec.current), 4)}); ES at cap ${est(rec.esAtCap)} ${q}`,
      textTable(
        ['>cap', '>× current', `>collateral locked (${q})`, `>ES 99% (${q})`, `>ES 99.9% (${q})`, 'within budget'],
        c.frontier.map((p) => [
          fmtExact(p.cap, 4),
          fmtMoney(p.scale, 2),
          fmtExact(p.collateralLocked),
          fmtMoney(p.es99.value, 2),
          fmtMoney(p.es999.value, 2),
          p.withinBudget ? 'yes' : 'no',
        ]),
      ),
    );
  }
  if (r.parameterSweep) {
    const { spec, points } = r.parameterSweep;
    out.push(
      '',
      `Parameter sweep (${spec.parameter}${spec.asset ? ` of ${spec.asset}` : ''}; same paths)`,
      textTable(
        ['>value', `>mean bad debt (${q})`, `>ES 99% (${q})`, `>ES 99.9% (${q})`, '>fund exhausted'],
        points.map((p) => [
          String(p.value),
          fmtMoney(p.meanBadDebt, 2),
          fmtMoney(p.es99.value, 2),
          fmtMoney(p.es999.value, 2),
          fmtPct(p.fundExhaustion, 2),
        ]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
