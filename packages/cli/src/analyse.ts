/**
 * Compute every section of the report from a validated book. Each risk section calls the library module that owns
 * it (greeks, var/es, montecarlo, netting, haircuts, stress); a figure the book cannot support (no price history,
 * no cascade accounts, too few scenarios for the confidence) says why instead of showing anything.
 */
import { Money } from 'riskcore';
import type { Position } from 'riskcore';
import type { Account } from 'riskcore/netting';
import type { Book } from './book.js';
import type { CollateralRow, CompositionRow, ReportResults, ReportSections } from './results.js';
import { collateralSection } from './sections/collateral.js';
import { greeksSection } from './sections/greeks.js';
import { hedgeSection } from './sections/hedge.js';
import { marginSection } from './sections/margin.js';
import { cascadeSection } from './sections/cascade.js';
import { reverseStressSection } from './sections/reverseStress.js';
import { riskSection } from './sections/risk.js';
import { stressSection } from './sections/stress.js';
import { limitsSection } from './sections/limits.js';

export interface AnalyseOptions {
  file: string;
  version: string;
  confidence?: number;
  paths?: number;
  seed?: number;
  /** Called with (done, total) during long Monte Carlo runs. */
  onProgress?: (done: number, total: number) => void;
}

/** Gross notional of a position in quote currency (see {@link CompositionRow.grossNotional}). */
export function grossNotional(p: Position, price: number): number {
  if ((p.kind === 'perp' || p.kind === 'future') && p.settlement === 'inverse') return Math.abs(p.quantity);
  return Math.abs(p.quantity) * price;
}

/** Every collateral holding of the book (accounts and sub-accounts) valued at market, before haircuts. */
export function collateralRows(book: Book): CollateralRow[] {
  const rows: CollateralRow[] = [];
  for (const a of book.file.accounts) {
    const add = (id: string, list: { asset: string; amount: string | number }[] | undefined) => {
      for (const c of list ?? []) {
        const price = book.market.assets[c.asset].price;
        const amount = new Money(String(c.amount));
        rows.push({
          account: id,
          asset: c.asset,
          amount: amount.toString(),
          price,
          marketValue: amount.mul(new Money(String(price))).toString(),
        });
      }
    };
    add(a.id, a.collateral);
    for (const s of a.subAccounts ?? []) add(`${a.id}/${s.id}`, s.collateral);
  }
  return rows;
}

function composition(book: Book): CompositionRow[] {
  const by = new Map<string, CompositionRow>();
  for (const { position: p } of book.entries) {
    const price = book.market.assets[p.underlying].price;
    let row = by.get(p.underlying);
    if (!row) {
      row = { underlying: p.underlying, price, positions: 0, grossNotional: 0, byKind: {} };
      by.set(p.underlying, row);
    }
    const n = grossNotional(p, price);
    row.positions++;
    row.grossNotional += n;
    row.byKind[p.kind] = (row.byKind[p.kind] ?? 0) + n;
  }
  return [...by.values()].sort((a, b) => b.grossNotional - a.grossNotional);
}

/** Run the whole analysis. */
export async function analyse(book: Book, opts: AnalyseOptions): Promise<ReportResults> {
  const params = book.file.parameters ?? {};
  const confidence = opts.confidence ?? params.confidence ?? 0.99;
  const horizonDays = params.horizonDays ?? 1;
  const paths = opts.paths ?? params.paths ?? 20000;
  const seed = opts.seed ?? params.seed ?? 1;
  const collateral = collateralRows(book);
  const historyNames = book.history ? Object.keys(book.history.prices) : [];
  const positions = book.entries.map((e) => e.position);
  const haircuts = params.haircuts ?? {};
  const greeks = greeksSection(positions, book.market);
  const accounts = book.file.accounts as Account[];
  const cascade = cascadeSection(book);
  const method = params.marginMethod ?? 'cross';
  const stress = stressSection(book, positions, accounts, method, haircuts);
  const byUnderlying = composition(book);
  const ids = book.file.accounts.map((a) => a.id);
  const margin = marginSection(
    accounts,
    ids,
    book.market,
    haircuts,
    method,
    byUnderlying.reduce((t, u) => t + u.grossNotional, 0),
  );
  const index = new Map(ids.map((id, i) => [id, i]));
  const stretched = margin.byAccount.map((a) => index.get(a.account)!);
  const sections: ReportSections = {
    greeks: { available: true, ...greeks },
    margin: { available: true, ...margin },
    collateral: { available: true, ...collateralSection(book, book.market, haircuts) },
    risk: {
      available: true,
      ...riskSection(book, positions, {
        confidence,
        horizonDays,
        paths,
        seed,
        greeks: greeks.byUnderlying,
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      }),
    },
    stress: { available: true, ...stress },
    reverseStress: {
      available: true,
      ...reverseStressSection(accounts, ids, book.market, haircuts, method, stretched),
    },
    hedge: positions.length
      ? {
          available: true,
          ...hedgeSection(positions, book.market, book.hedgeInstruments, {
            priceMoves: stress.priceMoves,
            volShifts: stress.volShifts,
            assets: stress.gridAssets,
          }),
        }
      : { available: false, reason: 'the book has no positions' },
    cascade: cascade
      ? { available: true, ...cascade }
      : { available: false, reason: 'the book has no cascade section (accounts for a liquidation cascade)' },
  };
  const comp = {
    byUnderlying,
    collateral,
    collateralMarketValue: collateral.reduce((t, r) => t.plus(r.marketValue), new Money(0)).toString(),
  };
  const limits = limitsSection((book.file as { limits?: unknown }).limits, { sections, composition: comp });
  return {
    tool: { name: 'riskcore', version: opts.version },
    book: {
      file: opts.file,
      name: book.file.name ?? null,
      asOf: book.file.asOf ?? null,
      quote: book.market.quote ?? 'USD',
      accounts: book.file.accounts.length,
      subAccounts: book.file.accounts.reduce((s, a) => s + (a.subAccounts?.length ?? 0), 0),
      positions: book.entries.length,
      assets: Object.keys(book.market.assets),
      historyObservations: historyNames.length ? book.history!.prices[historyNames[0]].length : 0,
      syntheticHistory: (book.file.history as { synthetic?: unknown } | undefined)?.synthetic === true,
    },
    parameters: { confidence, horizonDays, paths, seed, marginMethod: method },
    composition: comp,
    sections,
    limits,
  };
}
