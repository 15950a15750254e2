/**
 * Internal: Compound III's rules for {@link simulateLendingCascade}. Oracle prices are the assets' price feeds and
 * `basePrice` moved by their paths. A liquidatable account is absorbed by the protocol (`cometAbsorb`: its collateral
 * goes to the protocol at price × liquidationFactor, its debt is paid from the reserves); liquidators then buy the
 * absorbed collateral from the reserves at the store-front discount (`cometQuoteCollateral`) while reserves are
 * below `targetReserves` and the purchase pays. An absorb's shortfall (debt above the credited collateral) is the
 * round's bad debt, borne by the reserves while they are positive and by the suppliers beyond.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkArray, checkStrictObject, knownKeys } from '../../core/validate.js';
import { cometAbsorb, cometLiquidity, cometQuoteCollateral, cometReserves } from '../../lending/index.js';
import type { CometAccount, CometMarket } from '../../lending/index.js';
import { checkIds, under, valueAt } from './protocolState.js';
import type { PendingLiquidation, ProtocolState } from './protocolState.js';
import type { CometCascadePosition } from './types.js';

const POSITION_KEYS = knownKeys('id', 'principal', 'collateral');

/** A signed value at a price: amount × price / scale truncated toward zero (Comet's signed mulPrice). */
const signedValue = (x: bigint, price: bigint, scale: bigint): bigint =>
  x < 0n ? -valueAt(-x, price, scale) : valueAt(x, price, scale);

/** The Comet state of validated inputs (accounts and market copied). */
export function cometState(positions: unknown, market: CometMarket, targetReserves: bigint | null): ProtocolState {
  const list = checkArray(positions, 'positions').map((p, i) => checkStrictObject(p, `positions[${i}]`, POSITION_KEYS));
  const ids = checkIds(list);
  under('market', 'context.market', () => cometReserves(market));
  let m: CometMarket = { ...market, assets: market.assets.map((a) => ({ ...a })) };
  const acc = new Map<string, CometAccount>();
  list.forEach((p, i) => {
    const q = { principal: p.principal as bigint, collateral: p.collateral as Record<string, bigint> };
    under('account', `positions[${i}]`, () => cometLiquidity(q, m));
    acc.set(ids[i], { principal: q.principal, collateral: { ...q.collateral } });
  });
  let borrowed = 0n;
  for (const a of acc.values()) if (a.principal < 0n) borrowed -= a.principal;
  if (borrowed > m.totalBorrowBase)
    throw new RiskInputError(
      'context.market.totalBorrowBase',
      'at least the positions\u2019 borrowed principal',
      m.totalBorrowBase,
    );
  const baseScale = 10n ** BigInt(m.baseDecimals);
  const inventory = new Map<string, bigint>(m.assets.map((a) => [a.asset, 0n]));
  const sorted = [...ids].sort();
  const reservesBase = () => cometReserves(m).reserves;
  const reservesValue = () => signedValue(reservesBase(), m.basePrice, baseScale);
  return {
    protocol: 'compound-v3',
    assets: [
      ...market.assets.map((a) => ({ name: a.asset, p0: a.price, scale: 10n ** BigInt(a.decimals) })),
      { name: 'base', p0: market.basePrice, scale: baseScale },
    ],
    setPrices(o) {
      m = {
        ...m,
        basePrice: o.get('base') as bigint,
        assets: m.assets.map((a) => ({ ...a, price: o.get(a.asset) as bigint })),
      };
    },
    liquidatable: () => sorted.filter((id) => cometLiquidity(acc.get(id) as CometAccount, m).isLiquidatable),
    liquidation(id): PendingLiquidation | null {
      const a = acc.get(id) as CometAccount;
      const r = cometAbsorb(a, m);
      if (!r.allowed) return null;
      const badDebtValue = valueAt(r.badDebt, m.basePrice, baseScale);
      const before = reservesValue();
      const cover = before > 0n ? before : 0n;
      return {
        event: {
          id,
          kind: 'absorb',
          debtRepaid: r.debtRepaid,
          debtAsset: 'base',
          collateral: r.collateralSeized,
          protocolFee: 0n,
          debtWrittenOff: r.badDebt === 0n ? [] : [{ asset: 'base', amount: r.badDebt }],
        },
        byLiquidator: false,
        taken: r.collateralSeized,
        badDebtValue,
        reservesUsed: badDebtValue < cover ? badDebtValue : cover,
        commit() {
          acc.set(id, {
            principal: r.principalAfter,
            collateral: Object.fromEntries(Object.keys(a.collateral).map((k) => [k, 0n])),
          });
          for (const s of r.collateralSeized) inventory.set(s.asset, (inventory.get(s.asset) as bigint) + s.amount);
          m = { ...m, totalSupplyBase: r.totalSupplyBase, totalBorrowBase: r.totalBorrowBase };
        },
      };
    },
    purchaseAssets: market.assets.map((a) => a.asset),
    purchase(name): PendingLiquidation | null {
      {
        const asset = m.assets.find((a) => a.asset === name);
        const held = inventory.get(name) ?? 0n;
        if (asset === undefined || held === 0n) return null;
        const reserves = reservesBase();
        if (targetReserves !== null && reserves >= 0n && reserves >= targetReserves) return null;
        const { discountedPrice } = cometQuoteCollateral({ asset: asset.asset, baseAmount: 0n }, m);
        const scale = 10n ** BigInt(asset.decimals);
        const baseAmount = (held * discountedPrice * baseScale) / (m.basePrice * scale);
        if (baseAmount === 0n) return null;
        const bought = cometQuoteCollateral({ asset: asset.asset, baseAmount }, m).collateralAmount;
        return {
          event: {
            id: 'reserves',
            kind: 'buyCollateral',
            debtRepaid: baseAmount,
            debtAsset: 'base',
            collateral: [{ asset: asset.asset, amount: bought }],
            protocolFee: 0n,
            debtWrittenOff: [],
          },
          byLiquidator: true,
          taken: [],
          badDebtValue: 0n,
          reservesUsed: 0n,
          commit() {
            inventory.set(asset.asset, (inventory.get(asset.asset) as bigint) - bought);
            m = { ...m, baseBalance: m.baseBalance + baseAmount };
          },
        };
      }
    },
    reserves: reservesValue,
    positions: () => ids.map((id) => ({ id, ...(acc.get(id) as CometAccount) }) as CometCascadePosition),
  };
}
