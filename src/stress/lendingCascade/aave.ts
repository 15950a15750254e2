/**
 * Internal: Aave v3.3's rules for {@link simulateLendingCascade} on the bigint fast path (`fastMarket`,
 * `fastLiquidation`). Oracle prices are the reserves' prices moved by their paths; a liquidator repays the most the
 * close factor allows (50% of the debt, 100% at HF ≤ 0.95 or for small positions) of the largest debt against the
 * largest collateral (by value; e-mode thresholds and bonus when the context names one), receiving the collateral
 * with the liquidation bonus less the protocol fee. When a call takes the last collateral, the account's
 * remaining debt is burnt as deficit: bad debt borne by the suppliers; protocol fees accrue to the treasury.
 */
import { Money } from '../../core/money.js';
import type { MoneyInput } from '../../core/money.js';
import { checkArray, checkKeys, checkObject, checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import { RiskInputError } from '../../core/errors.js';
import { fastLiquidation, fastMarket, lendingMarket } from '../../lending/index.js';
import type { FastLiquidation, FastMarket, LendingMarketParams } from '../../lending/index.js';
import { checkIds, under, valueAt } from './protocolState.js';
import type { PendingLiquidation, ProtocolState } from './protocolState.js';
import type { AaveCascadePosition } from './types.js';

const POSITION_KEYS = knownKeys('id', 'supplies', 'borrows');

interface Balances {
  s: bigint[];
  b: bigint[];
}

function readBalances(value: unknown, path: string, assets: readonly string[]): bigint[] {
  const o = checkObject(value, path);
  checkKeys(o, path, new Set(assets));
  return assets.map((a) => {
    if (!Object.hasOwn(o, a)) return 0n;
    const v = o[a];
    if (typeof v !== 'bigint' || v < 0n || v >= 2n ** 128n)
      throw new RiskInputError(joinPath(path, a), 'a bigint in [0, 2^128) (base units)', v);
    return v;
  });
}

/** Index of the largest value among `amounts` at the market's prices (ties: the first), or −1 when all are 0. */
function largest(fm: FastMarket, amounts: readonly bigint[], usable: (i: number) => boolean): number {
  let best = -1;
  let bestValue = -1n;
  amounts.forEach((x, i) => {
    if (x === 0n || !usable(i)) return;
    const v = valueAt(x, fm.price[i], fm.unit[i]);
    if (v > bestValue) {
      best = i;
      bestValue = v;
    }
  });
  return best;
}

/** The Aave state of validated inputs (balances copied into arrays in the market's reserve order). */
export function aaveState(
  positions: unknown,
  market: LendingMarketParams,
  prices: Record<string, MoneyInput>,
  eMode: number,
): ProtocolState {
  const list = checkArray(positions, 'positions').map((p, i) => checkStrictObject(p, `positions[${i}]`, POSITION_KEYS));
  const ids = checkIds(list);
  const lm = under('market', 'context.market', () => lendingMarket(market));
  const fm0 = under('prices', 'context.prices', () =>
    under('market', 'context.market', () => under('opts', 'context', () => fastMarket(lm, prices, { eMode }))),
  );
  const names = fm0.assets;
  const decimals = new Money(10).pow(lm.priceDecimals);
  let fm = fm0;
  const bal = new Map<string, Balances>();
  list.forEach((p, i) => {
    bal.set(ids[i], {
      s: readBalances(p.supplies, `positions[${i}].supplies`, names),
      b: readBalances(p.borrows, `positions[${i}].borrows`, names),
    });
  });
  const sorted = [...ids].sort();
  let treasury = 0n;
  const call = (x: Balances): { r: FastLiquidation; c: number; d: number } | null => {
    const c = largest(fm, x.s, (i) => fm.ltBps[i] > 0n);
    const d = largest(fm, x.b, () => true);
    if (c < 0 || d < 0) return null;
    const r = fastLiquidation(fm, x.s, x.b, c, d);
    return r.reason === 0 && r.debtRepaid > 0n ? { r, c, d } : null;
  };
  const priced = names.map((n, i) => ({ n, i })).filter(({ i }) => fm0.price[i] > 0n);
  return {
    protocol: 'aave-v3',
    assets: priced.map(({ n, i }) => ({ name: n, p0: fm0.price[i], scale: fm0.unit[i] })),
    setPrices(o) {
      const p: Record<string, string> = {};
      for (const { n } of priced) p[n] = new Money(String(o.get(n) as bigint)).div(decimals).toFixed();
      fm = fastMarket(lm, p, { eMode });
    },
    liquidatable: () => sorted.filter((id) => call(bal.get(id) as Balances) !== null),
    liquidation(id): PendingLiquidation | null {
      const x = bal.get(id) as Balances;
      const found = call(x);
      if (found === null) return null;
      const { r, c, d } = found;
      const left = x.b.map((v, i) => (i === d ? v - r.debtRepaid : v));
      const written = r.deficit ? left : left.map(() => 0n);
      let badDebtValue = 0n;
      written.forEach((w, i) => {
        badDebtValue += valueAt(w, fm.price[i], fm.unit[i]);
      });
      const taken = r.collateralToLiquidator + r.protocolFee;
      return {
        event: {
          id,
          kind: 'liquidate',
          debtRepaid: r.debtRepaid,
          debtAsset: names[d],
          collateral: [{ asset: names[c], amount: r.collateralToLiquidator }],
          protocolFee: r.protocolFee,
          debtWrittenOff: written.flatMap((w, i) => (w === 0n ? [] : [{ asset: names[i], amount: w }])),
        },
        byLiquidator: true,
        taken: [{ asset: names[c], amount: taken }],
        badDebtValue,
        reservesUsed: 0n,
        commit() {
          const s = x.s.slice();
          s[c] -= taken;
          bal.set(id, { s, b: left.map((v, i) => v - written[i]) });
          treasury += valueAt(r.protocolFee, fm.price[c], fm.unit[c]);
        },
      };
    },
    purchaseAssets: [],
    purchase: () => null,
    reserves: () => treasury,
    positions: () =>
      ids.map((id) => {
        const x = bal.get(id) as Balances;
        const rec = (v: bigint[]) => Object.fromEntries(names.flatMap((n, i) => (v[i] === 0n ? [] : [[n, v[i]]])));
        return { id, supplies: rec(x.s), borrows: rec(x.b) } as AaveCascadePosition;
      }),
  };
}
