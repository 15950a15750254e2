/**
 * The JSON Schema and the library accept the same books. Generated books (positions and a market, in the shapes of
 * schema/book.schema.json) are valid or spoiled once — a wrong type, a deleted field, an unknown or misspelt key,
 * an out-of-range number, a unit slip with or without `allowExtreme: true`, a bad money string, Bachelier with
 * inverse settlement — and the committed schema (ajv, draft 2020-12) must accept exactly when validateBook does.
 *
 * Rules JSON Schema cannot state are not separated by the generator (each object's `$comment` lists them):
 * underlyings are always assets of the market and every option has a vol of its own and on its asset (so one
 * deletion never leaves it without one); smile strikes and correlation matrices are only spoiled in ways that break
 * the schema too (wrong types, negative strikes); asset entries of `market.assets` are not deleted or renamed;
 * money strings stay within 1e50 and 340 decimal places.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Ajv2020Module from 'ajv/dist/2020.js';
import {
  collateralJsonSchema,
  marketJsonSchema,
  positionJsonSchema,
  RiskInputError,
  validateBook,
} from '../../src/index.js';

const root = join(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'schema/book.schema.json'), 'utf8'));
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as new (
  o: object,
) => { compile(s: object): (d: unknown) => boolean };
const bookSchema = {
  type: 'object',
  properties: {
    positions: { type: 'array', items: schema.properties.accounts.items.properties.positions.items },
    market: schema.properties.market,
  },
  required: ['positions', 'market'],
  additionalProperties: false,
};
const schemaAccepts = new Ajv2020({ strict: false }).compile(bookSchema);

function libraryAccepts(book: { positions: unknown; market: unknown }): boolean {
  try {
    validateBook(book.positions, book.market);
    return true;
  } catch (e) {
    if (e instanceof RiskInputError) return false;
    throw e;
  }
}

const dbl = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const clean = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const smile = fc
  .tuple(dbl(0.5, 0.9), dbl(1.05, 1.5), dbl(0.2, 1.2), dbl(0.2, 1.2))
  .map(([a, b, v1, v2]) => ({ strikes: [a, 1, b], vols: [v1, (v1 + v2) / 2, v2] }));
const asset = (price: number) =>
  fc
    .record({
      vol: dbl(0.2, 1.5),
      mark: maybe(dbl(0.9, 1.1)),
      smile: maybe(smile),
      dividendYield: maybe(dbl(-0.05, 0.1)),
      allowExtreme: maybe(fc.boolean()),
    })
    .map((a) =>
      clean({
        price,
        vol: a.vol,
        mark: a.mark && a.mark * price,
        dividendYield: a.dividendYield,
        allowExtreme: a.allowExtreme,
        smile: a.smile && {
          strikes: a.smile.strikes.map((k) => Math.round(k * price * 100) / 100),
          vols: a.smile.vols,
        },
      }),
    );
const market = fc
  .record({
    BTC: asset(60000),
    ETH: asset(3000),
    ctor: maybe(asset(10)),
    rate: maybe(dbl(-0.02, 0.1)),
    quote: maybe(fc.constantFrom('USD', 'USDC')),
    rho: maybe(dbl(-0.9, 0.9)),
    allowExtreme: maybe(fc.boolean()),
  })
  .map((m) =>
    clean({
      // `constructor` is an asset name like any other (an Object.prototype key, looked up as an own property)
      assets: (m.ctor ? { BTC: m.BTC, ETH: m.ETH, constructor: m.ctor } : { BTC: m.BTC, ETH: m.ETH }) as Record<
        string,
        unknown
      >,
      rate: m.rate,
      quote: m.quote,
      allowExtreme: m.allowExtreme,
      correlation:
        m.rho === undefined
          ? undefined
          : {
              assets: ['BTC', 'ETH'],
              matrix: [
                [1, m.rho],
                [m.rho, 1],
              ],
            },
    }),
  );

const underlying = fc.constantFrom('BTC', 'ETH');
const common = {
  underlying,
  quantity: dbl(-10, 10),
  id: maybe(fc.constantFrom('a', 'p-1')),
  marginMode: maybe(fc.constantFrom('cross', 'isolated')),
  allowExtreme: maybe(fc.boolean()),
};
const collateral = fc.array(
  fc.record({
    asset: fc.constantFrom('BTC', 'ETH'),
    amount: fc.oneof(fc.constantFrom('1000', '0.5', '-0', '+2.5e3', ' 12 '), dbl(0, 1e6)),
  }),
  { minLength: 1, maxLength: 2 },
);
const position = fc
  .oneof(
    fc.record({ kind: fc.constant('spot'), ...common }),
    fc.record({
      kind: fc.constant('perp'),
      ...common,
      settlement: maybe(fc.constantFrom('linear', 'inverse')),
      entryPrice: maybe(dbl(100, 1e5)),
      collateral: maybe(collateral),
    }),
    fc.record({
      kind: fc.constant('future'),
      ...common,
      expiry: dbl(0, 2),
      settlement: maybe(fc.constantFrom('linear', 'inverse')),
      entryPrice: maybe(dbl(100, 1e5)),
    }),
    fc.record({
      kind: fc.constant('option'),
      ...common,
      type: fc.constantFrom('call', 'put'),
      strike: dbl(100, 1e5),
      expiry: dbl(0, 2),
      settlement: maybe(fc.constantFrom('linear', 'inverse')),
      model: maybe(fc.constantFrom('bsm', 'black76')),
      vol: dbl(0.1, 2),
      premium: maybe(dbl(0, 100)),
    }),
    fc.record({
      kind: fc.constant('option'),
      ...common,
      type: fc.constantFrom('call', 'put'),
      strike: dbl(-100, 1e5),
      expiry: dbl(0, 2),
      model: fc.constant('bachelier'),
      vol: dbl(10, 3000),
    }),
  )
  .map((p) => clean(p as Record<string, unknown>));
const validBook = fc.record({ positions: fc.array(position, { maxLength: 4 }), market });

type Path = (string | number)[];
interface Site {
  path: Path;
  value: unknown;
  record: boolean;
}

function sitesOf(v: unknown, path: Path = [], out: Site[] = [], record = false): Site[] {
  if (path.length > 0) out.push({ path, value: v, record });
  if (Array.isArray(v)) v.forEach((x, i) => sitesOf(x, [...path, i], out));
  else if (v !== null && typeof v === 'object')
    for (const k of Object.keys(v))
      sitesOf(
        (v as Record<string, unknown>)[k],
        [...path, k],
        out,
        path.at(-1) === 'assets' && path.at(-2) === 'market',
      );
  return out;
}
const parentOf = (root: unknown, path: Path): Record<string | number, unknown> =>
  path.slice(0, -1).reduce<any>((o, k) => o[k], root);
const isIn = (path: Path, key: string) => path.includes(key);

const SLIPS: Record<string, number> = { vol: 60, rate: 5, dividendYield: 3, expiry: 30 };
const spoilKinds = [
  'none',
  'type',
  'delete',
  'unknownKey',
  'misspell',
  'range',
  'slip',
  'slipAllowed',
  'money',
  'bachelierInverse',
  'allowExtremeType',
] as const;

/** Apply one spoil in place; returns its description, or null when the chosen site does not take it. */
function spoil(book: any, kind: (typeof spoilKinds)[number], pick: number, junkIx: number): string | null {
  const all = sitesOf(book);
  const choose = (f: (s: Site) => boolean) => {
    const c = all.filter(f);
    return c.length === 0 ? null : c[pick % c.length];
  };
  const set = (s: Site, v: unknown) => {
    parentOf(book, s.path)[s.path.at(-1)!] = v;
  };
  switch (kind) {
    case 'none':
      return 'valid';
    case 'type': {
      const s = choose(() => true);
      if (!s) return null;
      const junk = [null, true, [], 'x', 7, {}].filter(
        (j) => typeof j !== typeof s.value || Array.isArray(j) !== Array.isArray(s.value) || j === null,
      );
      const j = junk[junkIx % junk.length];
      if (s.path.join('.') === 'market.assets' && typeof j === 'object' && j !== null && !Array.isArray(j)) return null; // {} drops every underlying
      set(s, j);
      return `${s.path.join('.')} := ${JSON.stringify(j)}`;
    }
    case 'delete': {
      const s = choose((x) => typeof x.path.at(-1) === 'string' && !x.record);
      if (!s) return null;
      delete parentOf(book, s.path)[s.path.at(-1)!];
      return `delete ${s.path.join('.')}`;
    }
    case 'unknownKey':
    case 'misspell': {
      const s = choose(
        (x) =>
          x.value !== null &&
          typeof x.value === 'object' &&
          !Array.isArray(x.value) &&
          x.path.join('.') !== 'market.assets',
      );
      if (!s) return null;
      const o = s.value as Record<string, unknown>;
      const keys = Object.keys(o);
      if (kind === 'unknownKey' || keys.length === 0) {
        o[['bogus', 'marginmode', 'Vol', 'allowextreme'][junkIx % 4]] = 1;
        return `${s.path.join('.')} + unknown key`;
      }
      const k = keys[junkIx % keys.length];
      const bad = k.toLowerCase() !== k ? k.toLowerCase() : `${k.slice(0, -1)}`;
      if (bad === '' || bad in o) return null;
      o[bad] = o[k];
      delete o[k];
      return `${s.path.join('.')}.${k} misspelt ${bad}`;
    }
    case 'range': {
      const s = choose((x) => typeof x.value === 'number' && !isIn(x.path, 'strikes') && !isIn(x.path, 'matrix'));
      if (!s) return null;
      const j = [-1, 0, -1e-9, 1e300, -1e300, 1e41, 2.5][junkIx % 7];
      set(s, j);
      return `${s.path.join('.')} := ${j}`;
    }
    case 'slip':
    case 'slipAllowed': {
      const s = choose(
        (x) =>
          typeof x.value === 'number' &&
          (String(x.path.at(-1)) in SLIPS || (isIn(x.path, 'vols') && typeof x.path.at(-1) === 'number')),
      );
      if (!s) return null;
      const key = String(s.path.at(-1));
      set(s, key in SLIPS ? SLIPS[key] : 70);
      if (kind === 'slipAllowed') {
        const owner = isIn(s.path, 'smile') ? s.path.slice(0, s.path.indexOf('smile')) : s.path.slice(0, -1);
        owner.reduce<any>((o, k) => o[k], book).allowExtreme = true;
      }
      return `${s.path.join('.')} slipped${kind === 'slipAllowed' ? ' with allowExtreme' : ''}`;
    }
    case 'money': {
      const s = choose((x) => x.path.at(-1) === 'amount');
      if (!s) return null;
      const j = ['1,000', '-5', ' 12 ', '-0', '1e5', '', 'abc', '.5', '5.', '-0.000e3', -3, 1e41][junkIx % 12];
      set(s, j);
      return `${s.path.join('.')} := ${JSON.stringify(j)}`;
    }
    case 'bachelierInverse': {
      const s = choose((x) => (x.value as any)?.model === 'bachelier');
      if (!s) return null;
      (s.value as any).settlement = ['inverse', 'linear'][junkIx % 2];
      return `${s.path.join('.')} bachelier ${(s.value as any).settlement}`;
    }
    case 'allowExtremeType': {
      const s = choose((x) => x.value !== null && typeof x.value === 'object' && 'allowExtreme' in (x.value as object));
      if (!s) return null;
      (s.value as any).allowExtreme = ['yes', 1, null][junkIx % 3];
      return `${s.path.join('.')}.allowExtreme := ${JSON.stringify((s.value as any).allowExtreme)}`;
    }
  }
}

