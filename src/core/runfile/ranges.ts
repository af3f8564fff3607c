/** Locating runs in a run file that may be half typed: what the editor's CodeLens needs. */
import { findNodeAtLocation, parseTree } from './jsonc';
import { LineMap } from './positions';
import { PARSE_OPTIONS } from './syntax';
import type { RunLocation } from './types';

/**
 * The name and key span of every run under `runs`, in file order, without checking anything.
 * Tolerates syntax errors (jsonc-parser recovers what it can), so lenses stay in place while
 * the user types; runs given twice are listed once, at their first occurrence.
 */
export function findRunRanges(text: string): RunLocation[] {
  const root = parseTree(text, [], PARSE_OPTIONS);
  if (!root || root.type !== 'object') return [];
  const runs = findNodeAtLocation(root, ['runs']);
  if (!runs || runs.type !== 'object') return [];
  const lines = new LineMap(text);
  const seen = new Set<string>();
  const out: RunLocation[] = [];
  for (const property of runs.children ?? []) {
    const key = property.children?.[0];
    if (!key || typeof key.value !== 'string' || key.value === '' || seen.has(key.value)) continue;
    seen.add(key.value);
    out.push({ name: key.value, range: lines.range(key.offset, key.length) });
  }
  return out;
}
