/**
 * Internal: the round loop of {@link simulateLendingCascade} on a validated run (./inputs.ts). Per round: prices
 * move and the oracles read them (./prices.ts); the protocol's liquidatable positions are ranked (protocol absorbs
 * first, then by the liquidator's profit, high to low, then by id, so the input order never matters); each call
 * is recomputed on the state the previous calls left, made when it pays (or is the protocol's own), up to the
 * round's capacity; Compound's reserves then sell the absorbed collateral; the sales move the market prices.
 */
import { advance, impact, slippage, startRun } from './prices.js';
import type { PriceRun } from './prices.js';
import type { LendingRun } from './inputs.js';
import type { PendingLiquidation } from './protocolState.js';
import { valueAt } from './protocolState.js';
import type { LendingCascadeEvent, LendingCascadeResult, LendingCascadeRound, LendingCascadeTotals } from './types.js';

const zeroTotals = (): LendingCascadeTotals => ({
  liquidations: 0,
  debtRepaid: 0n,
  collateralSeized: 0n,
  liquidatorProfit: 0n,
  gasSpent: 0n,
  slippage: 0n,
  protocolFees: 0n,
  badDebt: 0n,
  reservesUsed: 0n,
  supplierLoss: 0n,
});

/** Runs the cascade. */
export function runLendingCascade(run: LendingRun): LendingCascadeResult {
  const { state, rounds, gasCost, capacity } = run;
  const runs = new Map<string, PriceRun>(run.tracks.map((t) => [t.asset.name, startRun(t)]));
  const price = (asset: string, at: 'oracle' | 'market'): { p: bigint; s: bigint } => {
    const r = runs.get(asset) as PriceRun;
    return { p: r[at], s: r.track.asset.scale };
  };
  const value = (asset: string, amount: bigint, at: 'oracle' | 'market'): bigint => {
    const { p, s } = price(asset, at);
    return valueAt(amount, p, s);
  };
  const out: LendingCascadeRound[] = [];
  const events: LendingCascadeEvent[] = [];
  const totals = zeroTotals();
  for (let r = 0; r < rounds; r++) {
    const oracle = new Map<string, bigint>();
    for (const [name, pr] of runs) {
      advance(pr, r);
      oracle.set(name, pr.oracle);
    }
    state.setPrices(oracle);
    const sold = new Map<string, bigint>();
    /** The liquidator's result of `l` after this round's earlier sales; also its slippage. */
    const profitOf = (l: PendingLiquidation): { profit: bigint; slip: bigint } => {
      if (!l.byLiquidator) return { profit: 0n, slip: 0n };
      let proceeds = 0n;
      let slip = 0n;
      for (const c of l.event.collateral) {
        const v = value(c.asset, c.amount, 'market');
        const s = slippage((runs.get(c.asset) as PriceRun).track.depth, sold.get(c.asset) ?? 0n, v);
        proceeds += v - s;
        slip += s;
      }
      return { profit: proceeds - value(l.event.debtAsset, l.event.debtRepaid, 'market') - gasCost, slip };
    };
    const ids = state.liquidatable();
    const ranked = ids
      .flatMap((id) => {
        const l = state.liquidation(id);
        return l === null ? [] : [{ id, own: !l.byLiquidator, profit: profitOf(l).profit }];
      })
      .sort((a, b) =>
        a.own !== b.own
          ? a.own
            ? -1
            : 1
          : a.profit !== b.profit
            ? a.profit > b.profit
              ? -1
              : 1
            : a.id < b.id
              ? -1
              : 1,
      );
    const round: LendingCascadeRound = {
      round: r,
      oraclePrices: Object.fromEntries([...runs].map(([n, pr]) => [n, pr.oracle])),
      marketPrices: Object.fromEntries([...runs].map(([n, pr]) => [n, pr.market])),
      liquidatable: ids.length,
      liquidations: 0,
      unprofitable: 0,
      capacityLimited: 0,
      debtRepaid: 0n,
      collateralSeized: 0n,
      liquidatorProfit: 0n,
      gasSpent: 0n,
      slippage: 0n,
      protocolFees: 0n,
      badDebt: 0n,
      reservesUsed: 0n,
      supplierLoss: 0n,
      reserves: 0n,
    };
    let calls = 0;
    const attempt = (l: PendingLiquidation | null): void => {
      if (l === null) return;
      if (calls >= capacity) {
        round.capacityLimited++;
        return;
      }
      const { profit, slip } = profitOf(l);
      if (l.byLiquidator && profit <= 0n) {
        round.unprofitable++;
        return;
      }
      for (const c of l.event.collateral)
        if (l.byLiquidator) sold.set(c.asset, (sold.get(c.asset) ?? 0n) + value(c.asset, c.amount, 'market'));
      const fee = l.event.protocolFee === 0n ? 0n : value(l.event.collateral[0].asset, l.event.protocolFee, 'oracle');
      if (l.event.kind !== 'buyCollateral') {
        round.debtRepaid += value(l.event.debtAsset, l.event.debtRepaid, 'oracle');
        round.liquidations++;
      }
      for (const t of l.taken) round.collateralSeized += value(t.asset, t.amount, 'oracle');
      round.liquidatorProfit += profit;
      round.gasSpent += l.byLiquidator ? gasCost : 0n;
      round.slippage += slip;
      round.protocolFees += fee;
      round.badDebt += l.badDebtValue;
      round.reservesUsed += l.reservesUsed;
      round.supplierLoss += l.badDebtValue - l.reservesUsed;
      l.commit();
      calls++;
      events.push({ round: r, ...l.event, profit });
    };
    for (const { id } of ranked) attempt(state.liquidation(id));
    for (const asset of state.purchaseAssets) attempt(state.purchase(asset));
    for (const [name, amount] of sold) impact(runs.get(name) as PriceRun, amount);
    round.reserves = state.reserves();
    out.push(round);
    totals.liquidations += round.liquidations;
    for (const k of [
      'debtRepaid',
      'collateralSeized',
      'liquidatorProfit',
      'gasSpent',
      'slippage',
      'protocolFees',
      'badDebt',
      'reservesUsed',
      'supplierLoss',
    ] as const)
      totals[k] += round[k];
  }
  return { protocol: state.protocol, rounds: out, events, totals, positions: state.positions() };
}
