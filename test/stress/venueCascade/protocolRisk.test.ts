/** simulateProtocolRisk on a venue's rules (kind 'dydx', 'drift', 'hyperliquid'). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  RiskInputError,
  type VenueProtocol,
  simulateDriftCascade,
  simulateDydxCascade,
  simulateHyperliquidCascade,
  simulateProtocolRisk,
} from '../../../src/stress/index.js';

type Case = { accounts: never[]; context: { books: Array<Record<string, unknown>> } & Record<string, unknown> };
const load = (name: string): Case =>
  JSON.parse(readFileSync(new URL(`../../fixtures/stress/venue_cascade/${name}.json`, import.meta.url), 'utf8'))
    .cases[0];
/** The fixture's first case as a venue protocol: its books without their paths. */
function protocolOf(kind: VenueProtocol['kind'], c: Case): VenueProtocol {
  const books = c.context.books.map(({ path: _p, shock: _s, ...b }) => b);
  return { kind, accounts: c.accounts, context: { ...c.context, books } } as unknown as VenueProtocol;
}

const venues: Array<{
  kind: VenueProtocol['kind'];
  file: string;
  asset: string;
  run: (p: VenueProtocol, moves: number[], steps: number) => number;
}> = [
  {
    kind: 'dydx',
    file: 'dydx',
    asset: '0',
    run: (p, moves, steps) => {
      const ctx = p.context as Parameters<typeof simulateDydxCascade>[1];
      const r = simulateDydxCascade(
        p.accounts as never,
        { ...ctx, books: ctx.books.map((b) => ({ ...b, path: moves })) },
        { rounds: steps },
      );
      return Number(r.totals.badDebt) / 1e6;
    },
  },
  {
    kind: 'drift',
    file: 'drift',
    asset: 'SOL-PERP',
    run: (p, moves, steps) => {
      const ctx = p.context as Parameters<typeof simulateDriftCascade>[1];
      const r = simulateDriftCascade(
        p.accounts as never,
        { ...ctx, books: ctx.books.map((b) => ({ ...b, path: moves })) },
        { rounds: steps },
      );
      return Number(r.totals.badDebt) / 1e6;
    },
  },
  {
    kind: 'hyperliquid',
    file: 'hyperliquid',
    asset: 'ETH',
    run: (p, moves, steps) => {
      const ctx = p.context as Parameters<typeof simulateHyperliquidCascade>[1];
      const r = simulateHyperliquidCascade(
        p.accounts as never,
        { ...ctx, books: ctx.books.map((b) => ({ ...b, path: moves })) },
        { rounds: steps },
      );
      return r.totals.badDebt.toNumber();
    },
  },
];

describe('simulateProtocolRisk on the venues rules', () => {
  for (const v of venues) {
    it(`${v.kind}: each path is the venue cascade on its moves; figures summarise the paths`, () => {
      const protocol = protocolOf(v.kind, load(v.file));
      const options = { paths: 40, steps: 4, dt: 1 / 365, seed: 11, detail: 5 };
      const res = simulateProtocolRisk(protocol, { assets: { [v.asset]: { vol: 1.5 } } }, options);
      expect(res.paths).toBe(40);
      for (const [k, d] of res.detail.entries()) {
        expect(d.badDebt.toNumber()).toBeCloseTo(res.badDebtByPath[k], 9);
        expect(v.run(protocol, d.moves[v.asset], 4)).toBeCloseTo(res.badDebtByPath[k], 9);
      }
      const mean = res.badDebtByPath.reduce((s, x) => s + x, 0) / 40;
      expect(res.badDebt.mean.value).toBeCloseTo(mean, 9);
      expect(res.badDebtByPath.some((x) => x > 0)).toBe(true);
      // deterministic for a seed, whatever the order of the accounts
      const again = simulateProtocolRisk(
        { ...protocol, accounts: [...protocol.accounts].reverse() } as VenueProtocol,
        { assets: { [v.asset]: { vol: 1.5 } } },
        options,
      );
      expect(again.badDebtByPath).toEqual(res.badDebtByPath);
    });
  }

  it('refuses a book with its own path (the simulation draws it) and an unknown kind', () => {
    const c = load('dydx');
    const withPath = { kind: 'dydx', accounts: c.accounts, context: c.context } as unknown as VenueProtocol;
    const opts = { paths: 2, steps: 2, dt: 1 / 365, seed: 1 };
    expect(() => simulateProtocolRisk(withPath, { assets: { '0': { vol: 1 } } }, opts)).toThrow(RiskInputError);
    try {
      simulateProtocolRisk(withPath, { assets: { '0': { vol: 1 } } }, opts);
    } catch (e) {
      expect((e as RiskInputError).path).toBe('protocol.context.books[0].path');
    }
    const bad = { ...protocolOf('dydx', c), kind: 'gmx' } as unknown as VenueProtocol;
    expect(() => simulateProtocolRisk(bad, { assets: { '0': { vol: 1 } } }, opts)).toThrow(/protocol\.kind/);
  });
});
