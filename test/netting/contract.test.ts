/**
 * The account contract of riskcore/netting: validated accounts and prepared contexts are recognised by their brand
 * only (a forged shape is validated as input), strict keys, own-property look-ups for asset names, exact and
 * order-independent sums, and the (subject, context, options) forms beside the deprecated positional ones.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  accountMargin,
  capitalEfficiency,
  liquidationPrice,
  marginParams,
  netExposures,
  prepareMargin,
  validateAccount,
  validateAccountBook,
  validateMarginParams,
  withDynamicRange,
  DEFAULT_MARGIN_PARAMS,
  RiskInputError,
} from '../../src/netting/index.js';
import type { Account, AccountPosition } from '../../src/netting/index.js';

const market = { assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.7 } } };

/** The RiskInputError path of a call (fails the test on any other outcome). */
function pathOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof RiskInputError) return e.path;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('a forged validated shape is account input, and refused', () => {
  const forged = (quantity: unknown) =>
    JSON.parse(
      JSON.stringify({
        units: [
          {
            key: 'cross',
            mode: 'cross',
            positions: [
              {
                path: 'account.positions[0]',
                position: { kind: 'spot', underlying: 'BTC', quantity, marginMode: 'cross' },
              },
            ],
            collateral: [],
          },
        ],
      }),
    );
  it.each(['abc', '-5', 1e308])('quantity %s in a forged { units } shape → RiskInputError at account.units', (q) => {
    expect(pathOf(() => accountMargin(forged(q), market))).toBe('account.units');
    expect(pathOf(() => capitalEfficiency(forged(q), market))).toBe('account.units');
    expect(pathOf(() => liquidationPrice(forged(q), market, { underlying: 'BTC' }))).toBe('account.units');
    expect(pathOf(() => netExposures(forged(q), market))).toBe('account.units');
  });
  it('the same quantities as account input are refused at the quantity, or margined finitely', () => {
    expect(
      pathOf(() =>
        accountMargin({ positions: [{ kind: 'spot', underlying: 'BTC', quantity: 'abc' as never }] }, market),
      ),
    ).toBe('account.positions[0].quantity');
    expect(
      pathOf(() =>
        accountMargin({ positions: [{ kind: 'spot', underlying: 'BTC', quantity: '-5' as never }] }, market),
      ),
    ).toBe('account.positions[0].quantity');
    let r: ReturnType<typeof accountMargin> | undefined;
    try {
      r = accountMargin({ positions: [{ kind: 'spot', underlying: 'BTC', quantity: 1e308 }] }, market);
    } catch (e) {
      expect(e).toBeInstanceOf(RiskInputError);
      expect((e as RiskInputError).path).toMatch(/quantity|price/);
    }
    if (r) for (const x of [r.equity, r.initialMargin, r.maintenanceMargin]) expect(x.isFinite()).toBe(true);
  });
  it('a validated account (its pools frozen) is taken as it is; a copy of it is not', () => {
    const v = validateAccount({
      positions: [{ kind: 'perp', underlying: 'BTC', quantity: 1 }],
      collateral: [{ asset: 'USDC', amount: '10000' }],
    });
    expect(
      Object.isFrozen(v) &&
        Object.isFrozen(v.units) &&
        Object.isFrozen(v.units[0]) &&
        Object.isFrozen(v.units[0].positions),
    ).toBe(true);
    expect(accountMargin(v, market).equity.toString()).toBe('10000');
    expect(pathOf(() => accountMargin({ ...v }, market))).toBe('account.units');
    expect(pathOf(() => accountMargin(JSON.parse(JSON.stringify(v)), market))).toBe('account.units');
  });
  it('a validated account is still checked against the market it is margined on', () => {
    const v = validateAccount({ positions: [{ kind: 'perp', underlying: 'SOL', quantity: 1 }] });
    expect(pathOf(() => accountMargin(v, market))).toBe('account.positions[0].underlying');
  });
  it('a forged context is a market, and refused', () => {
    const ctx = prepareMargin(market);
    const forgedCtx = { ...ctx, riskArrays: new Map(), baseValues: new Map(), instruments: new Map() };
    expect(() => accountMargin({}, forgedCtx)).toThrow(RiskInputError);
    expect(accountMargin({}, ctx).equity.toString()).toBe('0');
  });
  it('params with a prepared context are refused (the context fixed its own)', () => {
    expect(pathOf(() => accountMargin({}, prepareMargin(market), { params: DEFAULT_MARGIN_PARAMS }))).toBe(
      'options.params',
    );
  });
});

