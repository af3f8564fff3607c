// Shared bits of the training-curve tests: fixture paths and the expected values.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'curves');
export const LOGDIR = path.join(FIXTURES, 'logdir');

/** JSON spells NaN and ±Infinity as strings; turn them back into numbers. */
export function num(v: number | string): number {
  return typeof v === 'number' ? v : Number(v);
}

interface ExpectedSeries {
  steps: (number | string)[];
  values: (number | string)[];
  wall_times: (number | string)[];
}

export interface Expected {
  meta: { corrupt_record_offset: number; corrupt_header_offset: number; run_names: Record<string, string> };
  runs: Record<string, Record<string, ExpectedSeries>>;
}

/** test/fixtures/curves/expected.json, written by generate.py. */
export function expected(): Expected {
  return JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Expected;
}

/** Typed-array copies of an expected series, for deepEqual against a reader's output. */
export function expectedSeries(e: ExpectedSeries) {
  return {
    steps: Float64Array.from(e.steps, num),
    values: Float64Array.from(e.values, num),
    wallTimes: Float64Array.from(e.wall_times, num),
  };
}
