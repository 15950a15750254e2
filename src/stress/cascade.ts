/**
 * Liquidation cascades: many accounts on one asset or on several (cross-collateral), a price path per asset,
 * liquidations in rounds, each liquidation sale moving its asset's price through a linear depth model, penalties to
 * an insurance fund, bad debt drawn from it, and auto-deleveraging (ADL) once it is empty. Liquidators act on an
 * oracle per asset that lags the market, may be stale, or may jump. Every amount is an exact decimal
 * ({@link Money}); prices are kept to 12 decimal places.
 *
 * Bounds. Every market price stays within [floor, ceiling] = [minPriceFraction, maxPriceMultiple] × its initial
 * price (defaults 1e-6 and 1e6). Forced buys (shorts closed) raise the price by p' = p·(1 + |Q|·p/depth), a map that
 * squares the price trade after trade in a thin book (30 shorts of 1 unit into a depth of 1,000 at 110 would reach
 * 1e210439); at the ceiling the price saturates, and the result's `priceCapped` says so. Amounts are exact at any
 * scale: the engine computes at a precision that follows the inputs (src/stress/cascadePrecision.ts), so a 1e30
 * account beside 1e-18 of dust conserves to the last digit; returned amounts may carry more than Money's 60
 * digits, so recompute the identities with a Decimal of enough precision. Limits, refused with a RiskInputError
 * that names them: at most 100,000 rounds, 1,000,000 accounts × assets, and 1,200 significant digits of exact
 * arithmetic.
 *
 * The model, per round r = 0, 1, … (one asset is the case A = {the asset}; with `params.assets` each asset a has
 * its own path, depth, floor, oracle and liquidation threshold LTₐ; the penalty, maintenance margin, fund and ADL
 * are shared):
 * 1. Exogenous move: each market price pₐ is multiplied by (1 + pathₐ[r]) (0 beyond the path).
 * 2. Oracle oₐ: the market price at the start of round r − latencyₐ (linear between rounds for a fractional
 *    latency), frozen over a stale window, multiplied by (1 + jump) in a jump round.
 * 3. Every live account is checked at the oracle prices: equity = Σₐ collateralₐ·oₐ + cash − debt +
 *    Σₐ sizeₐ·(oₐ − entryₐ); requirement = Σₐ (1 − LTₐ)·collateralₐ·oₐ + mmf·Σₐ |sizeₐ|·oₐ. Equity < requirement
 *    ⇒ liquidated, worst first: in increasing order of equity − requirement (quote; the most negative first),
 *    ties in input order.
 * 4. A liquidation closes the whole account: for each asset it holds, in the order of `params.assets`, it sells
 *    collateralₐ + sizeₐ units (a short buys) in that asset's book, price impact linear in notional,
 *    p' = p·(1 − Q·p/depthₐ) (floored), executed at the average (p + p')/2; the next sale in that book (this account's
 *    or the next one's) starts at p'. Proceeds (Σₐ collateralₐ·pexecₐ + sizeₐ·(pexecₐ − entryₐ)) settle the debt;
 *    a penalty of `penalty` × notional (Σₐ (collateralₐ + |sizeₐ|)·pexecₐ), capped at what is left, goes to the
 *    insurance fund; any rest returns to the account as cash. A negative net is bad debt: the fund covers it at
 *    once; what the fund cannot cover is, at the end of the round, charged by ADL pro rata to the unrealised
 *    profit of live perp positions (one per account and asset) at each asset's closing price, closing each in
 *    proportion to what it gave up (no impact); any remainder is a protocol deficit.
 *
 * Conservation (exact, every round; `totals` carries the terms, per asset in `totals.byAsset` with several):
 * for each asset a, Σ collateralₐ + collateral soldₐ = Σ collateralₐ₀ and Σ sizeₐ + size closedₐ = Σ sizeₐ₀;
 * Σ balance + fund − deficit = Σ balance₀ + fund₀ + proceeds (balance = cash − debt; proceeds, over all assets,
 * include the P&L realised by ADL closes);
 * fund = fund₀ + fees − covered; bad debt = covered + ADL + deficit. Per round, the liquidated notional is the sum
 * of the assets' liquidated notionals.
 */