describe('strict keys', () => {
  it('names the misspelt key and the closest field', () => {
    expect(() => validateAccount({ subAccounts: [{ marginmode: 'isolated' }] } as never)).toThrow(
      'account.subAccounts[0].marginmode is not a field; did you mean marginMode?',
    );
    expect(() => validateAccount({ subaccounts: [] } as never)).toThrow(
      'account.subaccounts is not a field; did you mean subAccounts?',
    );
    expect(() => validateAccount({ collateral: [{ asset: 'USDC', ammount: '1' }] } as never)).toThrow(
      'account.collateral[0].ammount is not a field; did you mean amount?',
    );
    expect(() => accountMargin({}, market, { methd: 'cross' } as never)).toThrow(
      'options.methd is not a field; did you mean method?',
    );
    expect(() => liquidationPrice({}, market, { underlying: 'BTC', maxFactr: 10 } as never)).toThrow(
      'options.maxFactr is not a field; did you mean maxFactor?',
    );
    expect(() => marginParams({ mmfactor: 0.5 } as never)).toThrow(
      'overrides.mmfactor is not a field; did you mean mmFactor?',
    );
  });
  it('an isolated position carries its collateral (the one field an account position adds)', () => {
    const v = validateAccount({
      positions: [
        {
          kind: 'perp',
          underlying: 'BTC',
          quantity: 1,
          marginMode: 'isolated',
          collateral: [{ asset: 'USDC', amount: '100' }],
        },
      ],
    });
    expect(v.units[1].collateral[0].amount.toString()).toBe('100');
  });
});

describe('the (subject, context, options) forms and the deprecated positional ones agree', () => {
  const acct: Account = {
    collateral: [{ asset: 'USDC', amount: '6000' }],
    positions: [
      { kind: 'perp', underlying: 'BTC', quantity: 1 },
      { kind: 'option', underlying: 'ETH', quantity: -2, type: 'put', strike: 2800, expiry: 0.1 },
    ],
  };
  const p = marginParams({ mmFactor: 0.7 });
  it('accountMargin', () => {
    for (const method of ['standard', 'cross', 'portfolio'] as const) {
      expect(accountMargin(acct, market, { params: p, method })).toEqual(accountMargin(acct, market, p, { method }));
      expect(accountMargin(acct, market, { method })).toEqual(accountMargin(acct, market, undefined, { method }));
    }
    expect(accountMargin(acct, market, p)).toEqual(accountMargin(acct, market, { params: p }));
  });
  it('liquidationPrice and capitalEfficiency', () => {
    expect(liquidationPrice(acct, market, { underlying: 'BTC', params: p, method: 'cross' })).toEqual(
      liquidationPrice(acct, market, 'BTC', p, { method: 'cross' }),
    );
    expect(capitalEfficiency(acct, market, { params: p })).toEqual(capitalEfficiency(acct, market, p));
  });
});

