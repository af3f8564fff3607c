// The Explain button's arguments: only rows the report lists, only tabular results, files that
// still exist; and the arguments explain that row with the class the model wrongly chose.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { evaluate } from '../../src/core/evaluate/evaluate';
import type { EvaluationResult, MistakeRow } from '../../src/core/evaluate/types';
import { explain } from '../../src/core/explain/pipeline/explain';
import type { AttributionResult } from '../../src/core/explain/types';
import { EXPLAIN_ROW_METHOD, explainRowArgs } from '../../src/host/explainRowArgs';

const DIR = path.join(__dirname, '..', 'fixtures', 'evaluate');
const MODELS = path.join(__dirname, '..', 'fixtures', 'models');

describe('explainRowArgs', () => {
  let result: EvaluationResult;
  before(async () => {
    result = await evaluate({ model: path.join(MODELS, 'zipmap_3class.onnx'), data: path.join(DIR, 'zipmap_3class.csv'), label: 'species', bootstrap: 0 });
  });

  it('a listed row: the evaluation\'s files, label, features and task, the row, and the predicted class', () => {
    const first = result.rows_to_inspect!.rows[0] as MistakeRow;
    const args = explainRowArgs(result, first.row);
    assert.deepEqual(args, {
      model: result.model.path, data: result.dataset.path, label: 'species', features: ['x0', 'x1', 'x2', 'x3'],
      task: 'multiclass', method: EXPLAIN_ROW_METHOD, rows: [first.row], class: first.predicted,
    });
  });

  it('refuses rows the report does not list, image results and results without the list', () => {
    const listed = new Set(result.rows_to_inspect!.rows.map((r) => r.row));
    const unlisted = [...Array(16).keys()].find((i) => !listed.has(i))!;
    assert.throws(() => explainRowArgs(result, unlisted), new RegExp(`Row ${unlisted} is not one of this report's rows to inspect`));
    assert.throws(() => explainRowArgs(result, 1e9), /not one of this report's rows/);
    assert.throws(() => explainRowArgs({ ...result, images: {} as EvaluationResult['images'] }, [...listed][0]), /no table rows/);
    assert.throws(() => explainRowArgs({ ...result, rows_to_inspect: undefined }, [...listed][0]), /not one of this report's rows/);
    assert.throws(() => explainRowArgs(undefined, 0), /no table rows/);
  });

  it('says when the model or data file is gone', () => {
    const row = result.rows_to_inspect!.rows[0].row;
    assert.throws(() => explainRowArgs({ ...result, dataset: { ...result.dataset, path: '/no/such/data.csv' } }, row), /dataset file \/no\/such\/data\.csv of this report no longer exists; evaluate again/);
  });

  it('the arguments explain exactly that row, in the predicted class', async () => {
    const first = result.rows_to_inspect!.rows[0] as MistakeRow;
    const { rows, label, ...rest } = explainRowArgs(result, first.row);
    const r = await explain({ ...rest, method: EXPLAIN_ROW_METHOD, model: rest.model!, data: rest.data!, label: label ?? undefined, rows: rows as number[], samples: 64, background: { kind: 'sample', n: 8 } });
    const ex = r.explanation as AttributionResult;
    assert.deepEqual(ex.rows, [first.row]);
    assert.equal(r.context.class, first.predicted);
  });
});
