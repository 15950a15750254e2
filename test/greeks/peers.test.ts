/**
 * Peer npm packages side by side (no timing here; throughput is in bench/workloads/greeks.ts): @uqee/black-scholes
 * (both its default 'single' and its 'double' CDF), black-scholes and greeks against the same mpmath references as
 * ours, on the 60 plain BSM cases they can express (no dividend yield, linear). Their figures are converted to our
 * units (greeks: vega and rho per 1%, theta per day → per 1.00 / per year; @uqee: theta = +∂V/∂T → −). The test
 * prints each package's worst relative error per figure (the Peers table of the README's Greeks section) and asserts that ours
 * is never worse (figures that both compute to rounding level, < 1e-13, tie) and stays below 1e-12.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BlackScholes } from '@uqee/black-scholes';
import * as bs from 'black-scholes';
import * as gk from 'greeks';
import { optionGreeks, type OptionInput } from '../../src/greeks/index.js';

const here = dirname(fileURLToPath(import.meta.url));
type Fig = 'price' | 'delta' | 'gamma' | 'vega' | 'theta' | 'rho';
const FIGS: Fig[] = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'];
const { peer } = JSON.parse(readFileSync(join(here, '../fixtures/greeks/mpmath_greeks.json'), 'utf8')) as {
  peer: {
    input: Required<Pick<OptionInput, 'type' | 'spot' | 'strike' | 'expiry' | 'vol' | 'rate'>>;
    ref: Record<Fig, string>;
  }[];
};

type Calc = (i: (typeof peer)[number]['input']) => Partial<Record<Fig, number>>;
const single = new BlackScholes();
const double = new BlackScholes({ sigmaToPricePrecision: 'double' });
const uqee =
  (b: BlackScholes): Calc =>
  (i) => {
    const o = b.option({
      rate: i.rate,
      sigma: i.vol,
      strike: i.strike,
      time: i.expiry,
      type: i.type,
      underlying: i.spot,
    });
    return { price: o.price, delta: o.delta, gamma: o.gamma, vega: o.vega, theta: -o.theta, rho: o.rho };
  };
const calcs: Record<string, Calc> = {
  riskcore: (i) => optionGreeks(i),
  '@uqee/black-scholes (default)': uqee(single),
  "@uqee/black-scholes ('double')": uqee(double),
  'black-scholes': (i) => ({ price: bs.blackScholes(i.spot, i.strike, i.expiry, i.vol, i.rate, i.type) }),
  greeks: (i) => ({
    delta: gk.getDelta(i.spot, i.strike, i.expiry, i.vol, i.rate, i.type),
    gamma: gk.getGamma(i.spot, i.strike, i.expiry, i.vol, i.rate),
    vega: gk.getVega(i.spot, i.strike, i.expiry, i.vol, i.rate) * 100,
    theta: gk.getTheta(i.spot, i.strike, i.expiry, i.vol, i.rate, i.type) * 365,
    rho: gk.getRho(i.spot, i.strike, i.expiry, i.vol, i.rate, i.type) * 100,
  }),
};

/** Worst relative error per figure, over the cases where the reference is above 1e-12 of the figure's unit. */
function worst(calc: Calc): Partial<Record<Fig, number>> {
  const w: Partial<Record<Fig, number>> = {};
  for (const c of peer) {
    const got = calc(c.input);
    for (const f of FIGS) {
      const v = got[f];
      if (v === undefined) continue;
      const want = Number(c.ref[f]);
      const unit = f === 'gamma' ? 1 / c.input.spot : f === 'delta' ? 1 : c.input.spot;
      if (Math.abs(want) < 1e-12 * unit) continue;
      const e = Number.isFinite(v) ? Math.abs(v - want) / Math.abs(want) : Infinity;
      w[f] = Math.max(w[f] ?? 0, e);
    }
  }
  return w;
}

describe(`peer packages vs mpmath (${peer.length} BSM cases, q = 0)`, () => {
  it('records each package’s worst relative error; ours is never worse (beyond rounding) and < 1e-12', () => {
    const table: Record<string, Partial<Record<Fig, number>>> = {};
    for (const [name, calc] of Object.entries(calcs)) table[name] = worst(calc);
    console.log(
      [
        `| package | ${FIGS.join(' | ')} |`,
        `| --- |${FIGS.map(() => ' ---: |').join('')}`,
        ...Object.entries(table).map(
          ([n, w]) => `| ${n} | ${FIGS.map((f) => (w[f] === undefined ? '—' : w[f]!.toExponential(1))).join(' | ')} |`,
        ),
      ].join('\n'),
    );
    const ours = table.riskcore;
    for (const f of FIGS) expect(ours[f]!).toBeLessThan(1e-12);
    for (const [name, w] of Object.entries(table)) {
      if (name === 'riskcore') continue;
      for (const f of FIGS) if (w[f] !== undefined) expect(w[f]! >= ours[f]! || w[f]! < 1e-13).toBe(true); // ties at rounding level
    }
    // the default @uqee CDF is a 7-digit (Abramowitz-Stegun 26.2.17) approximation
    expect(table['@uqee/black-scholes (default)'].price!).toBeGreaterThan(1e-8);
  });
});
