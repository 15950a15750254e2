/**
 * A tick applied to the engine: the underlying's price, mark and / or vol replaced in the market, its shocked
 * scenario prices and its option instruments re-priced once (portfolio method), then every account holding it
 * re-figured ({@link tickRows}). Internal file of riskcore/engine.
 */
import type { AssetMarket } from '../core/model.js';
import { validateAssetMarket } from '../core/model.js';
import type { MarginContext } from '../netting/internal.js';
import type { Columns } from './columns.js';
import { tickRows } from './fastTick.js';
import type { FigureContext } from './figures.js';
import { shockPrices } from './portfolio.js';

/** What a tick reads and changes of the engine. */
export interface TickHost {
  c: Columns;
  fc: FigureContext;
  undIndex: Map<string, number>;
  /** Forget the market's prepared context (the market changed). */
  dropContext(): void;
  context(): MarginContext;
}

/** Apply a validated tick with the engine's next epoch. */
export function applyTick(
  host: TickHost,
  e: { underlying: string; price: number | undefined; mark: number | undefined; vol: number | undefined },
  path: string,
  epoch: number,
): void {
  const { fc } = host;
  const old = fc.market.assets[e.underlying];
  let next: AssetMarket = old;
  if (e.price !== undefined) {
    const { mark: _m, ...rest } = old;
    next = e.mark === undefined ? { ...rest, price: e.price } : { ...rest, price: e.price, mark: e.mark };
  }
  if (e.vol !== undefined) next = { ...next, vol: e.vol };
  fc.market.assets[e.underlying] = validateAssetMarket(next, path);
  host.dropContext();
  const u = host.undIndex.get(e.underlying) as number;
  fc.prices[u] = fc.market.assets[e.underlying].price;
  const pm = fc.pm;
  if (pm !== null) {
    if (pm.scenP[u] !== undefined) shockPrices(fc, pm, u);
    if ((pm.book.byUnd[u]?.length ?? 0) > 0) pm.book.reprice(u, host.context(), fc.underlyings);
  }
  tickRows(host.c, u, fc, epoch);
}
