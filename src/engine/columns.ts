/**
 * Columnar storage of the margin engine: one typed array per field, grown by doubling. Accounts are rows (an
 * account id maps to its row); positions are slots chained per account in group-major order (all positions of an
 * underlying together, underlyings in order of first appearance), the order `engine.account()` lists them in.
 * Collateral is held exactly, in base units of `10^-decimals` per cash asset (BigInt64Array). Internal.
 */

type Typed = Float64Array | Int32Array | Uint8Array | BigInt64Array;

function grow<T extends Typed>(a: T, n: number, fill?: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a as never);
  if (fill !== undefined) (b as Int32Array).fill(fill, a.length);
  return b;
}

/** Position kinds as stored. */
export const KIND_SPOT = 0;
export const KIND_PERP = 1;
export const KIND_FUTURE = 2;

/** Margin state of an account: 0 healthy (equity ≥ IM), 1 margin call (MM ≤ equity < IM), 2 liquidatable. */
export type MarginState = 0 | 1 | 2;

/** Account and position columns. */
export class Columns {
  accounts = 0;
  /** Per account: first position slot (−1 none). */
  head: Int32Array;
  /** Per account: float figures as netting computes them (IM, MM, Σ position value) and the margin state. */
  im: Float64Array;
  mm: Float64Array;
  value: Float64Array;
  /** Per account: the exact collateral value as a float (screening only). */
  collFloat: Float64Array;
  state: Uint8Array;
  /** Per account: epoch of the last event that touched it (dedupes a tick's account list). */
  epoch: Int32Array;
  /** Scratch: the rows an event touched (the first `touchedCount`). */
  touched = new Int32Array(16);
  touchedCount = 0;
  /** Scratch: a tick's screen of each touched row (see `tickRows`), by index in `touched`. */
  screens = new Int8Array(16);
  /** Per cash asset, per account: the amount in base units. */
  cash: BigInt64Array[];

  slots = 0;
  free: number[] = [];
  pAcct: Int32Array;
  pNext: Int32Array;
  pUnd: Int32Array;
  pKind: Uint8Array;
  /** 1 for inverse settlement. */
  pInverse: Uint8Array;
  pQty: Float64Array;
  pEntry: Float64Array;
  pExpiry: Float64Array;
  /** Cached per-position figures: value (q × unit value), delta-one units, standard IM and MM. */
  pValue: Float64Array;
  pD1: Float64Array;
  pIm: Float64Array;
  pMm: Float64Array;
  /** Index of the slot in its underlying's slot list. */
  pIdx: Int32Array;
  /** Per underlying: slots holding a position on it (the tick index). */
  byUnderlying: { slots: Int32Array; n: number }[] = [];

  constructor(cashAssets: number, accountCap = 16, slotCap = 16) {
    this.head = new Int32Array(accountCap).fill(-1);
    this.im = new Float64Array(accountCap);
    this.mm = new Float64Array(accountCap);
    this.value = new Float64Array(accountCap);
    this.collFloat = new Float64Array(accountCap);
    this.state = new Uint8Array(accountCap);
    this.epoch = new Int32Array(accountCap);
    this.cash = Array.from({ length: cashAssets }, () => new BigInt64Array(accountCap));
    this.pAcct = new Int32Array(slotCap);
    this.pNext = new Int32Array(slotCap);
    this.pUnd = new Int32Array(slotCap);
    this.pKind = new Uint8Array(slotCap);
    this.pInverse = new Uint8Array(slotCap);
    this.pQty = new Float64Array(slotCap);
    this.pEntry = new Float64Array(slotCap);
    this.pExpiry = new Float64Array(slotCap);
    this.pValue = new Float64Array(slotCap);
    this.pD1 = new Float64Array(slotCap);
    this.pIm = new Float64Array(slotCap);
    this.pMm = new Float64Array(slotCap);
    this.pIdx = new Int32Array(slotCap);
  }

  /** List row `r` as touched (the caller dedupes). */
  touch(r: number): void {
    if (this.touchedCount === this.touched.length) this.touched = grow(this.touched, this.touched.length * 2);
    this.touched[this.touchedCount++] = r;
  }

