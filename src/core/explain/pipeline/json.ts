/**
 * ExplainResult → the JSON of `posthoc explain --json`: the method's result at the top level
 * (method, feature_names, values, …) and the run's context under `context`.
 */
import { prettyJson } from '../../report/prettyJson';
import type { ExplainResult } from './options';

/** Pretty JSON at full precision; NaN and ±Infinity become null, typed arrays plain arrays (see {@link prettyJson}). */
export function renderExplainJson(result: ExplainResult): string {
  return prettyJson({ ...result.explanation, context: result.context });
}
