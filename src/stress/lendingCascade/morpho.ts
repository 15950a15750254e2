/**
 * Internal: Morpho Blue's rules for {@link simulateLendingCascade}. The oracle price is the market's `price` moved by
 * the `'collateral'` path; a liquidator repays all the borrow shares when the collateral covers them at the LIF
 * (`repaidShares`), else seizes all the collateral (`seizedAssets`), which realises the remaining debt as bad debt
 * taken from the suppliers (`morphoLiquidate`).
 */
import { RiskInputError } from '../../core/errors.js';
import { checkArray, checkStrictObject, knownKeys } from '../../core/validate.js';
import { morphoHealth, morphoLiquidate } from '../../lending/index.js';
import type { MorphoBlueMarket, MorphoLiquidationResult, MorphoPosition } from '../../lending/index.js';
import { morphoHealthCore } from '../../lending/internal.js';
import { checkIds, under } from './protocolState.js';
import type { PendingLiquidation, ProtocolState } from './protocolState.js';
import type { MorphoCascadePosition } from './types.js';

const POSITION_KEYS = knownKeys('id', 'collateral', 'borrowShares');
const SCALE = 10n ** 36n;

/** The Morpho state of validated inputs (positions copied). */
export function morphoState(positions: unknown, market: MorphoBlueMarket): ProtocolState {
  const list = checkArray(positions, 'positions').map((p, i) => checkStrictObject(p, `positions[${i}]`, POSITION_KEYS));
  const ids = checkIds(list);
  under('market', 'context.market', () => morphoHealth({ collateral: 0n, borrowShares: 0n }, market));
  let m: MorphoBlueMarket = { ...market };
  const pos = new Map<string, MorphoPosition>();
  list.forEach((p, i) => {
    const q = { collateral: p.collateral as bigint, borrowShares: p.borrowShares as bigint };
    under('position', `positions[${i}]`, () => morphoHealth(q, m));
    pos.set(ids[i], q);
  });
  let total = 0n;
  for (const q of pos.values()) total += q.borrowShares;
  if (total > m.totalBorrowShares)
    throw new RiskInputError(
      'context.market.totalBorrowShares',
      'at least the positions\u2019 borrow shares',
      m.totalBorrowShares,
    );
  const sorted = [...ids].sort();
  const call = (q: MorphoPosition): MorphoLiquidationResult | null => {
    if (q.borrowShares === 0n || morphoHealthCore(q, m).healthy) return null;
    const full = morphoLiquidate(q, m, { repaidShares: q.borrowShares });
    if (full.allowed) return full;
    if (q.collateral === 0n) return null;
    const all = morphoLiquidate(q, m, { seizedAssets: q.collateral });
    return all.allowed ? all : null;
  };
  return {
    protocol: 'morpho-blue',
    assets: [
      { name: 'collateral', p0: market.price, scale: SCALE },
      { name: 'loan', p0: 1n, scale: 1n, fixed: true },
    ],
    setPrices(o) {
      m = { ...m, price: o.get('collateral') as bigint };
    },
    liquidatable: () => sorted.filter((id) => call(pos.get(id) as MorphoPosition) !== null),
    liquidation(id): PendingLiquidation | null {
      const r = call(pos.get(id) as MorphoPosition);
      if (r === null) return null;
      return {
        event: {
          id,
          kind: 'liquidate',
          debtRepaid: r.repaidAssets,
          debtAsset: 'loan',
          collateral: r.seizedAssets === 0n ? [] : [{ asset: 'collateral', amount: r.seizedAssets }],
          protocolFee: 0n,
          debtWrittenOff: r.badDebtAssets === 0n ? [] : [{ asset: 'loan', amount: r.badDebtAssets }],
        },
        byLiquidator: true,
        taken: [{ asset: 'collateral', amount: r.seizedAssets }],
        badDebtValue: r.badDebtAssets,
        reservesUsed: 0n,
        commit() {
          pos.set(id, r.positionAfter);
          m = r.marketAfter;
        },
      };
    },
    purchaseAssets: [],
    purchase: () => null,
    reserves: () => 0n,
    positions: () => ids.map((id) => ({ id, ...(pos.get(id) as MorphoPosition) }) as MorphoCascadePosition),
  };
}
