/** DriftResult → pretty JSON, the contract of `posthoc drift --json`. */
import { prettyJson } from '../report/prettyJson';
import type { DriftResult } from './types';

/** The JSON of `posthoc drift --json`: full precision, non-finite numbers as null. */
export function renderDriftJson(result: DriftResult): string {
  return prettyJson(result);
}
