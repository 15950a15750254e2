/**
 * Internal: the parameters {@link recommendParameter} searches on the lending form `{ positions, lending }`, each
 * written into the protocol's own field (values are fractions; the field's integer scale must represent them
 * exactly):
 *
 * - Aave v3 (reserve `asset`): `liquidationThreshold` (bps; the reserve's LTV is lowered to it where above, as
 *   Aave requires LTV ≤ LT), `liquidationBonus` (bps over the repaid debt). E-mode accounts (context `eMode` ≠ 0)
 *   use their category's values instead, so they are refused.
 * - Compound III (collateral `asset`): `liquidateCollateralFactor` (1e18; the borrow factor is lowered below it
 *   where needed, as Comet requires), `liquidationFactor` (1e18).
 * - Morpho Blue: `lltv` (wad; the liquidation incentive factor follows from it, as Morpho derives it).
 * - Euler v2: `liquidationLTV` of collateral `asset` (1e4; the borrow LTV lowered to it where above; an LTV ramp
 *   in progress is dropped), `maxLiquidationDiscount` of the vault (1e4).
 *
 * Borrowing LTVs (Aave `ltv`, Comet `borrowCollateralFactor`, Euler `borrowLTV`) only bound new borrowing: they
 * never change the liquidation of the given positions, so they are refused by name.
 */
import { RiskInputError } from '../../core/errors.js';
import { valueAt } from '../lendingCascade/protocolState.js';
import { heldAmount } from './lendingBook.js';
import type { LendingModel } from './lendingRisk.js';
import { type ParameterSpec, assetOf, noAsset, scaled, unknownParameter, valueCheck } from './parameterSpec.js';

type Obj = Record<string, unknown>;
const E18 = 10n ** 18n;

/** The lending parameters by protocol. */
export const LENDING_PARAMETERS = {
  'aave-v3': ['liquidationThreshold', 'liquidationBonus'],
  'compound-v3': ['liquidateCollateralFactor', 'liquidationFactor'],
  'morpho-blue': ['lltv'],
  'euler-v2': ['liquidationLTV', 'maxLiquidationDiscount'],
} as const;
const BORROW_LTV: Record<string, string> = {
  'aave-v3': 'ltv',
  'compound-v3': 'borrowCollateralFactor',
  'euler-v2': 'borrowLTV',
};

/** Value of the collateral of `assets` the book supplies at the starting oracle prices (value units). */
function collateralValue(m: LendingModel, assets: readonly string[]): number {
  let total = 0n;
  for (const t of m.probe.tracks) {
    if (!assets.includes(t.asset.name)) continue;
    let held = 0n;
    for (const p of m.positions as Obj[]) held += heldAmount(m.probe.state.protocol, p, t.asset.name, 'supply');
    total += valueAt(held, t.asset.p0, t.asset.scale);
  }
  return Number(total);
}

const raw = (x: unknown, field: string, path: string): unknown[] => {
  if (!Array.isArray(x))
    throw new RiskInputError(path, `the raw market (an array of ${field}) to set a parameter on`, x);
  return x;
};