describe('asset names that are Object.prototype keys', () => {
  const names = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];
  // JSON.parse makes `__proto__` an own key, as a book file would
  const rename = <T>(v: T, name: string): T => JSON.parse(JSON.stringify(v).replaceAll('"BTC"', JSON.stringify(name)));
  const acct: Account = {
    collateral: [
      { asset: 'USDC', amount: '20000' },
      { asset: 'BTC', amount: '0.1' },
    ],
    positions: [
      { kind: 'perp', underlying: 'BTC', quantity: 1 },
      { kind: 'option', underlying: 'BTC', quantity: -1, type: 'call', strike: 65000, expiry: 0.1 },
    ],
    subAccounts: [
      {
        marginMode: 'isolated',
        positions: [{ kind: 'spot', underlying: 'BTC', quantity: -0.5 }],
        collateral: [{ asset: 'USDC', amount: '40000' }],
      },
    ],
  };
  const params = {
    ...DEFAULT_MARGIN_PARAMS,
    assets: { BTC: DEFAULT_MARGIN_PARAMS.assets.BTC, '*': DEFAULT_MARGIN_PARAMS.assets['*'] },
    haircuts: { BTC: 0.1 },
  };
  /** Every netting function on the book with BTC renamed; the figures must be the BTC ones. */
  const run = (name: string) => {
    const a = rename(acct, name);
    const m = rename(market, name);
    const p = rename(params, name);
    const strip = (x: unknown) => JSON.parse(JSON.stringify(x).replaceAll(JSON.stringify(name), '"BTC"'));
    return strip({
      validated: validateAccount(a, 'account', m).units.map((u) => u.positions.length),
      book: validateAccountBook(a, m).market.assets,
      params: Object.keys(validateMarginParams(p).assets),
      merged: Object.hasOwn(marginParams({ assets: p.assets }).assets, name),
      dynamic: withDynamicRange(p, name, 0.2).assets[name]?.portfolio.priceRange,
      margin: (['standard', 'cross', 'portfolio'] as const).map((method) => accountMargin(a, m, { params: p, method })),
      prepared: accountMargin(a, prepareMargin(m, p)),
      liquidation: liquidationPrice(a, m, { underlying: name, params: p, method: 'cross' }),
      efficiency: capitalEfficiency(a, m, { params: p }),
      exposures: netExposures(a, m),
    });
  };
  const reference = run('BTC');
  for (const name of names) {
    it(`${name}: every function gives the BTC figures (or, for a name core's market cannot hold, a RiskInputError)`, () => {
      let got: unknown;
      try {
        got = run(name);
      } catch (e) {
        // core/model.ts owns the market's own-key handling of `__proto__`; never a TypeError
        expect(e).toBeInstanceOf(RiskInputError);
        expect(name).toBe('__proto__');
        return;
      }
      expect(got).toEqual(reference);
    });
  }
});

describe('money sums are exact and do not depend on position order', () => {
  it('spot worth 0.1 and 0.2 at $1 gives equity 0.3', () => {
    const m = { assets: { X: { price: 1 } } };
    const r = accountMargin(
      {
        positions: [
          { kind: 'spot', underlying: 'X', quantity: 0.1 },
          { kind: 'spot', underlying: 'X', quantity: 0.2 },
        ],
      },
      m,
      { method: 'standard' },
    );
    expect(r.equity.toString()).toBe('0.3');
    expect(r.units[0].positionsValue.toString()).toBe('0.3');
  });
  const q = fc.double({ min: -20, max: 20, noNaN: true }).map((x) => Math.round(x * 1000) / 1000);
  const position: fc.Arbitrary<AccountPosition> = fc.oneof(
    fc.record({ kind: fc.constant('spot' as const), underlying: fc.constantFrom('BTC', 'ETH'), quantity: q }),
    fc.record({
      kind: fc.constant('perp' as const),
      underlying: fc.constantFrom('BTC', 'ETH'),
      quantity: q,
      entryPrice: fc.constantFrom(2900, 3100, 59000, 61000),
    }),
    fc.record({
      kind: fc.constant('option' as const),
      underlying: fc.constant('BTC'),
      quantity: q,
      type: fc.constantFrom('call' as const, 'put' as const),
      strike: fc.constantFrom(50000, 60000, 70000),
      expiry: fc.constantFrom(0.05, 0.25),
    }),
  );
  const ctx = prepareMargin(market);
  it('equity and margins are identical under any permutation of the positions (property)', () => {
    fc.assert(
      fc.property(fc.array(position, { minLength: 2, maxLength: 12 }), fc.func(fc.integer()), (ps, key) => {
        const shuffled = ps
          .map((p, i) => [key(i), p] as const)
          .sort((x, y) => x[0] - y[0])
          .map(([, p]) => p);
        for (const method of ['standard', 'cross', 'portfolio'] as const) {
          const a = accountMargin({ positions: ps }, ctx, { method });
          const b = accountMargin({ positions: shuffled }, ctx, { method });
          for (const k of ['equity', 'initialMargin', 'maintenanceMargin'] as const)
            expect(b[k].toString()).toBe(a[k].toString());
        }
      }),
      { numRuns: 150 },
    );
  });
});
