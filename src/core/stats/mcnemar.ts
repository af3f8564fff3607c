/**
 * McNemar's exact test: do two classifiers, scored on the same rows, make different numbers of
 * mistakes? Only the discordant rows count (one right, the other wrong); under the null each is
 * equally likely to favour either model, so min(b, c) is Binomial(b + c, ½). Two-sided, as
 * statsmodels' `mcnemar(table, exact=True)` and scipy's `binomtest(b, b + c)`.
 */
import { DataError } from '../errors';
import { binomialHalfCdf } from './binomial';

/** Result of {@link mcnemarExact}. */
export interface McNemarResult {
  n: number;
  /** Rows both models got right / wrong. */
  both_correct: number;
  both_wrong: number;
  /** Rows A got right and B wrong. */
  only_a_correct: number;
  /** Rows A got wrong and B right. */
  only_b_correct: number;
  /** min(b, c), the binomial statistic. */
  statistic: number;
  /** Two-sided exact p-value, min(1, 2·P(X ≤ min(b, c))) with X ~ Binomial(b + c, ½); 1 when no row is discordant. */
  pvalue: number;
}

/**
 * McNemar's exact test on the true labels and two models' predicted labels (any comparable values:
 * class indices or names).
 * @throws DataError when the lengths differ or there are no rows.
 */
export function mcnemarExact<T extends number | string>(yTrue: ArrayLike<T>, predA: ArrayLike<T>, predB: ArrayLike<T>): McNemarResult {
  const n = yTrue.length;
  if (predA.length !== n || predB.length !== n) {
    throw new DataError(`McNemar's test needs predictions for the same rows: ${n} labels, ${predA.length} and ${predB.length} predictions.`);
  }
  if (n === 0) throw new DataError("McNemar's test needs at least one row.");
  let both = 0;
  let neither = 0;
  let b = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const a = predA[i] === yTrue[i];
    const bb = predB[i] === yTrue[i];
    if (a && bb) both++;
    else if (a) b++;
    else if (bb) c++;
    else neither++;
  }
  const statistic = Math.min(b, c);
  const pvalue = b + c === 0 ? 1 : Math.min(1, 2 * binomialHalfCdf(statistic, b + c));
  return { n, both_correct: both, both_wrong: neither, only_a_correct: b, only_b_correct: c, statistic, pvalue };
}
