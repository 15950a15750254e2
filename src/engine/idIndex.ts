/**
 * The engine's account id → row index: open addressing with linear probing over one Int32Array (row + 1, 0
 * empty), the hash of each row kept in a second Int32Array, keys compared against the engine's own id list. Built
 * in bulk on restore (hashes straight from the snapshot's id bytes) without a JS Map's per-entry growth. Internal.
 */

/** FNV-1a over UTF-16 code units from `seed`, then a final mix so the low bits (the table slot) take every unit. */
export function idHash(seed: number, id: string): number {
  let h = seed;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return mix(h);
}

/** The same hash over bytes `from … to` of an ASCII section (each byte one code unit). */
function bytesHash(seed: number, bytes: Uint8Array, from: number, to: number): number {
  let h = seed;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return mix(h);
}

/** MurmurHash3's 32-bit finalizer. */
function mix(x: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Rows of account ids; `ids[r]` is the id of row `r` (rows are added in order, never removed). */
export class IdIndex {
  /** Per engine, so that a caller cannot precompute colliding ids. */
  private readonly seed = (Math.random() * 0x100000000) | 0;
  private table = new Int32Array(32);
  private hashes = new Int32Array(16);
  size = 0;

  constructor(private readonly ids: readonly string[]) {}

  /**
   * The row of `id`, or undefined. An id several rows hold (an account and, after it, its isolated positions'
   * pools) finds the first of them: equal hashes are entered in row order and probed in that order.
   */
  get(id: string): number | undefined {
    const h = idHash(this.seed, id);
    const mask = this.table.length - 1;
    for (let x = h & mask; ; x = (x + 1) & mask) {
      const v = this.table[x];
      if (v === 0) return undefined;
      if (this.hashes[v - 1] === h && this.ids[v - 1] === id) return v - 1;
    }
  }

  /** Index row `size` (the next row) under `id`, which must not be indexed yet. */
  add(id: string): number {
    this.reserve(this.size + 1);
    const r = this.size++;
    this.put(r, idHash(this.seed, id));
    return r;
  }

  /** Index rows `size … ids.length − 1` (ids restored into the list). */
  addAll(): void {
    const n = this.ids.length;
    this.reserve(n);
    for (let r = this.size; r < n; r++) this.hashes[r] = idHash(this.seed, this.ids[r]);
    this.putAll(n);
  }

  /**
   * Index rows `size …` from an ASCII section: the id of each new row ends at `ends[k]` in `bytes` (the first
   * starting at `from`), the same ids as the list holds.
   */
  addAllAscii(bytes: Uint8Array, ends: Uint32Array, from: number): void {
    const n = this.size + ends.length;
    this.reserve(n);
    let p = from;
    for (let k = 0; k < ends.length; k++) {
      this.hashes[this.size + k] = bytesHash(this.seed, bytes, p, ends[k]);
      p = ends[k];
    }
    this.putAll(n);
  }

  /**
   * Enter rows `size … n − 1`, their hashes set, in order of home slot (a counting sort on the slot's top bits), so
   * that the writes to a table larger than the caches walk it instead of landing at random.
   */
  private putAll(n: number): void {
    const from = this.size;
    const mask = this.table.length - 1;
    const shift = Math.max(0, 31 - Math.clz32(this.table.length) - 11);
    const starts = new Int32Array((mask >>> shift) + 2);
    for (let r = from; r < n; r++) starts[((this.hashes[r] & mask) >>> shift) + 1]++;
    for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
    const order = new Int32Array(n - from);
    for (let r = from; r < n; r++) order[starts[(this.hashes[r] & mask) >>> shift]++] = r;
    for (let k = 0; k < order.length; k++) this.put(order[k], this.hashes[order[k]]);
    this.size = n;
  }

  private put(r: number, h: number): void {
    this.hashes[r] = h;
    const mask = this.table.length - 1;
    let x = h & mask;
    while (this.table[x] !== 0) x = (x + 1) & mask;
    this.table[x] = r + 1;
  }

  /** Room for `n` rows at a load factor of at most 1/2. */
  private reserve(n: number): void {
    if (n > this.hashes.length) {
      let cap = this.hashes.length;
      while (cap < n) cap *= 2;
      const hashes = new Int32Array(cap);
      hashes.set(this.hashes.subarray(0, this.size));
      this.hashes = hashes;
    }
    if (2 * n <= this.table.length) return;
    let cap = this.table.length;
    while (cap < 2 * n) cap *= 2;
    this.table = new Int32Array(cap);
    const had = this.size;
    this.size = 0;
    this.putAll(had);
  }
}