import { RiskInputError } from '../core/errors.js';
import { Money } from '../core/money.js';
import { checkStrictObject, checkString } from '../core/validate.js';
import { validateScenario } from './scenario.js';
import { runCascade } from './cascadeEngine.js';
import {
  PARAMS_FIELDS,
  engineConfig,
  priceBounds,
  validateAssetMarket,
  validateMultiAccounts,
  validateMultiAssets,
  validateSingleAccounts,
} from './cascadeInputs.js';
import type {
  CascadeAccount,
  CascadeParams,
  CascadeResult,
  MultiAssetCascadeAccount,
  MultiAssetCascadeParams,
  MultiAssetCascadeResult,
} from './cascadeTypes.js';

/** Accounts shaped for several assets (collateral per asset, or perps naming their asset). */
function multiShaped(accounts: unknown): boolean {
  return (
    Array.isArray(accounts) &&
    accounts.some((a) => {
      if (a === null || typeof a !== 'object') return false;
      const { collateral, perps } = a as Record<string, unknown>;
      return (
        perps !== undefined || (collateral !== null && typeof collateral === 'object' && !Money.isDecimal(collateral))
      );
    })
  );
}

function singleAsset(accounts: unknown, po: Record<string, unknown>): CascadeResult {
  if (po.asset !== undefined && po.scenario === undefined) {
    throw new RiskInputError(
      'params.asset',
      'absent without params.scenario (it names the asset in the scenario)',
      po.asset,
    );
  }
  if (po.price === undefined && multiShaped(accounts)) {
    throw new RiskInputError(
      'params.assets',
      'the markets of the assets the accounts hold (collateral per asset, perps naming an asset)',
      undefined,
    );
  }
  const scen = po.scenario === undefined ? null : validateScenario(po.scenario, 'params.scenario');
  const name = scen ? checkString(po.asset, 'params.asset') : '';
  const { minFrac, maxMult } = priceBounds(po);
  const asset = validateAssetMarket(po, 'params', name, scen, minFrac, maxMult);
  const accs = validateSingleAccounts(accounts);
  const res = runCascade(accs, engineConfig(po, [asset]));
  return {
    rounds: res.rounds.map((r) => ({
      round: r.round,
      marketPrice: r.assets[0].marketPrice,
      oraclePrice: r.assets[0].oraclePrice,
      priceAfter: r.assets[0].priceAfter,
      accountsLiquidated: r.accountsLiquidated,
      liquidatedNotional: r.liquidatedNotional,
      badDebt: r.badDebt,
      fees: r.fees,
      covered: r.covered,
      adl: r.adl,
      deficit: r.deficit,
      insuranceFund: r.insuranceFund,
      totals: { ...r.assetTotals[0], ...r.totals },
    })),
    liquidated: res.liquidated,
    totalBadDebt: res.totalBadDebt,
    totalLiquidatedNotional: res.totalLiquidatedNotional,
    priceCapped: res.priceCapped,
    finalPrice: res.finalPrices[0],
    insuranceFund: res.insuranceFund,
    deficit: res.deficit,
    accounts: accs.map((a) => ({
      id: a.id,
      collateral: a.c[0],
      cash: a.cash,
      debt: a.debt,
      size: a.s[0],
      entryPrice: a.e[0],
      liquidatedInRound: a.liq,
    })),
  };
}

