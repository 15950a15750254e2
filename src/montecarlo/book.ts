/**
 * Compile a validated book and market into the flat Float64Array form the simulation loops run on: one entry per
 * simulated underlying (spot, vol, drift, Cholesky row), the linear contracts collapsed into one coefficient per
 * underlying (spot, perps and futures are all affine in the simulated spot), and one column entry per option.
 * Internal.
 */
import { RiskInputError } from '../core/errors.js';
import { optionVol, perpMark, validateBook } from '../core/model.js';
import { checkEnum, checkNumber, checkObject, joinPath, ownValue } from '../core/validate.js';
import { checkCorrelation, choleskyPSD } from './correlation.js';
import type { BlackColumns } from './kernels/optionKernel.js';
import { Columns, Compiled } from './kernels/compiledShapes.js';
import { bachelierKernel, blackKernel, normalCdfFast, normalPdfFast } from './kernels/optionKernel.js';
import { checkUnderlyings } from './limits.js';

/** Market-model options shared by every simulation entry point (plain JSON: shards carry them as is). */
export interface ModelOptions {
  /** Horizon in years (≥ 0), e.g. 1/365 for one day. */
  horizon: number;
  /** Annual drift μ per underlying (default 0): log S_h = log S_0 + (μ − σ²/2)h + σ√h·Y. */
  drift?: Record<string, number>;
  /** Simulation vol per underlying overriding `market.assets[u].vol` (per unit, per √year). */
  vols?: Record<string, number>;
  /**
   * Vol shocks: vol-of-vol per underlying (per √year). Every implied vol on that underlying is multiplied by
   * exp(ν√h·Z − ν²h/2), Z a standard normal independent of the price shocks. Default: no vol shocks.
   */
  volOfVol?: Record<string, number>;
  /** `'normal'` (default) or `'t'`: multivariate Student-t scaled to unit variance (needs `dof` > 2). */
  dist?: ShockDistribution;
  /** Degrees of freedom of the multivariate t (> 2). */
  dof?: number;
  /** `'full'` revaluation (default) or the delta-gamma(-vega) approximation of the options. */
  mode?: RevaluationMode;
}

export type { CompiledBook, RevaluationMode, ShockDistribution } from './compiledBook.js';
import type { CompiledBook, RevaluationMode, ShockDistribution } from './compiledBook.js';

/** A per-asset record of options (drift, vols, volOfVol) as a Map: asset names are user data, never prototype keys. */
function recordOf(
  value: unknown,
  path: string,
  names: string[],
  bounds: { ge?: number; gt?: number },
): Map<string, number> {
  const out = new Map<string, number>();
  if (value === undefined) return out;
  const o = checkObject(value, path);
  for (const k of Object.keys(o)) {
    if (!names.includes(k))
      throw new RiskInputError(joinPath(path, k), `an asset of market.assets (${names.join(', ')})`, k);
    out.set(k, checkNumber(o[k], joinPath(path, k), bounds));
  }
  return out;
}

/** Value of one option leg (undiscounted kernel × q·D) at forward F; shared by today's value and the loop. */
function legValue(
  kind: number,
  call: boolean,
  qd: number,
  F: number,
  K: number,
  invK: number,
  lnFK: number,
  v: number,
): number {
  if (kind === 0) return qd * blackKernel(F, K, invK, lnFK, v, call);
  if (kind === 1) return qd * bachelierKernel(F, K, v, call);
  return qd * (call ? Math.max(F - K, 0) : Math.max(K - F, 0));
}

/**
 * Validate and compile. `positions`/`market` are validated with the shared model (paths `positions[i]…`,
 * `market…`), options under `optionsPath`.
 */