/** The spec of `parameter` on the lending model `m` (refused with a RiskInputError naming the field). */
export function lendingParameterSpec(m: LendingModel, parameter: unknown, asset: unknown): ParameterSpec {
  const protocol = m.probe.state.protocol;
  const offered: readonly string[] = LENDING_PARAMETERS[protocol];
  if (typeof parameter === 'string' && parameter === BORROW_LTV[protocol])
    throw new RiskInputError(
      'options.parameter',
      `a liquidation parameter of ${protocol}: ${offered.map((p) => `'${p}'`).join(', ')}`,
      parameter,
      `${parameter} bounds new borrowing only: it never changes the liquidation of the given positions`,
    );
  if (typeof parameter !== 'string' || !offered.includes(parameter)) unknownParameter(protocol, parameter, offered);
  const ctx = m.ctx;
  const cap = (names: readonly string[]) => {
    const value = collateralValue(m, names);
    return (v: number) => value * v;
  };
  if (protocol === 'aave-v3') {
    if (ctx.eMode !== undefined && ctx.eMode !== 0)
      throw new RiskInputError('protocol.lending.eMode', `0 (reserve parameters) to search ${parameter}`, ctx.eMode);
    const market = ctx.market as Obj;
    const reserves = raw(market.reserves, 'reserves', 'protocol.lending.market.reserves') as Obj[];
    const a = assetOf(
      asset,
      reserves.map((r) => String(r.asset)),
      'a reserve of the market',
    );
    const lt = parameter === 'liquidationThreshold';
    return {
      direction: lt ? 'largest' : 'smallest',
      asset: a,
      check: valueCheck(lt ? { gt: 0, le: 1 } : { ge: 0, le: 1 }, 10_000n, 'Aave basis points'),
      apply: (v) => {
        const set = (r: Obj): Obj => {
          if (!lt) return { ...r, liquidationBonus: String(v) };
          const ltv = Number(r.ltv) > v ? { ltv: String(v) } : {};
          return { ...r, ...ltv, liquidationThreshold: String(v) };
        };
        return { ...ctx, market: { ...market, reserves: reserves.map((r) => (r.asset === a ? set(r) : r)) } };
      },
      capacity: cap([a]),
    };
  }
  if (protocol === 'compound-v3') {
    const market = ctx.market as Obj;
    const assets = raw(market.assets, 'assets', 'protocol.lending.market.assets') as Obj[];
    const a = assetOf(
      asset,
      assets.map((x) => String(x.asset)),
      'a collateral asset of the market',
    );
    const lcf = parameter === 'liquidateCollateralFactor';
    return {
      direction: 'largest',
      asset: a,
      check: valueCheck({ gt: 0, le: 1 }, E18, 'Comet factors are 1e18'),
      apply: (v) => {
        const f = scaled(v, E18);
        const set = (x: Obj): Obj => {
          if (!lcf) return { ...x, liquidationFactor: f };
          const bcf = (x.borrowCollateralFactor as bigint) >= f ? { borrowCollateralFactor: f - 1n } : {};
          return { ...x, ...bcf, liquidateCollateralFactor: f };
        };
        return { ...ctx, market: { ...market, assets: assets.map((x) => (x.asset === a ? set(x) : x)) } };
      },
      capacity: cap([a]),
    };
  }
  if (protocol === 'morpho-blue') {
    if (asset !== undefined && asset !== 'collateral') assetOf(asset, ['collateral'], 'the market collateral');
    return {
      direction: 'largest',
      asset: 'collateral',
      check: valueCheck({ gt: 0, lt: 1 }, E18, 'Morpho LLTV is a wad'),
      apply: (v) => ({ ...ctx, market: { ...(ctx.market as Obj), lltv: scaled(v, E18) } }),
      capacity: cap(['collateral']),
    };
  }
  const vault = ctx.vault as Obj;
  const collaterals = raw(vault.collaterals, 'collaterals', 'protocol.lending.vault.collaterals') as Obj[];
  const names = collaterals.map((c) => String(c.asset));
  const check = valueCheck({ gt: 0, lt: 1 }, 10_000n, 'Euler configs are 1e4');
  if (parameter === 'maxLiquidationDiscount') {
    return {
      direction: 'smallest',
      asset: noAsset(asset, parameter),
      check,
      apply: (v) => ({ ...ctx, vault: { ...vault, maxLiquidationDiscount: Number(scaled(v, 10_000n)) } }),
      capacity: cap(names),
    };
  }
  const a = assetOf(asset, names, 'a collateral of the vault');
  return {
    direction: 'largest',
    asset: a,
    check,
    apply: (v) => {
      const ltv = Number(scaled(v, 10_000n));
      const set = (c: Obj): Obj => {
        const { initialLiquidationLTV: _i, targetTimestamp: _t, rampDuration: _r, ...rest } = c;
        return { ...rest, borrowLTV: Math.min(Number(c.borrowLTV), ltv), liquidationLTV: ltv };
      };
      return { ...ctx, vault: { ...vault, collaterals: collaterals.map((c) => (c.asset === a ? set(c) : c)) } };
    },
    capacity: cap([a]),
  };
}
