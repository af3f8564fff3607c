/**
 * Sorts are the one expensive step; remember them per input array so computing the curves and
 * later building a bootstrap scorer on the same arrays sort only once. Weak keys: the cache
 * never outlives the data.
 */
import { column } from './multiclass';
import { argsortAscending, type SortedScores } from './sort';

const single = new WeakMap<Float64Array, SortedScores>();
const columns = new WeakMap<Float64Array, SortedScores[]>();

/** Sorted order of `values`, computed once per array. */
export function sortedOnce(values: Float64Array): SortedScores {
  let s = single.get(values);
  if (!s) {
    s = argsortAscending(values);
    single.set(values, s);
  }
  return s;
}

/** Sorted order of every column of a row-major N×C matrix, computed once per array. */
export function sortedColumnsOnce(proba: Float64Array, nClasses: number): SortedScores[] {
  let s = columns.get(proba);
  if (!s || s.length !== nClasses) {
    s = Array.from({ length: nClasses }, (_, c) => argsortAscending(column(proba, nClasses, c)));
    columns.set(proba, s);
  }
  return s;
}
