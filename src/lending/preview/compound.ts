/**
 * What-if preview of a Compound III account: supply, withdraw, borrow, repay, collateral swap and absorb, with the
 * health, borrowing power and liquidation price after, in Comet's integers.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { cometAbsorbOf } from '../compound/absorb.js';
import type { CometAbsorbResult } from '../compound/absorb.js';
import { liquidityOf } from '../compound/liquidity.js';
import { divPrice, presentValue, principalValue } from '../compound/math.js';
import { readCometAccount, readCometMarket } from '../compound/market.js';
import type { CometAccount, CometAccountV, CometMarket, CometMarketV } from '../compound/market.js';
import { actionName, readAction, smallestPassing } from './action.js';
import type { PreviewAction, PreviewResult } from './action.js';
import { checkUint } from './check.js';

/** Options of {@link previewComet}: the action, and the collateral watched for the liquidation price. */
export interface CometPreviewOptions {
  action: PreviewAction<bigint>;
  /** The collateral whose liquidation price is reported; default: the held collateral of largest value. */
  watch?: string;
}

/** Result of {@link previewComet}: bigint amounts (base units), wad health, 8-decimal prices. */
export type CometPreviewResult = PreviewResult<
  { account: CometAccount; market: CometMarket },
  bigint,
  CometAbsorbResult
>;

const OPTS_KEYS = knownKeys('action', 'watch');
const P128 = 2n ** 128n - 1n;

function toInput(a: CometAccountV, m: CometMarketV): { account: CometAccount; market: CometMarket } {
  const { baseScale: _b, assets, ...rest } = m;
  return {
    account: { principal: a.principal, collateral: Object.fromEntries(a.collateral) },
    market: { ...rest, assets: assets.map(({ scale: _s, ...x }) => ({ ...x })) },
  };
}

/** Moves the base principal to `pNew`, updating the totals as Comet's repayAndSupply / withdrawAndBorrow do. */
function movePrincipal(m: CometMarketV, pOld: bigint, pNew: bigint): CometMarketV {
  const neg = (x: bigint) => (x < 0n ? -x : 0n);
  const pos = (x: bigint) => (x > 0n ? x : 0n);
  return {
    ...m,
    totalSupplyBase: m.totalSupplyBase - pos(pOld) + pos(pNew),
    totalBorrowBase: m.totalBorrowBase - neg(pOld) + neg(pNew),
  };
}

/** The smallest price of `asset` at which the account is not liquidatable (null: none changes the outcome). */
export function cometLiquidationPrice(a: CometAccountV, m: CometMarketV, asset: string): bigint | null {
  if (a.principal >= 0n || !(a.collateral.get(asset) ?? 0n)) return null;
  const at = (p: bigint) => ({ ...m, assets: m.assets.map((x) => (x.asset === asset ? { ...x, price: p } : x)) });
  const p = smallestPassing(1n, P128, (price) => !liquidityOf(a, at(price)).isLiquidatable);
  return p === null || p === 1n ? null : p;
}

/**
 * Preview one action on a Compound III account without touching the inputs: the account and market after, the
 * health factor (Σ collateral × liquidateCollateralFactor / debt, wad), the borrowing power (base units the account
 * could still borrow), the liquidation price of the watched collateral. A withdrawal or borrow that would leave
 * the account under-collateralised is `allowed: false` with `'NotCollateralized'` (as Comet reverts). `liquidate`
 * is an absorb: Comet takes all of the collateral, so `targetHealth` is met by leaving no debt. Not modelled:
 * `baseBorrowMin`, supply caps, pause flags.
 *
 * @param account signed principal and collateral balances (base units)
 * @param market the Comet market
 * @param opts `action`: `{ type: 'supply', asset: 'base' | <collateral>, amount }`, `withdraw`, `borrow`/`repay`
 *   (base), `swapCollateral`, `liquidate`; `watch`: the collateral of the liquidation price
 * @example
 * ```ts
 * import { previewComet } from 'riskcore/lending';
 * const market = {
 *   baseDecimals: 6, basePrice: 100000000n, baseSupplyIndex: 10n ** 15n, baseBorrowIndex: 10n ** 15n,
 *   totalSupplyBase: 10n ** 12n, totalBorrowBase: 0n, baseBalance: 10n ** 12n, storeFrontPriceFactor: 5n * 10n ** 17n,
 *   assets: [{ asset: 'WETH', decimals: 18, price: 300000000000n, borrowCollateralFactor: 8n * 10n ** 17n,
 *     liquidateCollateralFactor: 85n * 10n ** 16n, liquidationFactor: 95n * 10n ** 16n }],
 * };
 * const account = { principal: 0n, collateral: { WETH: 10n ** 18n } };
 * const r = previewComet(account, market, { action: { type: 'borrow', amount: 2000000000n } });
 * // 1 WETH × $3,000 × 0.85 / $2,000 = 1.275; 400 USDC left to borrow; liquidatable below $2,352.94117648
 * console.log(r.healthFactor, r.borrowingPower, r.liquidationPrice); // '1275000000000000000 400000000 235294117648'
 * ```
 */
