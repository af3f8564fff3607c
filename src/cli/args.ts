/** Parsing `posthoc evaluate …` arguments into EvaluateOptions and output paths. */
import { existsSync } from 'node:fs';
import { resolveCohorts, type ParsedCohort } from '../core/cohorts/cohort';
import { UsageError } from '../core/errors';
import type { EvaluateOptions } from '../core/evaluate/options';
import type { OutputKind, Task } from '../core/evaluate/types';
import { PREPROCESS_OPTIONS, preprocessFromFlags } from '../core/images/specArgs';
import { loadCohorts } from '../core/runfile/cohorts';
import { listFlag, numberFlag, oneOfFlag, parseFlags } from './flags';

export interface EvaluateCommand {
  options: EvaluateOptions;
  json?: string;
  html?: string;
  md?: string;
  /** Overwrite existing output files without asking. */
  force: boolean;
  /** Cohorts from --cohort NAME (looked up in --config) and --where EXPR, parsed. */
  cohorts: ParsedCohort[];
}

const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression'];
const OUTPUT_KINDS: readonly OutputKind[] = ['probabilities', 'logits', 'labels', 'values'];

/** Parses the arguments after `evaluate`. Throws UsageError for anything malformed. */
export function parseEvaluateArgs(argv: string[], manyCohorts = false): EvaluateCommand {
  const parsed = parseFlags(argv, {
      model: { type: 'string' },
      data: { type: 'string' },
      label: { type: 'string' },
      features: { type: 'string' },
      weight: { type: 'string' },
      task: { type: 'string' },
      threshold: { type: 'string' },
      'positive-class': { type: 'string' },
      output: { type: 'string' },
      'output-kind': { type: 'string' },
      classes: { type: 'string' },
      bootstrap: { type: 'string' },
      seed: { type: 'string' },
      'max-rows': { type: 'string' },
      'batch-size': { type: 'string' },
      json: { type: 'string' },
      html: { type: 'string' },
      md: { type: 'string' },
      force: { type: 'boolean', default: false },
      cohort: { type: 'string', multiple: true },
      where: { type: 'string', multiple: true },
      config: { type: 'string' },
      ...PREPROCESS_OPTIONS,
      'path-column': { type: 'string' },
      'decode-workers': { type: 'string' },
    });
  const v = parsed.values;
  if (!v.model) throw new UsageError('--model is required (path of an .onnx file)');
  const cohorts = cohortsFromArgs(v.cohort ?? [], v.where ?? [], v.config);
  if (cohorts.length > 1 && !manyCohorts) throw new UsageError('give one --cohort or --where to evaluate on; posthoc cohorts compares several side by side');
  if (!v.data) throw new UsageError('--data is required (path of a .csv, .tsv, .parquet or .jsonl file, or an image folder)');
  const isInt = (n: number) => Number.isInteger(n) && n >= 0;
  const options: EvaluateOptions = {
    model: v.model,
    data: v.data,
    label: v.label,
    features: listFlag('features', v.features),
    weight: v.weight,
    task: oneOfFlag('task', v.task, TASKS),
    threshold: numberFlag('threshold', v.threshold, (n) => n >= 0 && n <= 1, 'a number between 0 and 1'),
    positiveClass: v['positive-class'],
    output: v.output,
    outputKind: oneOfFlag('output-kind', v['output-kind'], OUTPUT_KINDS),
    classes: listFlag('classes', v.classes),
    bootstrap: numberFlag('bootstrap', v.bootstrap, isInt, 'a whole number ≥ 0'),
    seed: numberFlag('seed', v.seed, isInt, 'a whole number ≥ 0'),
    maxRows: numberFlag('max-rows', v['max-rows'], isInt, 'a whole number ≥ 0'),
    batchSize: numberFlag('batch-size', v['batch-size'], (n) => Number.isInteger(n) && n > 0, 'a whole number > 0'),
    preprocess: preprocessFromFlags(v),
    pathColumn: v['path-column'],
    decodeWorkers: numberFlag('decode-workers', v['decode-workers'], (n) => Number.isInteger(n) && n >= 0 && n <= 4, 'a whole number from 0 to 4'),
    ...(cohorts.length === 1 && !manyCohorts ? { cohort: { name: cohorts[0].name, expression: cohorts[0].expression } } : {}),
  };
  return { options, json: v.json, html: v.html, md: v.md, force: v.force ?? false, cohorts };
}