  /** A new account row. */
  addAccount(): number {
    const r = this.accounts++;
    if (r === this.head.length) {
      const n = r * 2;
      this.head = grow(this.head, n, -1);
      this.im = grow(this.im, n);
      this.mm = grow(this.mm, n);
      this.value = grow(this.value, n);
      this.collFloat = grow(this.collFloat, n);
      this.state = grow(this.state, n);
      this.epoch = grow(this.epoch, n);
      this.cash = this.cash.map((c) => grow(c, n));
    }
    return r;
  }

  private growSlots(): void {
    const n = this.pAcct.length * 2;
    this.pAcct = grow(this.pAcct, n);
    this.pNext = grow(this.pNext, n);
    this.pUnd = grow(this.pUnd, n);
    this.pKind = grow(this.pKind, n);
    this.pInverse = grow(this.pInverse, n);
    this.pQty = grow(this.pQty, n);
    this.pEntry = grow(this.pEntry, n);
    this.pExpiry = grow(this.pExpiry, n);
    this.pValue = grow(this.pValue, n);
    this.pD1 = grow(this.pD1, n);
    this.pIm = grow(this.pIm, n);
    this.pMm = grow(this.pMm, n);
    this.pIdx = grow(this.pIdx, n);
  }

  /** The slot of an account's position on an instrument, or −1. */
  find(r: number, und: number, kind: number, inverse: number, expiry: number): number {
    for (let s = this.head[r]; s >= 0; s = this.pNext[s]) {
      if (this.pUnd[s] === und && this.pKind[s] === kind && this.pInverse[s] === inverse) {
        if (kind !== KIND_FUTURE || Object.is(this.pExpiry[s], expiry)) return s;
      }
    }
    return -1;
  }

  /** A new position slot chained after the last position of its underlying (or at the end). */
  addPosition(r: number, und: number, kind: number, inverse: number, expiry: number): number {
    let s = this.free.pop();
    if (s === undefined) {
      s = this.slots++;
      if (s === this.pAcct.length) this.growSlots();
    }
    this.pAcct[s] = r;
    this.pUnd[s] = und;
    this.pKind[s] = kind;
    this.pInverse[s] = inverse;
    this.pExpiry[s] = kind === KIND_FUTURE ? expiry : 0;
    this.pQty[s] = 0;
    this.pEntry[s] = Number.NaN;
    this.pValue[s] = 0;
    this.pD1[s] = 0;
    this.pIm[s] = 0;
    this.pMm[s] = 0;
    let after = -1;
    let last = -1;
    for (let t = this.head[r]; t >= 0; t = this.pNext[t]) {
      if (this.pUnd[t] === und) after = t;
      last = t;
    }
    const prev = after >= 0 ? after : last;
    if (prev < 0) {
      this.pNext[s] = -1;
      this.head[r] = s;
    } else {
      this.pNext[s] = this.pNext[prev];
      this.pNext[prev] = s;
    }
    while (this.byUnderlying.length <= und) this.byUnderlying.push({ slots: new Int32Array(16), n: 0 });
    const list = this.byUnderlying[und];
    if (list.n === list.slots.length) list.slots = grow(list.slots, list.n * 2);
    this.pIdx[s] = list.n;
    list.slots[list.n++] = s;
    return s;
  }

  /** Unchain and free a slot. */
  removePosition(s: number): void {
    const r = this.pAcct[s];
    if (this.head[r] === s) this.head[r] = this.pNext[s];
    else {
      let t = this.head[r];
      while (this.pNext[t] !== s) t = this.pNext[t];
      this.pNext[t] = this.pNext[s];
    }
    const list = this.byUnderlying[this.pUnd[s]];
    const i = this.pIdx[s];
    const moved = list.slots[--list.n];
    list.slots[i] = moved;
    this.pIdx[moved] = i;
    this.pAcct[s] = -1;
    this.free.push(s);
  }

  /** Bytes held by the columns (capacity, not just the rows in use). */
  bytes(): number {
    let b = 0;
    for (const a of [this.head, this.im, this.mm, this.value, this.collFloat, this.state, this.epoch, ...this.cash])
      b += a.byteLength;
    for (const a of [this.pAcct, this.pNext, this.pUnd, this.pKind, this.pInverse, this.pQty, this.pEntry])
      b += a.byteLength;
    for (const a of [this.pExpiry, this.pValue, this.pD1, this.pIm, this.pMm, this.pIdx]) b += a.byteLength;
    for (const u of this.byUnderlying) b += u.slots.byteLength;
    return b;
  }
}
