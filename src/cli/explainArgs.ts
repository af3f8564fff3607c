/** Parsing `posthoc explain …` arguments into ExplainOptions and output paths. */
import { existsSync } from 'node:fs';
import { resolveCohorts } from '../core/cohorts/cohort';
import { UsageError } from '../core/errors';
import { parseBackground } from '../core/explain/pipeline/data';
import { EXPLAIN_METHODS, type ExplainMethod, type ExplainOptions, type RequestedSpace } from '../core/explain/pipeline/options';
import { parseRowSpec } from '../core/explain/pipeline/rows';
import type { OutputKind, Task } from '../core/evaluate/types';
import { loadCohorts } from '../core/runfile/cohorts';
import { listFlag, oneOfFlag, parseFlags, wholeFlag } from './flags';

/** A parsed `posthoc explain` command. */
export interface ExplainCommand {
  options: ExplainOptions;
  json?: string;
  html?: string;
  md?: string;
  force: boolean;
}

const SPACES: readonly RequestedSpace[] = ['probability', 'logit', 'margin'];
const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression'];
const OUTPUT_KINDS: readonly OutputKind[] = ['probabilities', 'logits', 'labels', 'values'];
const TREE_SHAP: readonly NonNullable<ExplainOptions['treeShap']>[] = ['interventional', 'path'];

/** --cohort NAME (looked up in --config, default ./posthoc.json) or --where EXPR: at most one, parsed. */
function cohortFromArgs(name: string | undefined, where: string | undefined, config: string | undefined): ExplainOptions['cohort'] {
  if (name !== undefined && where !== undefined) throw new UsageError('give --cohort NAME or --where EXPR, not both');
  if (config !== undefined && name === undefined) throw new UsageError('--config names the posthoc.json that defines --cohort NAME; give --cohort too');
  if (where !== undefined && where.trim() === '') throw new UsageError('--where needs a filter expression, e.g. --where "age < 30"');
  if (name === undefined && where === undefined) return undefined;
  const file = config ?? 'posthoc.json';
  const defined = name === undefined ? undefined : loadCohorts(file, config !== undefined);
  const source = config !== undefined || existsSync(file) ? file : 'posthoc.json (none in this folder; pass --config)';
  const [cohort] = resolveCohorts(name === undefined ? [] : [name], where === undefined ? [] : [where], defined, source);
  return { name: cohort.name, expression: cohort.expression };
}

/** Parses the arguments after `explain`. Throws UsageError for anything malformed. */
export function parseExplainArgs(argv: string[]): ExplainCommand {
  const parsed = parseFlags(argv, {
      model: { type: 'string' },
      data: { type: 'string' },
      method: { type: 'string' },
      label: { type: 'string' },
      features: { type: 'string' },
      rows: { type: 'string' },
      background: { type: 'string' },
      samples: { type: 'string' },
      class: { type: 'string' },
      space: { type: 'string' },
      'features-of-interest': { type: 'string' },
      seed: { type: 'string' },
      metric: { type: 'string' },
      repeats: { type: 'string' },
      'tree-shap': { type: 'string' },
      grid: { type: 'string' },
      task: { type: 'string' },
      output: { type: 'string' },
      'output-kind': { type: 'string' },
      'max-rows': { type: 'string' },
      cohort: { type: 'string' },
      where: { type: 'string' },
      config: { type: 'string' },
      json: { type: 'string' },
      html: { type: 'string' },
      md: { type: 'string' },
      force: { type: 'boolean', default: false },
    });
  const v = parsed.values;
  if (!v.model) throw new UsageError('--model is required (an .onnx file, XGBoost .json or LightGBM .txt)');
  if (!v.data) throw new UsageError('--data is required (path of a .csv, .tsv, .parquet or .jsonl file)');
  if (!v.method) throw new UsageError(`--method is required: one of ${EXPLAIN_METHODS.join(', ')}`);
  const method = oneOfFlag<ExplainMethod>('method', v.method, EXPLAIN_METHODS);
  const options: ExplainOptions = {
    model: v.model,
    data: v.data,
    method: method!,
    label: v.label,
    features: listFlag('features', v.features),
    rows: v.rows === undefined ? undefined : parseRowSpec(v.rows),
    background: v.background === undefined ? undefined : parseBackground(v.background),
    samples: wholeFlag('samples', v.samples, 1),
    class: v.class,
    space: oneOfFlag('space', v.space, SPACES),
    featuresOfInterest: listFlag('features-of-interest', v['features-of-interest']),
    seed: wholeFlag('seed', v.seed, 0),
    metric: v.metric,
    repeats: wholeFlag('repeats', v.repeats, 1),
    treeShap: oneOfFlag('tree-shap', v['tree-shap'], TREE_SHAP),
    grid: wholeFlag('grid', v.grid, 2),
    task: oneOfFlag('task', v.task, TASKS),
    output: v.output,
    outputKind: oneOfFlag('output-kind', v['output-kind'], OUTPUT_KINDS),
    maxRows: wholeFlag('max-rows', v['max-rows'], 0),
    cohort: cohortFromArgs(v.cohort, v.where, v.config),
  };
  return { options, json: v.json, html: v.html, md: v.md, force: v.force ?? false };
}

export const EXPLAIN_USAGE = `Usage: posthoc explain --model PATH --data PATH --method METHOD [options]

Explains a model's predictions and writes the values and a report.

  --model PATH                 model: .onnx, XGBoost .json or LightGBM .txt
  --data PATH                  dataset (.csv, .tsv, .parquet, .jsonl)
  --method M                   ${EXPLAIN_METHODS.join(' | ')}
  --label COL                  label column (permutation needs it; default: guessed)
  --features LIST              feature columns in the model's order (default: all others)
  --rows SPEC                  0-based rows to explain: 0,3,7 or 0-9 (default: the first 10)
  --background N|kmeans:K|PATH background for SHAP: N sampled rows (default 100), a k-means
                               summary of K centroids, or every row of another file
  --samples N                  kernel-shap coalitions, lime perturbations per row,
                               anchors samples per rule at most
  --class NAME                 explained class (default: the second class for binary
                               models, the first for multiclass)
  --space S                    probability | logit | margin (margin: tree models' raw score)
  --features-of-interest LIST  pdp/ale features; a:b asks for a 2-D PDP (default: the 3
                               features most correlated with the output)
  --metric NAME                permutation metric (default roc_auc / accuracy / r2)
  --repeats N                  permutation shuffles per feature (default 5)
  --tree-shap V                interventional (default) | path (needs node covers)
  --grid N                     pdp grid points / ale bins (default 20)
  --seed S                     random seed (default 0); same seed, same numbers
  --task T                     binary | multiclass | regression (default: detected)
  --output NAME                model output to read (default: detected)
  --output-kind K              probabilities | logits | labels | values (default: detected)
  --max-rows N                 read at most N data rows (default: all)
  --cohort NAME                explain only the rows of a cohort defined under "cohorts" in
                               posthoc.json (--rows then count the cohort's rows from 0)
  --where EXPR                 explain only the rows matching a filter, e.g. "age < 30"
  --config FILE                the posthoc.json that defines the cohorts (default ./posthoc.json)
  --json FILE                  write the result as JSON
  --html FILE                  write a self-contained HTML report
  --md FILE                    write a Markdown report
  --force                      overwrite output files that already exist

Exit status: 0 success, 1 failure (the message names the cause), 2 usage error.`;
