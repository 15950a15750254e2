/**
 * Internal: Euler v2's rules for {@link simulateLendingCascade}. Oracle prices are the vault's collateral prices and
 * `liabilityPrice` moved by their paths; a liquidator takes over the most debt `liquidate` allows (discount = how
 * far the account is underwater, capped by maxLiquidationDiscount) against the collateral of largest value; debt
 * left on an account without collateral is socialised to the vault's depositors (`eulerLiquidate`).
 */
import { checkArray, checkStrictObject, knownKeys } from '../../core/validate.js';
import { eulerAccountLiquidity, eulerLiquidate } from '../../lending/index.js';
import type { EulerAccount, EulerLiquidationResult, EulerVault } from '../../lending/index.js';
import { checkIds, under, valueAt } from './protocolState.js';
import type { PendingLiquidation, ProtocolState } from './protocolState.js';
import type { EulerCascadePosition } from './types.js';

const POSITION_KEYS = knownKeys('id', 'debt', 'collateral', 'lastStatusCheck');
const E18 = 10n ** 18n;

/** The Euler state of validated inputs (accounts copied). */
export function eulerState(positions: unknown, vault: EulerVault): ProtocolState {
  const list = checkArray(positions, 'positions').map((p, i) => checkStrictObject(p, `positions[${i}]`, POSITION_KEYS));
  const ids = checkIds(list);
  under('vault', 'context.vault', () => eulerAccountLiquidity({ debt: 0n, collateral: {} }, vault));
  let v: EulerVault = { ...vault, collaterals: vault.collaterals.map((c) => ({ ...c })) };
  const acc = new Map<string, EulerAccount>();
  list.forEach((p, i) => {
    const { id: _id, ...a } = p;
    under('account', `positions[${i}]`, () => eulerAccountLiquidity(a as unknown as EulerAccount, v));
    const q = a as unknown as EulerAccount;
    acc.set(ids[i], { ...q, collateral: { ...q.collateral } });
  });
  const sorted = [...ids].sort();
  const call = (a: EulerAccount): EulerLiquidationResult | null => {
    if (a.debt === 0n) return null;
    let best: string | null = null;
    let bestValue = -1n;
    for (const c of v.collaterals) {
      if (!Object.hasOwn(a.collateral, c.asset)) continue;
      const value = valueAt(a.collateral[c.asset], c.price, E18);
      if (value > bestValue) {
        best = c.asset;
        bestValue = value;
      }
    }
    if (best === null) return null;
    const r = eulerLiquidate(a, v, { collateral: best });
    return r.allowed ? r : null;
  };
  return {
    protocol: 'euler-v2',
    assets: [
      ...vault.collaterals.map((c) => ({ name: c.asset, p0: c.price, scale: E18 })),
      { name: 'liability', p0: vault.liabilityPrice, scale: E18 },
    ],
    setPrices(o) {
      v = {
        ...v,
        liabilityPrice: o.get('liability') as bigint,
        collaterals: v.collaterals.map((c) => ({ ...c, price: o.get(c.asset) as bigint })),
      };
    },
    liquidatable: () => sorted.filter((id) => call(acc.get(id) as EulerAccount) !== null),
    liquidation(id): PendingLiquidation | null {
      const r = call(acc.get(id) as EulerAccount);
      if (r === null) return null;
      return {
        event: {
          id,
          kind: 'liquidate',
          debtRepaid: r.debtRepaid,
          debtAsset: 'liability',
          collateral: r.collateralSeized,
          protocolFee: 0n,
          debtWrittenOff: r.badDebt === 0n ? [] : [{ asset: 'liability', amount: r.badDebt }],
        },
        byLiquidator: true,
        taken: r.collateralSeized,
        badDebtValue: valueAt(r.badDebt, v.liabilityPrice, E18),
        reservesUsed: 0n,
        commit() {
          acc.set(id, r.accountAfter);
        },
      };
    },
    purchaseAssets: [],
    purchase: () => null,
    reserves: () => 0n,
    positions: () => ids.map((id) => ({ id, ...(acc.get(id) as EulerAccount) }) as EulerCascadePosition),
  };
}
