/** DriftResult → pretty JSON, the contract of `posthoc drift --json`. */
import type { DriftResult } from './types';

/** The JSON of `posthoc drift --json`: full precision, non-finite numbers as null. */
export function renderDriftJson(result: DriftResult): string {
  return `${JSON.stringify(result, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}
