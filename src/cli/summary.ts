/** The terminal summary of a report. */
import { fmtExact, fmtMoney, fmtNum, fmtPct, textTable } from './format.js';
import type { ReportResults, Section } from './results.js';

const clip = (x: string, n: number) => (x.length > n ? `${x.slice(0, n - 1)}…` : x);

function unavailable<T>(s: Section<T>): string | null {
  return s.available ? null : `  unavailable: ${(s as { reason: string }).reason}`;
}

/** Render the summary as plain text (no colour codes). */
export function formatSummary(r: ReportResults): string {
  const q = r.book.quote;
  const out: string[] = [];
  const b = r.book;
  out.push(`riskcore report: ${b.name ?? b.file}${b.asOf ? ` (as of ${b.asOf})` : ''}`);
  out.push(
    `book: ${b.accounts} account${b.accounts === 1 ? '' : 's'}, ${b.subAccounts} sub-account${b.subAccounts === 1 ? '' : 's'}, ${b.positions} positions; ` +
      `assets ${b.assets.join(', ')}; ${b.historyObservations ? `${b.historyObservations} days of price history` : 'no price history'}`,
  );
  const p = r.parameters;
  if (b.syntheticHistory) out.push('SYNTHETIC DATA: the price history of this book is generated sample data, not market prices');
  out.push(`parameters: confidence ${fmtPct(p.confidence, 1)}, horizon ${p.horizonDays} day${p.horizonDays === 1 ? '' : 's'}, ${fmtMoney(p.paths)} Monte Carlo paths, seed ${p.seed}`);

  out.push('', 'Exposure by underlying');
  out.push(
    textTable(
      ['underlying', '>price', '>positions', `>gross notional (${q})`],
      r.composition.byUnderlying.map((u) => [u.underlying, fmtMoney(u.price, 2), String(u.positions), fmtMoney(u.grossNotional)]),
    ),
  );
  out.push(`  collateral at market (before haircuts): ${fmtMoney(r.composition.collateralMarketValue)} ${q}`);

  const s = r.sections;
  out.push('', 'Margin');
  out.push(
    unavailable(s.margin) ??
      (s.margin.available
        ? [
            textTable(['method', `>initial (${q})`, `>maintenance (${q})`], s.margin.byMethod.map((m) => [m.method, fmtMoney(m.initialMargin), fmtMoney(m.maintenanceMargin)])),
            `  capital efficiency: gross notional ${fmtMoney(s.margin.efficiency.grossNotional)}, netting benefit ${fmtMoney(s.margin.efficiency.nettingBenefit)} (${fmtPct(
              s.margin.efficiency.nettingBenefitPct,
            )}), idle collateral ${fmtMoney(s.margin.efficiency.idleCollateral)}, effective leverage ${s.margin.efficiency.effectiveLeverage.toFixed(2)}x`,
          ].join('\n')
        : ''),
  );

  if (s.margin.available && s.margin.byAccount.length) {
    const rows = s.margin.byAccount.slice(0, 10);
    const t = s.margin.health.totals;
    out.push(`  ${s.margin.healthMethod} basis, all accounts: equity ${fmtExact(t.equity)} − maintenance ${fmtExact(t.maintenanceMargin)} = excess ${fmtExact(t.excess)} ${q}; idle collateral ${fmtExact(t.idleCollateral)} of ${fmtExact(t.collateralAtMarket)} ${q} at market`);
    out.push(`  health by account (${s.margin.healthMethod} method; margin ratio = maintenance / equity, liquidatable at >= 1)${s.margin.byAccount.length > 10 ? ', 10 most stretched' : ''}:`);
    out.push(
      textTable(
        ['account', `>equity (${q})`, '>initial', '>maintenance', '>margin ratio', 'liquidatable'],
        rows.map((a) => [a.account, fmtMoney(a.equity), fmtMoney(a.initialMargin), fmtMoney(a.maintenanceMargin), a.marginRatio === null ? 'equity <= 0' : fmtNum(Number(a.marginRatio), 3), a.liquidatable ? 'YES' : 'no']),
        '    ',
      ),
    );
  }

  if (r.limits.available) {
    out.push('', 'Limits');
    out.push(textTable(['limit', `>figure (${q})`, `>limit (${q})`, '>utilisation', 'status'], r.limits.rows.map((x) => [x.limit, x.value === null ? '-' : fmtMoney(x.value), fmtMoney(x.amount), x.utilisation === null ? '-' : fmtPct(x.utilisation), x.value === null ? x.note : x.breached ? 'BREACH' : 'within'])));
  }

  out.push('', 'Collateral after haircuts');
  out.push(
    unavailable(s.collateral) ??
      (s.collateral.available ? `  ${fmtMoney(s.collateral.totalValue)} ${q} at market, ${fmtMoney(s.collateral.totalAfterHaircut)} ${q} after haircuts` : ''),
  );

  out.push('', `VaR and ES (${fmtPct(p.confidence, 1)}, ${p.horizonDays}-day, positive = loss, ${q})`);
  if (!s.risk.available) out.push(unavailable(s.risk)!);
  else {
    const rows: string[][] = [];
    const add = (name: string, sec: Section<{ var: number; es: number }>, note: (x: never) => string) =>
      rows.push(sec.available ? [name, fmtMoney(sec.var), fmtMoney(sec.es), note(sec as never)] : [name, '-', '-', (sec as { reason: string }).reason]);
    add('historical', s.risk.historical, (x: { observations: number }) => `${x.observations} scenarios`);
    add('parametric', s.risk.parametric, (x: { method: string }) => x.method);
    add('Monte Carlo', s.risk.monteCarlo, (x: { paths: number; varStdError: number | null; esStdError: number | null }) =>
      `${fmtMoney(x.paths)} paths${x.varStdError !== null ? `, VaR s.e. ${fmtMoney(x.varStdError)}` : ''}${x.esStdError !== null ? `, ES s.e. ${fmtMoney(x.esStdError)}` : ''}`);
    out.push(textTable(['method', '>VaR', '>ES', 'note'], rows));
    out.push(`  ${s.risk.methodsNote}`);
    const at = s.risk.attribution;
    if (at.available) {
      out.push(`  historical ES ${fmtMoney(at.es)} by underlying (Euler contributions): ${at.byUnderlying.map((u) => `${u.underlying} ${fmtMoney(u.esContribution)}`).join(', ')}`);
    }
    const bt = s.risk.backtest;
    out.push(
      bt.available
        ? `  backtest (${bt.window}-day window): ${bt.rows.map((x) => `${x.model.split(' ')[0]} ${x.exceedances}/${x.observations} exceptions (expected ${x.expected.toFixed(1)}), Kupiec p ${x.kupiecPValue.toFixed(3)}, ${x.trafficLight}`).join('; ')}`
        : `  backtest unavailable: ${bt.reason}`,
    );
  }

  out.push('', `Greeks by underlying (${q} per unit move of spot; vega per 1.00 vol; theta per year)`);
  out.push(
    unavailable(s.greeks) ??
      (s.greeks.available
        ? textTable(
            ['underlying', '>delta', '>cash delta', '>gamma', '>vega', '>theta'],
            s.greeks.byUnderlying.map((g) => [g.underlying, fmtNum(g.delta), fmtMoney(g.cashDelta), fmtNum(g.gamma), fmtMoney(g.vega), fmtMoney(g.theta)]),
          )
        : ''),
  );

  out.push('', `Worst stress scenarios (equity change over all accounts, re-margined ${s.stress.available ? s.stress.method : ''})`);
  out.push(
    unavailable(s.stress) ??
      (s.stress.available
        ? textTable(['scenario', `>equity change (${q})`, '>liquidatable', 'window'], s.stress.worst.map((w) => [w.scenario, fmtMoney(w.pnl), String(w.liquidatable), clip(w.window ?? w.source ?? '', 56)]))
        : ''),
  );

  out.push('', `Reverse stress: distance to liquidation (${s.reverseStress.available ? s.reverseStress.method : ''} margin, one underlying moving, others fixed)`);
  out.push(
    unavailable(s.reverseStress) ??
      (s.reverseStress.available
        ? textTable(
            ['account', 'underlying', '>price', '>liquidation below', '>distance', '>liquidation above', '>distance'],
            s.reverseStress.rows.map((x) =>
              x.status === 'liquidatable'
                ? [x.account, x.underlying, fmtMoney(x.price, 2), 'liquidatable now', '', '', '']
                : [x.account, x.underlying, fmtMoney(x.price, 2), x.below === null ? 'none' : fmtMoney(x.below, 2), x.distanceBelow === null ? '' : fmtPct(x.distanceBelow), x.above === null ? 'none' : fmtMoney(x.above, 2), x.distanceAbove === null ? '' : fmtPct(x.distanceAbove)],
            ),
          ) +
          '\n\n' +
          textTable(
            ['account', 'target', '>all underlyings down by', 'note'],
            s.reverseStress.combined.map((x) => [x.account, x.target, x.shock === null ? '-' : fmtPct(x.shock), x.note]),
          )
        : ''),
  );

  out.push('', 'Hedge that neutralises delta (riskcore/stress hedge)');
  if (!s.hedge.available) out.push(unavailable(s.hedge)!);
  else {
    const h = s.hedge;
    out.push(textTable(['trade', '>quantity'], h.trades.map((t) => [t.instrument, fmtNum(t.quantity, 6)])));
    out.push(textTable(['underlying', '>delta before', '>delta after'], h.byUnderlying.map((x) => [x.underlying, fmtNum(x.deltaBefore), fmtNum(x.deltaAfter)])));
    out.push(`  solved ${h.method}; ${h.neutral ? 'delta neutral' : 'not fully neutral with these instruments'}`);
    if (h.stress) {
      out.push(`  worst grid P&L of the positions: ${fmtMoney(h.stress.worstBefore)} before (${h.stress.worstScenarioBefore}), ${fmtMoney(h.stress.worstAfter)} after (${h.stress.worstScenarioAfter})`);
    }
  }

  if (s.cascade.available) {
    const c = s.cascade;
    out.push('', `Liquidation cascade (${c.accounts} accounts on ${c.asset})`);
    out.push(`  ${c.liquidated} liquidated, ${fmtExact(c.totalLiquidatedNotional)} ${q} sold, final price ${fmtMoney(c.finalPrice, 2)} ${q}`);
    out.push(`  insurance fund ${fmtExact(c.startingFund)} + fees ${fmtExact(c.totalFees)} − covered ${fmtExact(c.totalCovered)} = ${fmtExact(c.finalFund)} ${q}`);
    out.push(`  bad debt ${fmtExact(c.totalBadDebt)} = covered ${fmtExact(c.totalCovered)} + ADL ${fmtExact(c.totalAdl)} + deficit ${fmtExact(c.deficit)} ${q}`);
    out.push(
      textTable(
        ['>round', '>market', '>oracle', '>liquidated', '>fund before', '>fees', '>bad debt', '>covered', '>ADL', '>deficit', '>fund after', '>accounts'],
        s.cascade.rounds.filter((x) => x.accountsLiquidated > 0 || x.round === 0).map((x) => [String(x.round), fmtMoney(x.marketPrice, 2), fmtMoney(x.oraclePrice, 2), fmtExact(x.liquidatedNotional), fmtExact(x.fundBefore), fmtExact(x.fees), fmtExact(x.badDebt), fmtExact(x.covered), fmtExact(x.adl), fmtExact(x.deficit), fmtExact(x.insuranceFund), String(x.accountsLiquidated)]),
      ),
    );
  } else {
    out.push('', 'Liquidation cascade', unavailable(s.cascade)!);
  }
  return out.join('\n') + '\n';
}
