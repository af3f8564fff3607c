/** The trials table: one row per trial with its state, value, duration and parameters. */
import type { Study } from '../../tune/types';
import type { Cell, DataTable } from '../types';
import { durationSeconds, paramAxes, valueLabel } from './common';

/** Number, state, value, duration (s), then every parameter seen in the study. */
export function trialsTable(study: Study): DataTable {
  const axes = paramAxes(study.trials);
  return {
    columns: ['Trial', 'State', 'Value', 'Duration (s)', ...axes.map((a) => a.name)],
    rows: study.trials.map((t): Cell[] => [
      t.number,
      t.state,
      t.value !== undefined && Number.isFinite(t.value) ? t.value : null,
      durationSeconds(t),
      ...axes.map((a) => {
        const v = t.params[a.name];
        return v === undefined ? null : typeof v === 'number' ? v : valueLabel(v);
      }),
    ]),
  };
}
