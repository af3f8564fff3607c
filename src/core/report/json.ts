/**
 * EvaluationResult → pretty JSON, the contract of `posthoc evaluate --json`.
 */
import type { EvaluationResult } from '../evaluate/types';
import { prettyJson } from './prettyJson';

/**
 * Pretty JSON at full precision. NaN and ±Infinity become null (JSON has no such numbers), and
 * typed arrays become plain arrays instead of index-keyed objects (see {@link prettyJson}).
 */
export function renderJson(result: EvaluationResult): string {
  return prettyJson(result);
}
