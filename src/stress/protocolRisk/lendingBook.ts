/**
 * Internal: a lending protocol's book seen per asset, for {@link recommendCap} on the lending form: what each position
 * supplies (collateral) or owes (debt) of an asset in the protocol's own balance units, and the book with the
 * holders of an asset scaled.
 *
 * Sides per protocol. Aave v3: supply = `supplies[reserve]`, borrow = `borrows[reserve]`. Compound III: supply =
 * `collateral[asset]`, borrow = the negative base principal (asset `'base'`). Morpho Blue: supply = `collateral`
 * (asset `'collateral'`), borrow = `borrowShares` (asset `'loan'`). Euler v2: supply = `collateral[asset]`,
 * borrow = `debt` (asset `'liability'`).
 *
 * Scaling by f = num/den multiplies every balance of a holder (floor toward zero, the protocols' own rounding
 * direction for balances). The market totals follow where the protocol keeps them, so that the scaled book is a
 * valid state with the same share prices and reserves: Compound's totalBorrowBase grows by the added borrowed
 * principal and totalSupplyBase by the principal that funds it (lent by new suppliers; reserves unchanged up to one
 * unit), totalSupplyBase and the base balance by any added supplied principal; Morpho's totalBorrowShares and
 * totalBorrowAssets by the added shares at the market's share price, and the supply side by the same assets.
 */
import { RiskInputError } from '../../core/errors.js';
import { ownValue } from '../../core/validate.js';
import type { CometMarket, MorphoBlueMarket } from '../../lending/index.js';

/** The side of the book a lending cap bounds: collateral supplied or debt owed. */
export type LendingCapSide = 'supply' | 'borrow';

type Obj = Record<string, unknown>;
const big = (x: unknown): bigint => (typeof x === 'bigint' ? x : 0n);
/** x·num/den rounded toward zero. */
const mulDiv = (x: bigint, num: bigint, den: bigint): bigint => (x < 0n ? -((-x * num) / den) : (x * num) / den);
const scaleRecord = (r: unknown, num: bigint, den: bigint): Record<string, bigint> =>
  Object.fromEntries(Object.entries(r as Record<string, bigint>).map(([k, v]) => [k, mulDiv(v, num, den)]));

/** The amount of `asset` on `side` held by position `p` of `protocol` (balance units, ≥ 0; 0 when none). */
export function heldAmount(protocol: string, p: Obj, asset: string, side: LendingCapSide): bigint {
  if (protocol === 'aave-v3') return big(ownValue(p[side === 'supply' ? 'supplies' : 'borrows'] as Obj, asset));
  if (protocol === 'compound-v3') {
    if (side === 'borrow') return asset === 'base' && big(p.principal) < 0n ? -big(p.principal) : 0n;
    return big(ownValue(p.collateral as Obj, asset));
  }
  if (protocol === 'morpho-blue') {
    if (side === 'borrow') return asset === 'loan' ? big(p.borrowShares) : 0n;
    return asset === 'collateral' ? big(p.collateral) : 0n;
  }
  if (side === 'borrow') return asset === 'liability' ? big(p.debt) : 0n;
  return big(ownValue(p.collateral as Obj, asset));
}

/** Position `p` with every balance scaled by num/den. */
function scalePosition(protocol: string, p: Obj, num: bigint, den: bigint): Obj {
  if (protocol === 'aave-v3')
    return { ...p, supplies: scaleRecord(p.supplies, num, den), borrows: scaleRecord(p.borrows, num, den) };
  if (protocol === 'compound-v3')
    return { ...p, principal: mulDiv(big(p.principal), num, den), collateral: scaleRecord(p.collateral, num, den) };
  if (protocol === 'morpho-blue')
    return {
      ...p,
      collateral: mulDiv(big(p.collateral), num, den),
      borrowShares: mulDiv(big(p.borrowShares), num, den),
    };
  return { ...p, debt: mulDiv(big(p.debt), num, den), collateral: scaleRecord(p.collateral, num, den) };
}

