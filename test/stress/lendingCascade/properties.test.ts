/**
 * Invariants of simulateLendingCascade on random small books of each protocol (fast-check, the suite's fixed seed):
 * conservation each round, order independence, no liquidation on a flat path of healthy positions, and more gas
 * never giving more liquidations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateLendingCascade } from '../../../src/stress/index.js';
import type { LendingCascadeEvent, LendingCascadePosition, LendingCascadeResult } from '../../../src/stress/index.js';
import { caseOf, drawArb } from './arbs.js';
import type { Case, ProtocolName } from './arbs.js';

const PROTOCOLS: ProtocolName[] = ['aave-v3', 'compound-v3', 'morpho-blue', 'euler-v2'];
const run = (c: Case, rounds?: number): LendingCascadeResult =>
  simulateLendingCascade(c.positions, rounds === undefined ? c.context : { ...c.context, rounds });

type Book = Map<string, bigint>;
const add = (m: Book, k: string, v: bigint) => m.set(k, (m.get(k) ?? 0n) + v);

/** Σ collateral and Σ debt per asset over the positions (debt only where positions hold it in assets). */
function holdings(ps: readonly LendingCascadePosition[]): { coll: Book; debt: Book } {
  const coll: Book = new Map();
  const debt: Book = new Map();
  for (const p of ps) {
    if ('supplies' in p) {
      for (const [k, v] of Object.entries(p.supplies)) add(coll, k, v);
      for (const [k, v] of Object.entries(p.borrows)) add(debt, k, v);
    } else if ('borrowShares' in p) add(coll, 'collateral', p.collateral);
    else {
      for (const [k, v] of Object.entries(p.collateral)) add(coll, k, v);
      if ('debt' in p) add(debt, 'liability', p.debt);
    }
  }
  return { coll, debt };
}

/** What a round's calls took from positions and removed from their debt, per asset. */
function flows(events: readonly LendingCascadeEvent[]): { coll: Book; debt: Book } {
  const coll: Book = new Map();
  const debt: Book = new Map();
  for (const e of events) {
    if (e.kind === 'buyCollateral') continue;
    for (const c of e.collateral) add(coll, c.asset, c.amount);
    if (e.protocolFee !== 0n) add(coll, e.collateral[0].asset, e.protocolFee);
    add(debt, e.debtAsset, e.debtRepaid);
    for (const w of e.debtWrittenOff) add(debt, w.asset, w.amount);
  }
  return { coll, debt };
}

const same = (a: Book, b: Book, keys: Iterable<string>) => {
  for (const k of keys) expect(a.get(k) ?? 0n, k).toBe(b.get(k) ?? 0n);
};

describe('simulateLendingCascade: invariants', () => {
  for (const protocol of PROTOCOLS) {
    it(`${protocol}: every round conserves collateral and debt, and bad debt = reservesUsed + supplierLoss`, () => {
      fc.assert(
        fc.property(drawArb(0.6, 1.3), (d) => {
          const c = caseOf(protocol, d, 3);
          const full = run(c);
          let before = holdings(c.positions);
          for (let r = 0; r < 3; r++) {
            const after = holdings(run(c, r + 1).positions);
            const f = flows(full.events.filter((e) => e.round === r));
            const taken = new Map([...before.coll].map(([k, v]) => [k, v - (after.coll.get(k) ?? 0n)]));
            same(taken, f.coll, [...before.coll.keys(), ...f.coll.keys()]);
            if (protocol === 'aave-v3' || protocol === 'euler-v2') {
              const paid = new Map([...before.debt].map(([k, v]) => [k, v - (after.debt.get(k) ?? 0n)]));
              same(paid, f.debt, [...before.debt.keys(), ...f.debt.keys()]);
            }
            const x = full.rounds[r];
            expect(x.badDebt).toBe(x.reservesUsed + x.supplierLoss);
            expect(x.reservesUsed >= 0n && x.supplierLoss >= 0n).toBe(true);
            expect(x.liquidations + x.unprofitable + x.capacityLimited).toBeGreaterThanOrEqual(
              protocol === 'compound-v3' ? 0 : x.liquidatable,
            );
            before = after;
          }
          const sum = (k: 'badDebt' | 'supplierLoss' | 'reservesUsed' | 'gasSpent' | 'liquidatorProfit') =>
            full.rounds.reduce((a, x) => a + x[k], 0n);
          for (const k of ['badDebt', 'supplierLoss', 'reservesUsed', 'gasSpent', 'liquidatorProfit'] as const)
            expect(full.totals[k]).toBe(sum(k));
          expect(full.totals.liquidations).toBe(full.events.filter((e) => e.kind !== 'buyCollateral').length);
        }),
        { numRuns: 25 },
      );
    });

    it(`${protocol}: the order of the positions does not matter`, () => {
      fc.assert(
        fc.property(drawArb(0.7, 1.3), fc.array(fc.nat(), { minLength: 5, maxLength: 5 }), (d, keys) => {
          const c = caseOf(protocol, d);
          const order = c.positions.map((_, i) => i).sort((i, j) => keys[i] - keys[j] || i - j);
          const shuffled = { ...c, positions: order.map((i) => c.positions[i]) };
          const a = run(c);
          const b = run(shuffled);
          expect(b.rounds).toEqual(a.rounds);
          expect(b.events).toEqual(a.events);
          expect(b.totals).toEqual(a.totals);
          const byId = (r: LendingCascadeResult) => [...r.positions].sort((x, y) => (x.id < y.id ? -1 : 1));
          expect(byId(b)).toEqual(byId(a));
        }),
        { numRuns: 25 },
      );
    });

    it(`${protocol}: a flat path with healthy positions liquidates nothing`, () => {
      fc.assert(
        fc.property(drawArb(0.2, 0.97, true), (d) => {
          const r = run(caseOf(protocol, d));
          expect(r.events).toEqual([]);
          expect(r.rounds.every((x) => x.liquidatable === 0 && x.badDebt === 0n)).toBe(true);
        }),
        { numRuns: 25 },
      );
    });

    it(`${protocol}: more gas never gives more liquidations (one round, and over the run)`, () => {
      fc.assert(
        fc.property(drawArb(0.7, 1.4), fc.integer({ min: 1, max: 400 }), (d, extra) => {
          const c = caseOf(protocol, d);
          const more = caseOf(protocol, { ...d, gas: d.gas + extra });
          expect(run(more, 1).totals.liquidations).toBeLessThanOrEqual(run(c, 1).totals.liquidations);
          expect(run(more).totals.liquidations).toBeLessThanOrEqual(run(c).totals.liquidations);
        }),
        { numRuns: 25 },
      );
    });
  }
});
