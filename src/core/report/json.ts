/**
 * EvaluationResult → pretty JSON, the contract of `posthoc evaluate --json`.
 */
import type { EvaluationResult } from '../evaluate/types';

/**
 * Pretty JSON at full precision. NaN and ±Infinity become null (JSON has no such numbers), and
 * typed arrays become plain arrays instead of index-keyed objects.
 */
export function renderJson(result: EvaluationResult): string {
  return `${JSON.stringify(result, (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
    return value;
  }, 2)}\n`;
}
