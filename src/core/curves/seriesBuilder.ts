/**
 * Growable typed arrays for scalar series, so a million points never become a million objects.
 */
import type { RunTags, ScalarSeries } from './types';

/** Appends (step, value, wall time) triples and hands out trimmed views. */
export class SeriesBuilder {
  private steps = new Float64Array(64);
  private values = new Float64Array(64);
  private walls = new Float64Array(64);
  /** Number of points pushed so far. */
  length = 0;

  /** Adds one point. */
  push(step: number, value: number, wallTime: number): void {
    if (this.length === this.steps.length) this.grow();
    this.steps[this.length] = step;
    this.values[this.length] = value;
    this.walls[this.length] = wallTime;
    this.length++;
  }

  /** The points so far; the arrays are views that later pushes do not change. */
  series(): ScalarSeries {
    const n = this.length;
    return { steps: this.steps.slice(0, n), values: this.values.slice(0, n), wallTimes: this.walls.slice(0, n) };
  }

  private grow(): void {
    const size = this.steps.length * 2;
    const grow = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.steps = grow(this.steps);
    this.values = grow(this.values);
    this.walls = grow(this.walls);
  }
}

/** Tag → builder, with a conversion to the shared {@link RunTags} shape. */
export class TagBuilders {
  readonly byTag = new Map<string, SeriesBuilder>();

  /** Adds one point to `tag`'s series. */
  push(tag: string, step: number, value: number, wallTime: number): void {
    let b = this.byTag.get(tag);
    if (!b) this.byTag.set(tag, (b = new SeriesBuilder()));
    b.push(step, value, wallTime);
  }

  /** A snapshot of every tag's series. */
  toTags(): RunTags {
    const out: RunTags = new Map();
    for (const [tag, b] of this.byTag) out.set(tag, b.series());
    return out;
  }
}

/** Appends `b` to the end of `a` (logs of one run written in several files). */
export function concatSeries(a: ScalarSeries, b: ScalarSeries): ScalarSeries {
  const cat = (x: Float64Array, y: Float64Array) => {
    const out = new Float64Array(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return { steps: cat(a.steps, b.steps), values: cat(a.values, b.values), wallTimes: cat(a.wallTimes, b.wallTimes) };
}

/** Merges `more` into `into`, concatenating series of tags both have. */
export function mergeTags(into: RunTags, more: RunTags): void {
  for (const [tag, s] of more) {
    const prev = into.get(tag);
    into.set(tag, prev ? concatSeries(prev, s) : s);
  }
}
