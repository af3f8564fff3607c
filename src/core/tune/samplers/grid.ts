/** Grid search: every combination of the parameters' grid values, each exactly once. */
import { activeParams, gridValues, sameChoice } from '../space';
import type { ParamValue, SearchSpace, Trial } from '../types';
import type { SampleContext, Sampler } from './sampler';

/** Every distinct point of the grid, conditional parameters dropped where inactive, in a fixed order. */
export function gridPoints(space: SearchSpace): Record<string, ParamValue>[] {
  let points: Record<string, ParamValue>[] = [{}];
  for (const [name, spec] of Object.entries(space)) {
    const values = gridValues(name, spec);
    points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  }
  const seen = new Set<string>();
  const out: Record<string, ParamValue>[] = [];
  for (const p of points) {
    const active = activeParams(space, p);
    const key = JSON.stringify(active);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(active);
  }
  return out;
}

function samePoint(a: Record<string, ParamValue>, b: Record<string, ParamValue>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameChoice(a[k], b[k]));
}

/** Whether a trial holds its grid point: finished, running, or failed on its own (not interrupted). */
function holdsPoint(t: Trial): boolean {
  return t.state !== 'FAIL' || t.systemAttrs['posthoc:interrupted'] !== true;
}

/** Walks the grid in order and proposes the first point no trial holds; `undefined` when all are taken. */
export class GridSampler implements Sampler {
  readonly name = 'grid';
  private points: Record<string, ParamValue>[] | undefined;

  /** The grid's size. */
  size(space: SearchSpace): number {
    this.points ??= gridPoints(space);
    return this.points.length;
  }

  sample(ctx: SampleContext): Record<string, ParamValue> | undefined {
    this.points ??= gridPoints(ctx.space);
    const taken = ctx.trials.filter(holdsPoint).map((t) => t.params);
    return this.points.find((p) => !taken.some((q) => samePoint(p, q)));
  }
}
