/** ErrorAnalysisResult → pretty JSON, the contract of `posthoc errors --json`. */
import type { ErrorAnalysisResult } from './types';

/** Pretty JSON at full precision; NaN and ±Infinity become null (JSON has no such numbers). */
export function renderErrorsJson(result: ErrorAnalysisResult): string {
  return `${JSON.stringify(result, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}
