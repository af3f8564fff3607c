/**
 * ExplainResult → the JSON of `posthoc explain --json`: the method's result at the top level
 * (method, feature_names, values, …) and the run's context under `context`.
 */
import type { ExplainResult } from './options';

/** Pretty JSON at full precision; NaN and ±Infinity become null, typed arrays plain arrays. */
export function renderExplainJson(result: ExplainResult): string {
  const payload = { ...result.explanation, context: result.context };
  return `${JSON.stringify(payload, (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
    return value;
  }, 2)}\n`;
}
