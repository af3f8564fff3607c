/** ErrorAnalysisResult → pretty JSON, the contract of `posthoc errors --json`. */
import { prettyJson } from '../report/prettyJson';
import type { ErrorAnalysisResult } from './types';

/** Pretty JSON at full precision; NaN and ±Infinity become null (JSON has no such numbers). */
export function renderErrorsJson(result: ErrorAnalysisResult): string {
  return prettyJson(result);
}