const nonNegative = (x: bigint): bigint => (x < 0n ? 0n : x);

/** Compound's market after the book's principals moved from `before` to `after` (see the module comment). */
function cometTotals(m: CometMarket, before: Obj[], after: Obj[]): CometMarket {
  let dBorrow = 0n;
  let dSupply = 0n;
  before.forEach((p, i) => {
    const a = big(p.principal);
    const b = big(after[i].principal);
    dBorrow += (b < 0n ? -b : 0n) - (a < 0n ? -a : 0n);
    dSupply += (b > 0n ? b : 0n) - (a > 0n ? a : 0n);
  });
  // principal of the new suppliers whose base is lent out: Δborrow·borrowIndex/supplyIndex (rounded up when added)
  const bi = m.baseBorrowIndex;
  const si = m.baseSupplyIndex;
  const lent = dBorrow >= 0n ? (dBorrow * bi + si - 1n) / si : -((-dBorrow * bi) / si);
  return {
    ...m,
    totalBorrowBase: nonNegative(m.totalBorrowBase + dBorrow),
    totalSupplyBase: nonNegative(m.totalSupplyBase + dSupply + lent),
    baseBalance: nonNegative(m.baseBalance + mulDiv(dSupply, si, 10n ** 15n)),
  };
}

/** Morpho's market after the book's borrow shares moved by `dShares` (see the module comment). */
function morphoTotals(m: MorphoBlueMarket, dShares: bigint): MorphoBlueMarket {
  const dAssets = mulDiv(dShares, m.totalBorrowAssets + 1n, m.totalBorrowShares + 10n ** 6n);
  const dSupplyShares = mulDiv(dAssets, m.totalSupplyShares + 10n ** 6n, m.totalSupplyAssets + 1n);
  return {
    ...m,
    totalBorrowShares: nonNegative(m.totalBorrowShares + dShares),
    totalBorrowAssets: nonNegative(m.totalBorrowAssets + dAssets),
    totalSupplyAssets: nonNegative(m.totalSupplyAssets + dAssets),
    totalSupplyShares: nonNegative(m.totalSupplyShares + dSupplyShares),
  };
}

/**
 * The book with every position holding `asset` on `side` scaled by num/den, and the context with the market totals
 * that follow (validated inputs; nothing mutated).
 */
export function scaleLendingBook(
  protocol: string,
  positions: unknown[],
  ctx: Obj,
  asset: string,
  side: LendingCapSide,
  num: bigint,
  den: bigint,
): { positions: Obj[]; ctx: Obj } {
  const before = positions as Obj[];
  const after = before.map((p) =>
    heldAmount(protocol, p, asset, side) > 0n ? scalePosition(protocol, p, num, den) : p,
  );
  if (protocol === 'compound-v3')
    return { positions: after, ctx: { ...ctx, market: cometTotals(ctx.market as CometMarket, before, after) } };
  if (protocol === 'morpho-blue') {
    let d = 0n;
    before.forEach((p, i) => {
      d += big(after[i].borrowShares) - big(p.borrowShares);
    });
    return { positions: after, ctx: { ...ctx, market: morphoTotals(ctx.market as MorphoBlueMarket, d) } };
  }
  return { positions: after, ctx };
}

/** Σ over the book of the amount of `asset` on `side`; a RiskInputError at `options.asset` when it is 0. */
export function bookAmount(protocol: string, positions: unknown[], asset: string, side: LendingCapSide): bigint {
  let s = 0n;
  for (const p of positions as Obj[]) s += heldAmount(protocol, p, asset, side);
  if (s === 0n) {
    const what = side === 'supply' ? 'supply as collateral' : 'owe';
    throw new RiskInputError('options.asset', `an asset the positions ${what} (${protocol})`, asset);
  }
  return s;
}
