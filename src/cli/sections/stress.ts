/**
 * Stress: the book's equity change under scenarios built by riskcore/stress and applied with `applyScenario`:
 * positions fully revalued (riskcore/greeks `revaluePnL`) plus every collateral holding revalued at the shocked
 * price. Scenarios: the price × vol grid (`priceVolGrid` on the grid assets), the historical crypto events
 * (`historicalScenarios`, each with its source), and hypothetical stablecoin / liquid-staking depegs for the
 * collateral the book holds.
 */
import type { Market, Position } from '../../core/model.js';
import { revaluePnL } from '../../greeks/index.js';
import { applyScenario, historicalScenarios, lstDepeg, priceVolGrid, stablecoinDepeg } from '../../stress/index.js';
import type { Scenario } from '../../stress/index.js';
import type { Book } from '../book.js';
import type { StressSection } from '../results.js';

/** Every collateral holding of the book as (asset, amount) in floats, for revaluation. */
function holdings(book: Book): { asset: string; amount: number }[] {
  const out: { asset: string; amount: number }[] = [];
  const add = (list: { asset: string; amount: string | number }[] | undefined) => list?.forEach((c) => out.push({ asset: c.asset, amount: Number(c.amount) }));
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

/** Equity change of the book from `base` to `shocked`: positions P&L + collateral revaluation. */
export function scenarioPnL(positions: Position[], coll: { asset: string; amount: number }[], base: Market, shocked: Market): number {
  let pnl = revaluePnL(positions, base, shocked);
  for (const c of coll) pnl += c.amount * (shocked.assets[c.asset].price - base.assets[c.asset].price);
  return pnl;
}

const STABLES = /^(USDC|USDT|DAI|USDE|FDUSD|PYUSD|TUSD|USDS|FRAX|LUSD|GHO)$/i;
const LSTS: Record<string, string> = { stETH: 'ETH', wstETH: 'ETH', rETH: 'ETH', cbETH: 'ETH', weETH: 'ETH', mSOL: 'SOL', jitoSOL: 'SOL', cbBTC: 'BTC', WBTC: 'BTC' };

export function stressSection(book: Book, positions: Position[]): StressSection {
  const params = book.file.parameters ?? {};
  const market = book.market;
  const coll = holdings(book);
  const priceMoves = params.priceMoves ?? [-0.3, -0.2, -0.1, -0.05, 0, 0.05, 0.1, 0.2, 0.3];
  const volShifts = params.volShifts ?? [-0.1, 0, 0.1, 0.2];
  const underlyings = [...new Set(positions.map((p) => p.underlying))];
  const gridAssets = params.gridAssets ?? underlyings;
  const grid: StressSection['grid'] = [];
  const named: StressSection['worst'] = [];
  let worstCell: StressSection['worst'][number] | null = null;
  if (gridAssets.length > 0) {
    const scenarios = priceVolGrid({ assets: gridAssets, priceMoves, volShifts });
    let k = 0;
    for (const pm of priceMoves) {
      for (const vs of volShifts) {
        const s = scenarios[k++];
        const pnl = scenarioPnL(positions, coll, market, applyScenario(market, s));
        grid.push({ priceMove: pm, volShift: vs, pnl });
        if (!worstCell || pnl < worstCell.pnl) worstCell = { scenario: `worst grid cell: ${s.name}`, pnl, window: null, source: `price × vol grid on ${gridAssets.join(', ')}` };
      }
    }
  }
  const extra: Scenario[] = historicalScenarios();
  const held = new Set(coll.map((c) => c.asset));
  for (const a of held) {
    if (STABLES.test(a) && a !== market.quote) extra.push(stablecoinDepeg({ asset: a, depeg: 0.1 }));
    const base = LSTS[a];
    if (base && base in market.assets) extra.push(lstDepeg({ lst: a, base, discount: 0.1, baseMove: -0.2 }));
  }
  for (const s of extra) {
    const touches = Object.keys(s.moves ?? {}).some((a) => a in market.assets);
    if (!touches) continue;
    const pnl = scenarioPnL(positions, coll, market, applyScenario(market, s));
    named.push({ scenario: s.name, pnl, window: s.window ?? null, source: s.source ?? null });
  }
  if (worstCell) named.push(worstCell);
  const worst = named.sort((a, b) => a.pnl - b.pnl).slice(0, 8);
  return { priceMoves, volShifts, gridAssets, grid, worst };
}