/** Parses --cohort NAME (from the run file's "cohorts") and --where EXPR; an empty expression is a usage error. */
function cohortsFromArgs(names: string[], wheres: string[], config: string | undefined): ParsedCohort[] {
  for (const w of wheres) if (w.trim() === '') throw new UsageError('--where needs a filter expression, e.g. --where "age < 30"');
  if (names.length === 0) return resolveCohorts([], wheres, undefined);
  const file = config ?? 'posthoc.json';
  const defined = loadCohorts(file, config !== undefined);
  const source = config !== undefined || existsSync(file) ? file : 'posthoc.json (none in this folder; pass --config)';
  return resolveCohorts(names, wheres, defined, source);
}

export const EVALUATE_USAGE = `Usage: posthoc evaluate --model PATH --data PATH [options]

Evaluates a model on a labelled dataset and writes a report.

  --model PATH           model file (.onnx)
  --data PATH            dataset (.csv, .tsv, .parquet, .jsonl)
  --label COL            label column (default: guessed from target/label/y/class)
  --features LIST        feature columns in the model's order (default: all others)
  --weight COL           sample-weight column used by every metric
  --task T               binary | multiclass | regression (default: detected)
  --threshold X          decision threshold on P(positive) (default 0.5)
  --positive-class NAME  positive class for binary tasks (default: the second class)
  --output NAME          model output to read (default: detected)
  --output-kind K        probabilities | logits | labels | values (default: detected)
  --classes LIST         class names in the model's score order
  --bootstrap N          bootstrap resamples for confidence intervals (default 1000, 0 = off)
  --seed S               random seed (default 0)
  --max-rows N           read at most N rows (default: all)
  --batch-size N         rows per model call (default 4096)
  --cohort NAME          evaluate only the rows of a cohort defined under "cohorts" in posthoc.json
  --where EXPR           evaluate only the rows where EXPR holds, e.g. --where 'age < 30 and sex == "F"'
  --config FILE          the posthoc.json that defines the cohorts (default ./posthoc.json)
  --json FILE            write the result as JSON
  --html FILE            write a self-contained HTML report
  --md FILE              write a Markdown report
  --force                overwrite output files that already exist

Image datasets: --data is a folder with one subfolder per class, or a .csv/.jsonl listing image
paths (relative to the listing) and labels. What is not given is read off the model's input.
  --image-size N|HxW     resize target, e.g. 224 or 224x192 (default: the model's input size)
  --resize MODE          shorter (scale the shorter side, crop the centre; default) | exact
  --channels C           rgb | bgr | gray (default: from the model's channel count)
  --scale X              multiply pixel values first, e.g. 1/255 (default 1/255; 1 for uint8 inputs)
  --mean LIST            per-channel mean subtracted after scaling, e.g. 0.485,0.456,0.406
  --std LIST             per-channel std divided by, e.g. 0.229,0.224,0.225
  --layout L             nchw | nhwc (default: from the model's input shape)
  --preprocess FILE      preprocessing as JSON (or an earlier --json result); flags override it
  --path-column COL      listing column holding the image paths (default: guessed)
  --decode-workers N     worker threads decoding images, 0–4 (0: decode in the main thread;
                         default: from 4 batches of images and 4 cores on, one per core beyond
                         two, else 0)

Exit status: 0 success, 1 failure (the message names the cause), 2 usage error.`;
