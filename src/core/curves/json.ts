/**
 * Runs → the JSON of `posthoc curves --json`:
 * `{"runs": {run: {tag: {"steps": [...], "values": [...], "wall_times": [...]}}}}`.
 */
import type { Runs } from './types';

/** The JSON document shape; NaN and ±Infinity are written as null. */
export interface RunsJson {
  runs: Record<string, Record<string, { steps: (number | null)[]; values: (number | null)[]; wall_times: (number | null)[] }>>;
}

const list = (a: Float64Array) => Array.from(a, (v) => (Number.isFinite(v) ? v : null));

/** Plain-object form of `runs`, ready for JSON.stringify. */
export function runsToJson(runs: Runs): RunsJson {
  const out: RunsJson = { runs: {} };
  for (const [run, tags] of runs) {
    const r: RunsJson['runs'][string] = (out.runs[run] = {});
    for (const [tag, s] of tags) r[tag] = { steps: list(s.steps), values: list(s.values), wall_times: list(s.wallTimes) };
  }
  return out;
}