export function previewComet(
  account: CometAccount,
  market: CometMarket,
  opts: CometPreviewOptions,
): CometPreviewResult {
  const m0 = readCometMarket(market);
  const a0 = readCometAccount(account, m0);
  const o = checkStrictObject(opts, 'opts', OPTS_KEYS);
  const names = m0.assets.map((x) => x.asset);
  const watchOpt = o.watch === undefined ? null : actionName(o, 'watch', names, 'opts');
  const act = readAction(o.action, 'opts.action');
  let a: CometAccountV = { principal: a0.principal, collateral: new Map(a0.collateral) };
  let m: CometMarketV = m0;
  let liquidation: CometAbsorbResult | null = null;
  let reason: string | null = null;
  const amount = (k = 'amount') => checkUint(act[k], `opts.action.${k}`, 128);
  const moveBase = (delta: bigint) => {
    const pNew = principalValue(presentValue(a.principal, m) + delta, m);
    if (pNew >= 2n ** 103n || pNew < -(2n ** 103n))
      throw new RiskInputError('opts.action.amount', 'an amount keeping the principal in int104', delta);
    if (-delta > m.baseBalance) reason = 'InsufficientBalance';
    m = { ...movePrincipal(m, a.principal, pNew), baseBalance: m.baseBalance + delta };
    a = { ...a, principal: pNew };
  };
  const moveColl = (asset: string, delta: bigint, key: string) => {
    const next = (a.collateral.get(asset) ?? 0n) + delta;
    if (next < 0n) throw new RiskInputError(`opts.action.${key}`, `at most the account's ${asset} balance`, -delta);
    a.collateral.set(asset, next);
  };
  const t = act.type;
  if (t === 'supply' || t === 'withdraw') {
    const asset = actionName(act, 'asset', ['base', ...names], 'opts.action');
    const x = amount();
    if (asset === 'base') moveBase(t === 'supply' ? x : -x);
    else moveColl(asset, t === 'supply' ? x : -x, 'amount');
  } else if (t === 'borrow' || t === 'repay') {
    if (act.asset !== undefined) actionName(act, 'asset', ['base'], 'opts.action');
    const x = amount();
    moveBase(t === 'repay' ? x : -x);
  } else if (t === 'swapCollateral') {
    const from = actionName(act, 'asset', names, 'opts.action');
    const to = actionName(act, 'to', names, 'opts.action');
    moveColl(from, -amount(), 'amount');
    moveColl(to, amount('amountTo'), 'amountTo');
  } else {
    checkUint(act.targetHealth, 'opts.action.targetHealth', 256);
    if (act.collateral !== undefined || act.debtAsset !== undefined)
      throw new RiskInputError(
        'opts.action.collateral',
        'omitted: Comet absorbs every collateral',
        act.collateral ?? act.debtAsset,
      );
    liquidation = cometAbsorbOf(a, m);
    if (liquidation.allowed) {
      a = { principal: liquidation.principalAfter, collateral: new Map([...a.collateral.keys()].map((k) => [k, 0n])) };
      m = { ...m, totalSupplyBase: liquidation.totalSupplyBase, totalBorrowBase: liquidation.totalBorrowBase };
    } else reason = liquidation.reason;
  }
  const l = liquidityOf(a, m);
  if (reason === null && t !== 'liquidate' && t !== 'supply' && t !== 'repay' && !l.isBorrowCollateralized)
    reason = 'NotCollateralized';
  let watch = watchOpt;
  if (watch === null) {
    let best = -1n;
    for (const x of m.assets) {
      const v = ((a.collateral.get(x.asset) ?? 0n) * x.price) / x.scale;
      if ((a.collateral.get(x.asset) ?? 0n) > 0n && v > best) {
        best = v;
        watch = x.asset;
      }
    }
  }
  return {
    allowed: reason === null,
    reason,
    after: toInput(a, m),
    healthFactor: l.healthFactor,
    borrowingPower: l.borrowLiquidity > 0n ? divPrice(l.borrowLiquidity, m.basePrice, m.baseScale) : 0n,
    liquidationPrice: watch === null ? null : cometLiquidationPrice(a, m, watch),
    liquidation,
    targetReached: t === 'liquidate' ? l.healthFactor === null || l.healthFactor >= (act.targetHealth as bigint) : null,
  };
}