describe('the JSON Schema accepts exactly the books the library accepts', () => {
  it('on 1,500 generated books, valid and spoiled (fast-check)', () => {
    const tally = { both: 0, neither: 0, spoils: new Map<string, number>() };
    fc.assert(
      fc.property(validBook, fc.constantFrom(...spoilKinds), fc.nat(), fc.nat(), (valid, kind, pick, junkIx) => {
        const book = structuredClone(valid);
        const what = spoil(book, kind, pick, junkIx);
        fc.pre(what !== null);
        const lib = libraryAccepts(book);
        const sch = schemaAccepts(book);
        if (lib !== sch)
          throw new Error(
            `${what}: library ${lib ? 'accepts' : 'refuses'}, schema ${sch ? 'accepts' : 'refuses'}\n${JSON.stringify(book)}`,
          );
        if (lib) tally.both++;
        else tally.neither++;
        tally.spoils.set(kind, (tally.spoils.get(kind) ?? 0) + 1);
      }),
      { numRuns: 1500, seed: 20261207 },
    );
    // Both verdicts are well represented, and every kind of spoil ran.
    expect(tally.both + tally.neither).toBeGreaterThanOrEqual(1000);
    expect(tally.both).toBeGreaterThan(200);
    expect(tally.neither).toBeGreaterThan(400);
    for (const k of spoilKinds) expect(tally.spoils.get(k) ?? 0, k).toBeGreaterThan(20);
  });

  it('every valid generated book is accepted by both', () => {
    fc.assert(
      fc.property(validBook, (b) => libraryAccepts(b) && schemaAccepts(b)),
      { numRuns: 300 },
    );
  });
});

describe('the exported schema functions', () => {
  it('positionJsonSchema, marketJsonSchema and collateralJsonSchema are the parts of the committed schema', () => {
    const account = schema.properties.accounts.items.properties;
    expect(positionJsonSchema()).toEqual(account.positions.items);
    expect(marketJsonSchema()).toEqual(schema.properties.market);
    expect(collateralJsonSchema()).toEqual(account.collateral.items);
    // a fresh object each call: a caller may extend it without changing the next caller's
    const a = positionJsonSchema();
    (a as Record<string, unknown>).title = 'mine';
    expect(positionJsonSchema()).not.toHaveProperty('title');
  });
});
