/**
 * A growable run of numbers in a typed array. The cube rebuild appends millions of values per
 * import; held in JavaScript arrays (and an object per agent-day) they outlived young-generation
 * collections, were promoted, and the old generation grew by about 100 MB of garbage between
 * full collections (docs/benchmarks.md, fourth round). A typed array's values live outside the
 * JavaScript heap and cost the collector nothing.
 */
type NumberArray = Int32Array | Float64Array;

export class Column<A extends NumberArray> {
  private values: A;
  length = 0;

  constructor(
    private readonly make: (size: number) => A,
    initialSize = 256,
  ) {
    this.values = make(initialSize);
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = this.make(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  /** Empties the column, keeping its room (a pooled writer reused for another day). */
  clear(): void {
    this.length = 0;
  }

  /** The value at `index` (< length). */
  at(index: number): number {
    return this.values[index]!;
  }

  /** The values pushed so far (a view: valid until the next push). */
  view(): A {
    return this.values.subarray(0, this.length) as A;
  }
}

export const int32Column = (initialSize?: number) => new Column((size) => new Int32Array(size), initialSize);
export const float64Column = (initialSize?: number) => new Column((size) => new Float64Array(size), initialSize);
