/**
 * Columnar storage of the margin engine: one typed array per field, grown by doubling. Accounts are rows (an
 * account id maps to its row); positions are slots chained per account in group-major order (all positions of an
 * underlying together, underlyings in order of first appearance), the order `engine.account()` lists them in.
 * Collateral is held exactly, in base units of `10^-decimals` per cash asset (BigInt64Array). Internal.
 */

type Typed = Float64Array | Int32Array | Uint32Array | Uint8Array | BigInt64Array;

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
export const KIND_OPTION = 3;

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
  /** Per account: the number of option positions (an account holding one is portfolio-margined under `'auto'`). */
  nOpt: Int32Array;
  /** Per underlying index: its rank by name (netting's canonical order of underlyings). */
  undRank: Int32Array = new Int32Array(0);

  slots = 0;
  free: number[] = [];
  pAcct: Int32Array;
  pNext: Int32Array;
  pUnd: Int32Array;
  pKind: Uint8Array;
  /** 1 for inverse settlement. */
  pInverse: Uint8Array;
  pQty: Float64Array;
  /** Entry price (perps, futures) or strike (options); NaN for spot. */
  pEntry: Float64Array;
  /** Time to expiry in years (futures, options; 0 otherwise). */
  pExpiry: Float64Array;
  /** netting's instrument code (kind, settlement, option type and model) and instrument hash: the canonical order. */
  pCode: Uint8Array;
  pHash: Uint32Array;
  /** Options: the id of the shared option instrument (risk array, unit value); −1 for delta-one slots. */
  pInst: Int32Array;
  /** Portfolio method, at the first slot of each underlying's group: the group's IM and MM. */
  pGIm: Float64Array;
  pGMm: Float64Array;
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
    this.nOpt = new Int32Array(accountCap);
    this.pAcct = new Int32Array(slotCap);
    this.pNext = new Int32Array(slotCap);
    this.pUnd = new Int32Array(slotCap);
    this.pKind = new Uint8Array(slotCap);
    this.pInverse = new Uint8Array(slotCap);
    this.pQty = new Float64Array(slotCap);
    this.pEntry = new Float64Array(slotCap);
    this.pExpiry = new Float64Array(slotCap);
    this.pCode = new Uint8Array(slotCap);
    this.pHash = new Uint32Array(slotCap);
    this.pInst = new Int32Array(slotCap);
    this.pGIm = new Float64Array(slotCap);
    this.pGMm = new Float64Array(slotCap);
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
      this.nOpt = grow(this.nOpt, n);
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
    this.pCode = grow(this.pCode, n);
    this.pHash = grow(this.pHash, n);
    this.pInst = grow(this.pInst, n);
    this.pGIm = grow(this.pGIm, n);
    this.pGMm = grow(this.pGMm, n);
    this.pValue = grow(this.pValue, n);
    this.pD1 = grow(this.pD1, n);
    this.pIm = grow(this.pIm, n);
    this.pMm = grow(this.pMm, n);
    this.pIdx = grow(this.pIdx, n);
  }

  /** The slot of an account's position on an instrument (options: the instrument id `inst`), or −1. */
  find(r: number, und: number, kind: number, inverse: number, expiry: number, inst = -1): number {
    for (let s = this.head[r]; s >= 0; s = this.pNext[s]) {
      if (this.pUnd[s] === und && this.pKind[s] === kind && this.pInverse[s] === inverse) {
        if (kind === KIND_OPTION ? this.pInst[s] === inst : kind !== KIND_FUTURE || Object.is(this.pExpiry[s], expiry))
          return s;
      }
    }
    return -1;
  }

  /**
   * Whether slot `a` comes before slot `b` in netting's canonical order: underlying by name, then instrument hash,
   * then the terms (code, expiry, strike or entry) as `compareEntries` orders them.
   */
  before(a: number, b: number): boolean {
    const d =
      this.undRank[this.pUnd[a]] - this.undRank[this.pUnd[b]] ||
      this.pHash[a] - this.pHash[b] ||
      this.pCode[a] - this.pCode[b] ||
      this.pExpiry[a] - this.pExpiry[b] ||
      k2(this, a) - k2(this, b);
    return d < 0;
  }

  /** Chain slot `s` of row `r` at its canonical place (it must not be chained). */
  link(r: number, s: number): void {
    let prev = -1;
    for (let t = this.head[r]; t >= 0 && this.before(t, s); t = this.pNext[t]) prev = t;
    if (prev < 0) {
      this.pNext[s] = this.head[r];
      this.head[r] = s;
    } else {
      this.pNext[s] = this.pNext[prev];
      this.pNext[prev] = s;
    }
  }

  /** Take slot `s` out of its row's chain. */
  unlink(s: number): void {
    const r = this.pAcct[s];
    if (this.head[r] === s) this.head[r] = this.pNext[s];
    else {
      let t = this.head[r];
      while (this.pNext[t] !== s) t = this.pNext[t];
      this.pNext[t] = this.pNext[s];
    }
  }

  /**
   * A new position slot, not chained yet: the caller sets its quantity, entry or strike, code and hash, then
   * {@link link}s it at its canonical place.
   */
  addPosition(r: number, und: number, kind: number, inverse: number, expiry: number, inst = -1): number {
    let s = this.free.pop();
    if (s === undefined) {
      s = this.slots++;
      if (s === this.pAcct.length) this.growSlots();
    }
    this.pAcct[s] = r;
    this.pUnd[s] = und;
    this.pKind[s] = kind;
    this.pInverse[s] = inverse;
    this.pExpiry[s] = kind === KIND_FUTURE || kind === KIND_OPTION ? expiry : 0;
    this.pInst[s] = inst;
    this.pGIm[s] = 0;
    this.pGMm[s] = 0;
    this.pQty[s] = 0;
    this.pEntry[s] = Number.NaN;
    this.pValue[s] = 0;
    this.pD1[s] = 0;
    this.pIm[s] = 0;
    this.pMm[s] = 0;
    this.pNext[s] = -1;
    while (this.byUnderlying.length <= und) this.byUnderlying.push({ slots: new Int32Array(16), n: 0 });
    const list = this.byUnderlying[und];
    if (list.n === list.slots.length) list.slots = grow(list.slots, list.n * 2);
    this.pIdx[s] = list.n;
    list.slots[list.n++] = s;
    return s;
  }

  /** Unchain and free a slot. */
  removePosition(s: number): void {
    this.unlink(s);
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
    b += this.nOpt.byteLength;
    for (const a of [this.pCode, this.pHash, this.pInst, this.pGIm, this.pGMm]) b += a.byteLength;
    for (const a of [this.pAcct, this.pNext, this.pUnd, this.pKind, this.pInverse, this.pQty, this.pEntry])
      b += a.byteLength;
    for (const a of [this.pExpiry, this.pValue, this.pD1, this.pIm, this.pMm, this.pIdx]) b += a.byteLength;
    for (const u of this.byUnderlying) b += u.slots.byteLength;
    return b;
  }
}

/** The second term of a slot's instrument (entry price or strike; 0 for spot), as netting's `k2`. */
function k2(c: Columns, s: number): number {
  return c.pKind[s] === KIND_SPOT ? 0 : c.pEntry[s];
}