function multiAsset(accounts: unknown, po: Record<string, unknown>): MultiAssetCascadeResult {
  const scen = po.scenario === undefined ? null : validateScenario(po.scenario, 'params.scenario');
  const assets = validateMultiAssets(po, scen);
  const names = assets.map((a) => a.name);
  const { accs, colKeys, perpKeys } = validateMultiAccounts(accounts, names);
  const res = runCascade(accs, engineConfig(po, assets));
  const byName = <T>(f: (k: number) => T): Record<string, T> => Object.fromEntries(names.map((n, k) => [n, f(k)]));
  return {
    rounds: res.rounds.map((r) => ({
      round: r.round,
      byAsset: byName((k) => r.assets[k]),
      accountsLiquidated: r.accountsLiquidated,
      liquidatedNotional: r.liquidatedNotional,
      badDebt: r.badDebt,
      fees: r.fees,
      covered: r.covered,
      adl: r.adl,
      deficit: r.deficit,
      insuranceFund: r.insuranceFund,
      totals: { byAsset: byName((k) => r.assetTotals[k]), ...r.totals },
    })),
    liquidated: res.liquidated,
    totalBadDebt: res.totalBadDebt,
    totalLiquidatedNotional: res.totalLiquidatedNotional,
    priceCapped: res.priceCapped,
    finalPrices: byName((k) => res.finalPrices[k]),
    insuranceFund: res.insuranceFund,
    deficit: res.deficit,
    accounts: accs.map((a, i) => ({
      id: a.id,
      collateral: Object.fromEntries(colKeys[i].map((k) => [names[k], a.c[k]])),
      cash: a.cash,
      debt: a.debt,
      perps: perpKeys[i].map((k) => ({ asset: names[k], size: a.s[k], entryPrice: a.e[k] })),
      liquidatedInRound: a.liq,
    })),
  };
}

/**
 * Simulate a liquidation cascade (see the module comment for the model and the conservation identities).
 *
 * One asset: `params.price` (and `path`, `depth`, `oracle`, …) with {@link CascadeAccount}s gives a
 * {@link CascadeResult}. Several (cross-collateral): `params.assets` with {@link MultiAssetCascadeAccount}s
 * (collateral per asset, `perps` naming their asset) gives a {@link MultiAssetCascadeResult}, prices per asset in
 * each round's `byAsset`. Inputs are never mutated.
 *
 * @example
 * ```ts
 * import { simulateLiquidationCascade } from 'riskcore/stress';
 * const res = simulateLiquidationCascade(
 *   [{ id: 'a', collateral: '10', debt: '700' }, { id: 'b', collateral: '10', debt: '760' }],
 *   { price: '100', shock: -0.1, liquidationThreshold: 0.8, penalty: 0.05, depth: '20000', rounds: 5 },
 * );
 * console.log(res.liquidated.join(',')); // 'b,a'
 * console.log(res.finalPrice.toNumber() < 90); // true
 *
 * // Cross-collateral: 1 ETH + 0.1 BTC against 6,300 of debt; BTC falls 20% to 48,000. At the oracle (no lag):
 * // equity 3000 + 4800 − 6300 = 1500 < requirement (1 − 0.8)·(3000 + 4800) = 1560 → liquidated, selling in both
 * // books; 0.1 BTC × 48,000 = 4,800 into a depth of 48,000,000 moves BTC by 0.01%: 48,000 → 47,995.2.
 * const multi = simulateLiquidationCascade(
 *   [{ id: 'x', collateral: { ETH: '1', BTC: '0.1' }, debt: '6300' }],
 *   { assets: { ETH: { price: '3000', depth: '3000000' }, BTC: { price: '60000', shock: -0.2, depth: '48000000' } }, rounds: 2 },
 * );
 * console.log(multi.liquidated.join(',')); // 'x'
 * console.log(multi.rounds[0].byAsset.BTC.priceAfter.toString()); // '47995.2'
 * ```
 */
export function simulateLiquidationCascade(accounts: CascadeAccount[], params: CascadeParams): CascadeResult;
export function simulateLiquidationCascade(
  accounts: MultiAssetCascadeAccount[],
  params: MultiAssetCascadeParams,
): MultiAssetCascadeResult;
export function simulateLiquidationCascade(
  accounts: CascadeAccount[] | MultiAssetCascadeAccount[],
  params: CascadeParams | MultiAssetCascadeParams,
): CascadeResult | MultiAssetCascadeResult {
  const po = checkStrictObject(params, 'params', PARAMS_FIELDS);
  return po.assets === undefined ? singleAsset(accounts, po) : multiAsset(accounts, po);
}
