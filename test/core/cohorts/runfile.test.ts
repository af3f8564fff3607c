// The "cohorts" key of posthoc.json: parsed with the run file, problems at their file position.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { describe, it } from 'node:test';
import { resolveCohorts } from '../../../src/core/cohorts/cohort';
import { parseRunFile, validateRunFile } from '../../../src/core/runfile';
import { loadCohorts } from '../../../src/core/runfile/cohorts';

const RUNS = '"runs": { "a": { "kind": "evaluate", "model": "m.onnx", "data": "d.csv" } }';

describe('run file cohorts', () => {
  it('are read beside the runs', () => {
    const f = parseRunFile(`{ ${RUNS}, "cohorts": { "young": "age < 30", "women": "sex == \\"F\\"" } }`, 'posthoc.json');
    assert.deepEqual(f.cohorts, { young: 'age < 30', women: 'sex == "F"' });
    assert.deepEqual(parseRunFile(`{ ${RUNS} }`, 'posthoc.json').cohorts, {});
  });
  it('report syntax errors at their place in the file, escapes counted', () => {
    const text = `{ ${RUNS},\n  "cohorts": {\n    "w": "sex == \\"F\\" and age = 3",\n    "bad name!": "a > 1",\n    "n": 3\n  }\n}`;
    const { problems } = validateRunFile(text, 'posthoc.json');
    const at = problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`);
    assert.deepEqual(at, [
      "3:32 cohort 'w': '=' is not an operator here; use '==' to compare",
      "4:5 cohort name 'bad name!' may use letters, digits, '_', '.' and '-' (it is typed after --cohort)",
      '5:10 cohort \'n\' must be a filter expression in a string, e.g. "age < 30 and sex == \\"F\\""',
    ]);
    assert.match(validateRunFile(`{ ${RUNS}, "cohorts": [] }`, 'p.json').problems[0].message, /'cohorts' must be an object of named filters/);
  });
  it('loadCohorts reads only "cohorts", so other problems do not block them', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-cohorts-'));
    const file = path.join(dir, 'posthoc.json');
    writeFileSync(file, '// comment\n{ "cohorts": { "young": "age < 30", }, "runs": 5 }');
    assert.deepEqual(loadCohorts(file, true), { young: 'age < 30' });
    assert.equal(loadCohorts(path.join(dir, 'none.json'), false), undefined);
    assert.throws(() => loadCohorts(path.join(dir, 'none.json'), true), /none\.json not found; give the path of the posthoc\.json that defines your cohorts with --config/);
  });
  it('resolveCohorts: names first, then --where, unknown names with a suggestion', () => {
    const c = resolveCohorts(['young'], ['x > 1'], { young: 'age < 30' });
    assert.deepEqual(c.map((k) => [k.name, k.expression]), [['young', 'age < 30'], ['x > 1', 'x > 1']]);
    assert.throws(() => resolveCohorts(['yuong'], [], { young: 'age < 30' }), /no cohort 'yuong' \(did you mean 'young'\?\); cohorts in posthoc\.json: young/);
    assert.throws(() => resolveCohorts(['a'], [], undefined), /posthoc\.json defines no "cohorts"/);
  });
});
