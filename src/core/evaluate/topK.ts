/**
 * Bounded top-k selection over a stream of (key, row) pairs: O(n log k) time and O(k) memory, so
 * picking the 10 rows worth inspecting out of millions never sorts the millions.
 */

/**
 * Keeps the `k` pairs with the largest keys seen so far. Ties go to the smaller row index, which
 * makes the result independent of the order rows are offered in and equal to a stable descending
 * sort (NumPy's `argsort(-key, kind='stable')[:k]`).
 */
export class TopK {
  private readonly keys: Float64Array;
  private readonly rows: Int32Array;
  private size = 0;

  constructor(readonly k: number) {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a whole number ≥ 0; got ${k}`);
    this.keys = new Float64Array(k);
    this.rows = new Int32Array(k);
  }

  /** True when (a, ra) ranks below (b, rb): a smaller key, or the same key and a later row. */
  private static below(a: number, ra: number, b: number, rb: number): boolean {
    return a < b || (a === b && ra > rb);
  }

  /** Offers one pair; `key` must not be NaN (map NaN to ±Infinity before calling). */
  push(key: number, row: number): void {
    if (this.k === 0) return;
    if (this.size < this.k) {
      // Sift up in a min-heap whose root is the weakest kept pair.
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!TopK.below(key, row, this.keys[parent], this.rows[parent])) break;
        this.keys[i] = this.keys[parent];
        this.rows[i] = this.rows[parent];
        i = parent;
      }
      this.keys[i] = key;
      this.rows[i] = row;
      return;
    }
    // The common case on big data: not better than the weakest kept pair, one comparison.
    if (!TopK.below(this.keys[0], this.rows[0], key, row)) return;
    this.siftDownFromRoot(key, row);
  }

  private siftDownFromRoot(key: number, row: number): void {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && TopK.below(this.keys[right], this.rows[right], this.keys[left], this.rows[left]) ? right : left;
      if (!TopK.below(this.keys[child], this.rows[child], key, row)) break;
      this.keys[i] = this.keys[child];
      this.rows[i] = this.rows[child];
      i = child;
    }
    this.keys[i] = key;
    this.rows[i] = row;
  }

  /** The kept rows, best first (largest key, then smallest row). */
  result(): number[] {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => (TopK.below(this.keys[a], this.rows[a], this.keys[b], this.rows[b]) ? 1 : -1));
    return order.map((i) => this.rows[i]);
  }
}