export function compileBook(
  positions: unknown,
  market: unknown,
  options: unknown,
  optionsPath = 'options',
): CompiledBook {
  const { positions: ps, market: m } = validateBook(positions, market);
  const o = checkObject(options, optionsPath);
  const h = checkNumber(o.horizon, joinPath(optionsPath, 'horizon'), { ge: 0 });
  const allNames = Object.keys(m.assets);
  const drift = recordOf(o.drift, joinPath(optionsPath, 'drift'), allNames, {});
  const volsOv = recordOf(o.vols, joinPath(optionsPath, 'vols'), allNames, { ge: 0 });
  const vov = recordOf(o.volOfVol, joinPath(optionsPath, 'volOfVol'), allNames, { ge: 0 });
  const dist =
    o.dist === undefined ? 'normal' : checkEnum(o.dist, joinPath(optionsPath, 'dist'), ['normal', 't'] as const);
  const dof = dist === 't' ? checkNumber(o.dof, joinPath(optionsPath, 'dof'), { gt: 2 }) : 0;
  const mode =
    o.mode === undefined
      ? 'full'
      : checkEnum(o.mode, joinPath(optionsPath, 'mode'), ['full', 'delta-gamma', 'delta-gamma-vega'] as const);

  // simulated underlyings: those positions reference, in order of first appearance
  const names: string[] = [];
  for (const p of ps) if (p.quantity !== 0 && !names.includes(p.underlying)) names.push(p.underlying);
  const n = names.length;
  checkUnderlyings(n, 'positions');
  const S0 = new Float64Array(n);
  const lnS0 = new Float64Array(n);
  const mu = new Float64Array(n);
  const sig = new Float64Array(n);
  const vsSd = new Float64Array(n);
  const vsIndex = new Int32Array(n).fill(-1);
  let nZ = n;
  names.forEach((u, a) => {
    const asset = ownValue(m.assets, u)!;
    const vol = volsOv.get(u) ?? asset.vol;
    if (vol === undefined)
      throw new RiskInputError(`market.assets.${u}.vol`, `a simulation vol for ${u} (or options.vols.${u})`, undefined);
    S0[a] = asset.price;
    lnS0[a] = Math.log(asset.price);
    mu[a] = ((drift.get(u) ?? 0) - 0.5 * vol * vol) * h;
    sig[a] = vol * Math.sqrt(h);
    const nu = vov.get(u) ?? 0;
    if (nu > 0) {
      vsSd[a] = nu * Math.sqrt(h);
      vsIndex[a] = nZ++;
    }
  });

  // correlation restricted to the simulated underlyings (identity where the market gives none)
  const corr: number[][] = names.map((_, i) => names.map((__, j) => (i === j ? 1 : 0)));
  if (m.correlation) {
    const full = checkCorrelation(m.correlation.matrix, 'market.correlation.matrix');
    const idx = names.map((u) => m.correlation!.assets.indexOf(u));
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (i !== j && idx[i] >= 0 && idx[j] >= 0) corr[i][j] = full[idx[i]][idx[j]];
    if (n > 1) checkCorrelation(corr, 'market.correlation.matrix');
  }
  const chol = choleskyPSD(corr);

  const r = m.rate ?? 0;
  const lin = new Float64Array(n);
  let linConst = 0;
  const opts: Array<{
    a: number;
    kind: number;
    call: boolean;
    qd: number;
    K: number;
    lnCK: number;
    cf: number;
    v: number;
    v0: number;
    lnCK0: number;
    cf0: number;
    kind0: number;
  }> = [];
  for (const p of ps) {
    if (p.quantity === 0) continue;
    const a = names.indexOf(p.underlying);
    const asset = ownValue(m.assets, p.underlying)!;
    const q = p.quantity;
    const y = asset.dividendYield ?? 0;
    switch (p.kind) {
      case 'spot':
        lin[a] += q * S0[a];
        break;
      case 'perp': {
        const mark = perpMark(asset);
        const E = p.entryPrice ?? mark;
        lin[a] += p.settlement === 'inverse' ? (q * mark) / E : q * mark;
        break;
      }
      case 'future': {
        const F0 = S0[a] * Math.exp((r - y) * p.expiry);
        const F0h = S0[a] * Math.exp((r - y) * Math.max(p.expiry - h, 0));
        const E = p.entryPrice ?? F0;
        const scale = p.settlement === 'inverse' ? q / E : q;
        lin[a] += scale * F0h;
        linConst += scale * (F0h - F0);
        break;
      }
      case 'option': {
        const sigma = optionVol(p, asset);
        const tau0 = p.expiry;
        const tau = Math.max(tau0 - h, 0);
        const K = p.strike;
        const bach = p.model === 'bachelier';
        const mk = (t: number) => {
          const cf = Math.exp((r - y) * t);
          const D = Math.exp(-r * t);
          const v = sigma * Math.sqrt(t);
          const kind = t === 0 || v < 1e-100 ? 2 : bach ? 1 : 0;
          return { cf, D, v, kind, lnCK: bach ? 0 : (r - y) * t - Math.log(K) };
        };
        const now = mk(tau0);
        const later = mk(tau);
        const call = p.type === 'call';
        const F0 = S0[a] * now.cf;
        const v0 = legValue(now.kind, call, q * now.D, F0, K, 1 / K, lnS0[a] + now.lnCK, now.v);
        opts.push({
          a,
          kind: later.kind,
          call,
          qd: q * later.D,
          K,
          lnCK: later.lnCK,
          cf: later.cf,
          v: later.v,
          v0,
          lnCK0: now.lnCK,
          cf0: now.cf,
          kind0: now.kind,
        });
        break;
      }
    }
  }
  opts.sort((x, z) => (x.kind === 0 ? 0 : 1) - (z.kind === 0 ? 0 : 1) || x.a - z.a);
  const nOpt = opts.length;
  const blk = opts.filter((x) => x.kind === 0);
  const start = new Int32Array(n + 1);
  for (const x of blk) start[x.a + 1]++;
  for (let a = 0; a < n; a++) start[a + 1] += start[a];
  const col = (f: (x: (typeof opts)[number]) => number) => Float64Array.from(blk, f);
  const black: BlackColumns = new Columns({
    start,
    lnCK: col((x) => x.lnCK),
    invV: col((x) => 1 / x.v),
    halfV: col((x) => 0.5 * x.v),
    v: col((x) => x.v),
    w: col((x) => (x.call ? 1 : -1)),
    wQdCF: col((x) => (x.call ? 1 : -1) * x.qd * x.cf),
    wQdK: col((x) => (x.call ? 1 : -1) * x.qd * x.K),
    cfInvK: col((x) => x.cf / x.K),
  });
  const book: CompiledBook = new Compiled({
    n,
    names,
    S0,
    lnS0,
    mu,
    sig,
    chol,
    lin,
    linConst,
    vsSd,
    vsIndex,
    nZ,
    nOpt,
    nBlack: blk.length,
    black,
    optAsset: Int32Array.from(opts.map((x) => x.a)),
    optKind: Int32Array.from(opts.map((x) => x.kind)),
    optCall: Uint8Array.from(opts.map((x) => (x.call ? 1 : 0))),
    optQD: Float64Array.from(opts.map((x) => x.qd)),
    optK: Float64Array.from(opts.map((x) => x.K)),
    optInvK: Float64Array.from(opts.map((x) => 1 / x.K)),
    optLnCK: Float64Array.from(opts.map((x) => x.lnCK)),
    optCF: Float64Array.from(opts.map((x) => x.cf)),
    optV: Float64Array.from(opts.map((x) => x.v)),
    optValue0: opts.reduce((s, x) => s + x.v0, 0),
    hasOpt: new Uint8Array(n),
    dist,
    dof,
    mode,
    dgTheta: 0,
    dgDelta: new Float64Array(n),
    dgGamma: new Float64Array(n),
    dgVegaV: new Float64Array(n),
  });
  for (const x of opts) book.hasOpt[x.a] = 1;
  // delta-gamma(-vega) coefficients at (S0, τ'): Taylor expansion of each option around today's spot after decay
  let theta = 0;
  for (let i = 0; i < nOpt; i++) {
    const a = book.optAsset[i];
    const F = S0[a] * book.optCF[i];
    const K = book.optK[i];
    const lnFK = lnS0[a] + book.optLnCK[i];
    const kind = book.optKind[i];
    const call = book.optCall[i] === 1;
    const qd = book.optQD[i];
    const cf = book.optCF[i];
    const v = book.optV[i];
    theta += legValue(kind, call, qd, F, K, 1 / K, lnFK, v);
    if (kind === 0) {
      const d1 = lnFK / v + 0.5 * v;
      const pdf = normalPdfFast(d1);
      book.dgDelta[a] += qd * cf * (call ? normalCdfFast(d1) : -normalCdfFast(-d1));
      book.dgGamma[a] += (qd * cf * cf * pdf) / (F * v);
      book.dgVegaV[a] += qd * F * pdf * v;
    } else if (kind === 1) {
      const d = (F - K) / v;
      const pdf = normalPdfFast(d);
      book.dgDelta[a] += qd * cf * (call ? normalCdfFast(d) : -normalCdfFast(-d));
      book.dgGamma[a] += (qd * cf * cf * pdf) / v;
      book.dgVegaV[a] += qd * pdf * v;
    } else {
      book.dgDelta[a] += qd * cf * (call ? (F > K ? 1 : 0) : F < K ? -1 : 0);
    }
  }
  book.dgTheta = theta - book.optValue0;
  return book;
}
