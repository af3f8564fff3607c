/**
 * The keys of a `kind: "explain"` run. The schema test checks schemas/posthoc.schema.json's
 * `explainRun` against this table, so editor completion and `posthoc run` agree.
 */
import { EXPLAIN_METHODS } from '../explain/pipeline/options';
import type { FieldSpec } from './fields';

/** How an explain key's value is checked: a plain field, or one with its own checker. */
export type ExplainFieldSpec = FieldSpec | { type: 'rows' | 'background' | 'cohort' };

/** Every key of an explain run, in the order the documentation lists them. */
export const EXPLAIN_FIELDS: Readonly<Record<string, ExplainFieldSpec>> = {
  kind: { type: 'enum', values: ['explain'] },
  model: { type: 'path' },
  data: { type: 'path' },
  label: { type: 'string' },
  features: { type: 'stringList' },
  method: { type: 'enum', values: EXPLAIN_METHODS },
  rows: { type: 'rows' },
  background: { type: 'background' },
  samples: { type: 'integer', minimum: 1 },
  class: { type: 'string' },
  space: { type: 'enum', values: ['probability', 'logit', 'margin'] },
  featuresOfInterest: { type: 'stringList' },
  metric: { type: 'string' },
  seed: { type: 'integer', minimum: 0 },
  cohort: { type: 'cohort' },
  reports: { type: 'reports' },
};

/** Keys every explain run must have. */
export const EXPLAIN_REQUIRED = ['kind', 'model', 'data', 'method'] as const;
