/**
 * Internal: the margin parameters {@link recommendParameter} searches on the venue forms, each written into the
 * venue's own field of one market (`asset`: the book's name) and given in that field's integer unit:
 *
 * - dYdX (perpetual id `asset`, its liquidity tier): `maintenanceFractionPpm` (maintenance margin as a fraction
 *   of the initial margin, ppm in [0, 10⁶]) or `initialMarginPpm` (base initial margin fraction, ppm in
 *   [1, 10⁶]; the maintenance margin moves with it). The tier is set on that perpetual only.
 * - Drift (perp market `asset`): `marginRatioMaintenance` (10⁴, in [1, 10⁴]; the initial ratio is raised to it
 *   where below).
 * - Hyperliquid (asset `asset`): `maxLeverage` (integer in [1, 1,000]): the first tier's maximum leverage, every
 *   later tier capped at it; the maintenance margin is half the initial margin at the tier's leverage.
 *
 * Direction: smaller margin fractions and larger leverage are permissive. The capacity of a value is the margin it
 * locks: Σ over the accounts of the venue's maintenance margin requirement at the starting prices (quote),
 * computed by riskcore/perps on the market with the value written.
 */
import { RiskInputError } from '../../core/errors.js';
import { joinPath } from '../../core/validate.js';
import { dydxAccountRisk, driftAccountMargin, hyperliquidAccountMargin } from '../../perps/index.js';
import type {
  DriftAccountInput,
  DriftMarginContextInput,
  DydxMarkets,
  DydxSubaccount,
  HyperliquidAccount,
  HyperliquidMarket,
} from '../../perps/index.js';
import { type ParameterSpec, assetOf, unknownParameter, valueCheck } from './parameterSpec.js';
import type { VenueModel } from './venueRisk.js';

type Obj = Record<string, unknown>;

/** The venue parameters by kind. */
export const VENUE_PARAMETERS = {
  dydx: ['maintenanceFractionPpm', 'initialMarginPpm'],
  drift: ['marginRatioMaintenance'],
  hyperliquid: ['maxLeverage'],
} as const;

const record = (x: unknown, path: string): Obj => {
  if (x === null || typeof x !== 'object' || Array.isArray(x))
    throw new RiskInputError(path, 'the raw market (a record) to set a parameter on', x);
  return x as Obj;
};

/** Σ of a margin figure over the accounts (quote). */
function sumMargin(accounts: unknown[], margin: (a: Obj) => number): number {
  let s = 0;
  for (const a of accounts as Obj[]) s += margin(a);
  return s;
}

/** The spec of `parameter` on the venue model `v` (refused with a RiskInputError naming the field). */
export function venueParameterSpec(v: VenueModel, parameter: unknown, asset: unknown): ParameterSpec {
  const offered: readonly string[] = VENUE_PARAMETERS[v.kind];
  if (typeof parameter !== 'string' || !offered.includes(parameter)) unknownParameter(v.kind, parameter, offered);
  const ctx = v.context;
  if (v.kind === 'dydx') {
    const market = record(ctx.market, 'protocol.context.market');
    if (!Array.isArray(market.perpetuals))
      throw new RiskInputError('protocol.context.market', 'the raw market { perpetuals } to set a tier on', market);
    const perps = market.perpetuals as Obj[];
    const a = assetOf(
      asset,
      perps.map((p) => String(p.id)),
      'a perpetual id of the market',
    );
    const mf = parameter === 'maintenanceFractionPpm';
    const withValue = (x: number): Obj => {
      const set = (p: Obj): Obj => ({ ...p, liquidityTier: { ...(p.liquidityTier as Obj), [parameter]: x } });
      return { ...market, perpetuals: perps.map((p) => (String(p.id) === a ? set(p) : p)) };
    };
    return {
      direction: 'smallest',
      asset: a,
      check: valueCheck(mf ? { ge: 0, le: 1e6 } : { ge: 1, le: 1e6 }, 1n, 'ppm, an integer'),
      apply: (x) => ({ ...ctx, market: withValue(x) }),
      capacity: (x) => {
        const m = withValue(x) as unknown as DydxMarkets;
        const mm = (acc: Obj) => Number(dydxAccountRisk(acc.subaccount as DydxSubaccount, m).maintenanceMargin) / 1e6;
        return sumMargin(v.accounts, mm);
      },
    };
  }
  if (v.kind === 'drift') {
    const market = record(ctx.market, 'protocol.context.market');
    const perps = record(market.perpMarkets, 'protocol.context.market.perpMarkets');
    const a = assetOf(asset, Object.keys(perps), 'a perp market of the context');
    const withValue = (x: number): Obj => {
      const p = perps[a] as Obj;
      const initial = BigInt(p.marginRatioInitial as bigint) < BigInt(x) ? { marginRatioInitial: x } : {};
      return { ...market, perpMarkets: { ...perps, [a]: { ...p, ...initial, marginRatioMaintenance: x } } };
    };
    return {
      direction: 'smallest',
      asset: a,
      check: valueCheck({ ge: 1, le: 10_000 }, 1n, 'Drift ratios are 1e4, an integer'),
      apply: (x) => ({ ...ctx, market: withValue(x) }),
      capacity: (x) => {
        const m = withValue(x) as unknown as DriftMarginContextInput;
        const mm = (acc: Obj) =>
          Number(driftAccountMargin(acc.account as DriftAccountInput, m, { type: 'maintenance' }).marginRequirement) /
          1e6;
        return sumMargin(v.accounts, mm);
      },
    };
  }
  const market = record(ctx.market, 'protocol.context.market');
  const assets = record(market.assets, 'protocol.context.market.assets');
  const a = assetOf(asset, Object.keys(assets), 'an asset of the market');
  const withValue = (x: number): Obj => {
    const am = record(assets[a], joinPath('protocol.context.market.assets', a));
    const table = record(am.marginTable, joinPath(joinPath('protocol.context.market.assets', a), 'marginTable'));
    if (!Array.isArray(table.tiers))
      throw new RiskInputError(
        joinPath(joinPath(joinPath('protocol.context.market.assets', a), 'marginTable'), 'tiers'),
        'an array of tiers',
        table.tiers,
      );
    const tiers = (table.tiers as Obj[]).map((t, i) => ({
      ...t,
      maxLeverage: i === 0 ? x : Math.min(Number(t.maxLeverage), x),
    }));
    return { ...market, assets: { ...assets, [a]: { ...am, marginTable: { ...table, tiers } } } };
  };
  return {
    direction: 'largest',
    asset: a,
    check: valueCheck({ ge: 1, le: 1000 }, 1n, 'leverage, an integer'),
    apply: (x) => ({ ...ctx, market: withValue(x) }),
    capacity: (x) => {
      const m = withValue(x) as unknown as HyperliquidMarket;
      const mm = (acc: Obj) =>
        hyperliquidAccountMargin(acc.account as HyperliquidAccount, m).crossMaintenanceMargin.toNumber();
      return sumMargin(v.accounts, mm);
    },
  };
}
