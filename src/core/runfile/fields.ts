/**
 * The keys a run file accepts, what each value may be, and how to say so. The parser checks
 * values against this table, and a test checks schemas/posthoc.schema.json against it, so the
 * editor's completion/validation and `posthoc run` agree.
 */
import type { OutputKind, Task } from '../evaluate/types';
import type { RunKind } from './types';

/** What one key's value may be. */
export type FieldSpec =
  | { type: 'string' }
  | { type: 'path' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'number'; minimum: number; maximum: number }
  | { type: 'integer'; minimum: number }
  | { type: 'stringList' }
  | { type: 'reports' };

/** Job kinds (`kind`). */
export const RUN_KINDS: readonly RunKind[] = ['evaluate', 'tune', 'explain'];
/** Problem types (`task`), as in `posthoc evaluate --task`. */
export const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression'];
/** How to read the model's output (`outputKind`), as in `--output-kind`. */
export const OUTPUT_KINDS: readonly OutputKind[] = ['probabilities', 'logits', 'labels', 'values'];

/** Keys allowed at the top of the file. */
export const TOP_LEVEL_KEYS = ['$schema', 'runs', 'cohorts'] as const;

/** Report formats under a run's `reports`. */
export const REPORT_KEYS = ['html', 'json', 'md'] as const;

/** Run names are used on the command line (`--only a,b`), so they stay simple. */
export const RUN_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Every key of an `evaluate` run, in the order the documentation lists them. */
export const EVALUATE_FIELDS: Readonly<Record<string, FieldSpec>> = {
  kind: { type: 'enum', values: ['evaluate'] },
  model: { type: 'path' },
  data: { type: 'path' },
  label: { type: 'string' },
  features: { type: 'stringList' },
  weight: { type: 'string' },
  task: { type: 'enum', values: TASKS },
  threshold: { type: 'number', minimum: 0, maximum: 1 },
  positiveClass: { type: 'string' },
  output: { type: 'string' },
  outputKind: { type: 'enum', values: OUTPUT_KINDS },
  classes: { type: 'stringList' },
  bootstrap: { type: 'integer', minimum: 0 },
  seed: { type: 'integer', minimum: 0 },
  maxRows: { type: 'integer', minimum: 0 },
  batchSize: { type: 'integer', minimum: 1 },
  reports: { type: 'reports' },
};

/** Keys every evaluate run must have. */
export const EVALUATE_REQUIRED = ['kind', 'model', 'data'] as const;

/** What a value must be, for messages: "a number between 0 and 1". */
export function describeField(spec: FieldSpec): string {
  switch (spec.type) {
    case 'string':
      return 'a non-empty string';
    case 'path':
      return 'a non-empty string: a path, relative to this file or absolute';
    case 'enum':
      return `one of ${spec.values.map((v) => `'${v}'`).join(', ')}`;
    case 'number':
      return `a number between ${spec.minimum} and ${spec.maximum}`;
    case 'integer':
      return `a whole number ≥ ${spec.minimum}`;
    case 'stringList':
      return 'a non-empty list of distinct, non-empty strings, e.g. ["a", "b"]';
    case 'reports':
      return `an object with any of ${REPORT_KEYS.map((k) => `'${k}'`).join(', ')} naming the files to write, e.g. { "html": "reports/run.html" }`;
  }
}

/** Whether a JSON value fits a spec (for `reports`, only that it is an object). */
export function fitsField(spec: FieldSpec, value: unknown): boolean {
  switch (spec.type) {
    case 'string':
    case 'path':
      return typeof value === 'string' && value.trim().length > 0;
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= spec.minimum && value <= spec.maximum;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= spec.minimum;
    case 'stringList':
      return (
        Array.isArray(value) &&
        value.length > 0 &&
        value.every((v) => typeof v === 'string' && v.length > 0) &&
        new Set(value).size === value.length
      );
    case 'reports':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

/** A short rendering of an offending value for messages. */
export function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
