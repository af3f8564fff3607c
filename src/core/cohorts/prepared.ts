/** Cohorts over a prepared evaluation: the frame of names, early checks, and row selection. */
import type { Table } from '../data/table';
import { DataError } from '../errors';
import type { EvaluateOptions } from '../evaluate/options';
import type { PreparedEvaluation } from '../evaluate/prepare';
import type { Task } from '../evaluate/types';
import { checkCohort, cohortRows, type ParsedCohort } from './cohort';
import { provisionalSchema, type CohortFrame } from './frame';
import { cohortFrame } from './special';

/** Every name an expression can use, for a dataset and the model's prediction on it. */
export function preparedFrame(prep: PreparedEvaluation, opts: Pick<EvaluateOptions, 'positiveClass' | 'threshold'>): CohortFrame {
  return cohortFrame(prep.table, {
    task: prep.task,
    prediction: prep.prediction,
    label: prep.labelColumn,
    classes: prep.classes,
    positiveClass: opts.positiveClass,
    threshold: opts.threshold,
  });
}

/**
 * A `beforePredict` hook for {@link predictDataset} that checks the cohorts against the table's
 * columns and the task's special names, so a misspelt column is reported before the model runs.
 */
export function checkBeforePredict(cohorts: readonly ParsedCohort[]): (table: Table, task: Task) => void {
  return (table, task) => {
    const schema = provisionalSchema(table, task);
    for (const c of cohorts) checkCohort(c, schema);
  };
}

/** The rows of a cohort; a cohort that selects nothing is a DataError naming it. */
export function selectCohort(cohort: ParsedCohort, frame: CohortFrame, allowEmpty = false): Int32Array {
  const rows = cohortRows(cohort, frame);
  if (rows.length === 0 && !allowEmpty) {
    const label = cohort.name === cohort.expression ? `'${cohort.expression}'` : `'${cohort.name}' (${cohort.expression})`;
    throw new DataError(`cohort ${label} selects none of the ${frame.nRows} rows; loosen the condition or check the column values.`);
  }
  return rows;
}
