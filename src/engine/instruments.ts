/**
 * The engine's option instruments, shared by every account holding them: per instrument its contract terms, its
 * risk array (per-unit P&L in every grid scenario, profit positive) and its per-unit value, taken from
 * riskcore/netting's own risk-array code (`instrumentEntry`) on the engine's current market, so that they are the
 * numbers `accountMargin` uses, bit for bit. A tick on an underlying re-prices its instruments once, not per
 * account. Internal.
 */
import type { OptionPosition } from '../core/model.js';
import type { MarginContext } from '../netting/internal.js';
import { instrumentEntry } from '../netting/internal.js';

/** An option instrument's terms as the engine holds them. */
export interface OptionTerms {
  und: number;
  put: boolean;
  strike: number;
  expiry: number;
  inverse: boolean;
  model: 'bsm' | 'black76' | 'bachelier';
}

/** netting's instrument code of an option: type, settlement and model. */
export function optionCode(t: Omit<OptionTerms, 'und' | 'strike' | 'expiry'>): number {
  return (t.put ? 1 : 0) + (t.inverse ? 2 : 0) + (t.model === 'black76' ? 4 : t.model === 'bachelier' ? 8 : 0);
}

/** The netting position of one unit of an option instrument. */
export function optionPosition(t: OptionTerms, names: readonly string[], quantity: number): OptionPosition {
  return {
    kind: 'option',
    underlying: names[t.und],
    quantity,
    type: t.put ? 'put' : 'call',
    strike: t.strike,
    expiry: t.expiry,
    settlement: t.inverse ? 'inverse' : 'linear',
    model: t.model,
  };
}

/** The option instrument table. */
export class OptionInstruments {
  /** Scenarios per risk array. */
  readonly nS: number;
  terms: OptionTerms[] = [];
  /** Number of position slots holding each instrument (0: free for reuse). */
  refs: number[] = [];
  code: number[] = [];
  hash: number[] = [];
  /** Per-unit value at the current market. */
  base: Float64Array = new Float64Array(16);
  /** Risk arrays, `nS` numbers per instrument. */
  ra: Float64Array;
  private readonly byKey = new Map<string, number>();
  /** Instrument ids per underlying index. */
  byUnd: number[][] = [];
  private free: number[] = [];

  constructor(nS: number) {
    this.nS = nS;
    this.ra = new Float64Array(16 * nS);
  }

  /** The id of a registered instrument, or −1 (nothing registered). */
  lookup(t: OptionTerms): number {
    return this.byKey.get(`${t.und}|${optionCode(t)}|${t.strike}|${t.expiry}`) ?? -1;
  }

  /** The id of an instrument, registered (and priced on `ctx`) on first use. */
  intern(t: OptionTerms, ctx: MarginContext, names: readonly string[]): number {
    const key = `${t.und}|${optionCode(t)}|${t.strike}|${t.expiry}`;
    let id = this.byKey.get(key);
    if (id !== undefined) return id;
    id = this.free.pop() ?? this.terms.length;
    if (id === this.terms.length) {
      this.terms.push(t);
      this.refs.push(0);
      this.code.push(0);
      this.hash.push(0);
      this.grow(id);
    } else this.terms[id] = t;
    this.refs[id] = 0;
    this.code[id] = optionCode(t);
    this.byKey.set(key, id);
    while (this.byUnd.length <= t.und) this.byUnd.push([]);
    this.byUnd[t.und].push(id);
    this.price(id, ctx, names);
    return id;
  }

  /** One more (or one fewer) slot holds instrument `id`; an instrument no slot holds is dropped. */
  hold(id: number, delta: 1 | -1): void {
    this.refs[id] += delta;
    if (this.refs[id] > 0) return;
    const t = this.terms[id];
    this.byKey.delete(`${t.und}|${optionCode(t)}|${t.strike}|${t.expiry}`);
    const list = this.byUnd[t.und];
    list.splice(list.indexOf(id), 1);
    this.free.push(id);
  }

  /** Re-price every instrument on underlying `und` on `ctx` (the market after a tick). */
  reprice(und: number, ctx: MarginContext, names: readonly string[]): void {
    const list = this.byUnd[und];
    if (list) for (const id of list) this.price(id, ctx, names);
  }

  /** Risk array, unit value and hash of instrument `id` from netting's own cache on `ctx`. */
  private price(id: number, ctx: MarginContext, names: readonly string[]): void {
    const e = instrumentEntry(ctx, optionPosition(this.terms[id], names, 1));
    this.hash[id] = e.hash;
    this.base[id] = e.base;
    this.ra.set(e.ra, id * this.nS);
  }

  /** The table's terms, holding counts and free ids (a snapshot's part). */
  toJSON(): { terms: OptionTerms[]; refs: number[]; free: number[] } {
    return { terms: this.terms, refs: this.refs, free: this.free };
  }

  /** Rebuild from {@link toJSON}'s data on `ctx` (the market of the snapshot); the ids stay as they were. */
  restore(
    data: { terms: OptionTerms[]; refs: number[]; free: number[] },
    ctx: MarginContext,
    names: readonly string[],
  ): void {
    data.terms.forEach((t, id) => {
      this.terms.push(t);
      this.refs.push(data.refs[id]);
      this.code.push(optionCode(t));
      this.hash.push(0);
      this.grow(id);
      if (data.refs[id] === 0) return;
      this.byKey.set(`${t.und}|${optionCode(t)}|${t.strike}|${t.expiry}`, id);
      while (this.byUnd.length <= t.und) this.byUnd.push([]);
      this.byUnd[t.und].push(id);
      this.price(id, ctx, names);
    });
    this.free = data.free.slice();
  }

  private grow(id: number): void {
    if (id < this.base.length) return;
    const b = new Float64Array(Math.max(16, id * 2));
    b.set(this.base);
    this.base = b;
    const r = new Float64Array(b.length * this.nS);
    r.set(this.ra);
    this.ra = r;
  }

  /** Bytes held by the risk arrays and unit values. */
  bytes(): number {
    return this.ra.byteLength + this.base.byteLength;
  }
}
