/**
 * Stress: every account run through riskcore/stress `stressTest` in one `prepareStress` context (positions fully revalued, re-margined by
 * riskcore/netting with collateral at shocked prices after the book's haircuts), summed over the accounts: the
 * change of equity and the number of accounts liquidatable after the move. Scenarios: the price × vol grid
 * (`priceVolGrid` on the grid assets), the historical crypto events (`historicalScenarios`, each with its source),
 * and hypothetical stablecoin / liquid-staking depegs for the collateral the book holds.
 */
import type { Market, Position } from 'riskcore';
import type { Account, MarginMethod } from 'riskcore/netting';
import {
  historicalScenarios,
  lstDepeg,
  prepareStress,
  priceVolGrid,
  stablecoinDepeg,
  stressTest,
} from 'riskcore/stress';
import type { Scenario } from 'riskcore/stress';
import type { Book } from '../book.js';
import type { StressSection } from '../results.js';
import { bookMarginParams, haircutValuer } from './margin.js';

/** Every collateral asset the book holds. */
function heldAssets(book: Book): Set<string> {
  const out = new Set<string>();
  const add = (list: { asset: string }[] | undefined) => list?.forEach((c) => out.add(c.asset));
  for (const a of book.file.accounts) {
    add(a.collateral);
    for (const s of a.subAccounts ?? []) {
      add(s.collateral);
      for (const p of s.positions ?? []) add(p.collateral);
    }
    for (const p of a.positions ?? []) add(p.collateral);
  }
  return out;
}

/**
 * Per scenario, summed over the accounts: equity change (after − before) and accounts liquidatable after it. The
 * market, scenarios and options are prepared once (`prepareStress`): each scenario's shocked market and margin
 * context serve every account.
 */
export function stressAccounts(
  accounts: Account[],
  market: Market,
  scenarios: Scenario[],
  method: MarginMethod,
  haircuts: Record<string, number>,
): { equityChange: number; liquidatable: number }[] {
  const out = scenarios.map(() => ({ equityChange: 0, liquidatable: 0 }));
  const margin = { method, collateralValuer: haircutValuer(haircuts) };
  const ctx = prepareStress(market, scenarios, { margin, marginParams: bookMarginParams(market) });
  for (const a of accounts) {
    const r = stressTest(a, ctx);
    const base = r.base.equity!;
    r.scenarios.forEach((o, k) => {
      out[k].equityChange += o.equity!.minus(base).toNumber();
      if (o.liquidatable) out[k].liquidatable++;
    });
  }
  return out;
}

const STABLES = /^(USDC|USDT|DAI|USDE|FDUSD|PYUSD|TUSD|USDS|FRAX|LUSD|GHO)$/i;
const LSTS: Record<string, string> = {
  stETH: 'ETH',
  wstETH: 'ETH',
  rETH: 'ETH',
  cbETH: 'ETH',
  weETH: 'ETH',
  mSOL: 'SOL',
  jitoSOL: 'SOL',
  cbBTC: 'BTC',
  WBTC: 'BTC',
};

export function stressSection(
  book: Book,
  positions: Position[],
  accounts: Account[],
  method: MarginMethod,
  haircuts: Record<string, number>,
): StressSection {
  const params = book.file.parameters ?? {};
  const market = book.market;
  const priceMoves = params.priceMoves ?? [-0.3, -0.2, -0.1, -0.05, 0, 0.05, 0.1, 0.2, 0.3];
  const volShifts = params.volShifts ?? [-0.1, 0, 0.1, 0.2];
  const underlyings = [...new Set(positions.map((p) => p.underlying))];
  const gridAssets = params.gridAssets ?? underlyings;
  const gridScenarios = gridAssets.length > 0 ? priceVolGrid({ assets: gridAssets, priceMoves, volShifts }) : [];
  const extra: Scenario[] = historicalScenarios().filter((s) =>
    Object.keys(s.moves ?? {}).some((a) => a in market.assets),
  );
  for (const a of heldAssets(book)) {
    if (STABLES.test(a) && a !== market.quote) extra.push(stablecoinDepeg({ asset: a, depeg: 0.1 }));
    const base = LSTS[a];
    if (base && base in market.assets) extra.push(lstDepeg({ lst: a, base, discount: 0.1, baseMove: -0.2 }));
  }
  const all = [...gridScenarios, ...extra];
  const res = stressAccounts(accounts, market, all, method, haircuts);
  const grid: StressSection['grid'] = [];
  let worstCell: StressSection['worst'][number] | null = null;
  let k = 0;
  for (const pm of priceMoves) {
    for (const vs of volShifts) {
      if (k >= gridScenarios.length) break;
      const r = res[k];
      grid.push({ priceMove: pm, volShift: vs, pnl: r.equityChange, liquidatable: r.liquidatable });
      if (!worstCell || r.equityChange < worstCell.pnl) {
        worstCell = {
          scenario: `worst grid cell: ${gridScenarios[k].name}`,
          pnl: r.equityChange,
          liquidatable: r.liquidatable,
          window: null,
          source: `price × vol grid on ${gridAssets.join(', ')}`,
        };
      }
      k++;
    }
  }
  const named: StressSection['worst'] = extra.map((s, i) => ({
    scenario: s.name,
    pnl: res[gridScenarios.length + i].equityChange,
    liquidatable: res[gridScenarios.length + i].liquidatable,
    window: s.window ?? null,
    source: s.source ?? null,
  }));
  if (worstCell) named.push(worstCell);
  const worst = named.sort((a, b) => a.pnl - b.pnl).slice(0, 8);
  return { method, priceMoves, volShifts, gridAssets, grid, worst };
}
