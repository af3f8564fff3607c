/**
 * Cohorts the user took from an error analysis in this session (a tree node or slice evaluated
 * with "Evaluate this cohort" or a click on the tree). Evaluation panels on the same dataset list
 * them in their cohort bar. Kept in memory only: they live as long as the extension host.
 */
import * as path from 'node:path';

/** A cohort from an error analysis, tied to the dataset its expression was found on. */
export interface SessionCohort {
  /** The dataset's path: the expression names its columns, so other datasets do not list it. */
  data: string;
  /** Short name, e.g. `error-node-4` (the evaluation's cohort name). */
  name: string;
  /** What the picker showed, e.g. `error tree node 4: mean_radius > 15.1`. */
  label: string;
  expression: string;
}

const added: SessionCohort[] = [];
const listeners = new Set<() => void>();

/** Remembers a cohort (once per dataset and expression) and tells the open cohort bars. */
export function addSessionCohort(cohort: SessionCohort): void {
  const data = path.resolve(cohort.data);
  if (added.some((c) => c.data === data && c.expression === cohort.expression)) return;
  added.push({ ...cohort, data });
  for (const listener of listeners) listener();
}

/** The session's cohorts on one dataset, oldest first. */
export function sessionCohorts(data: string): SessionCohort[] {
  const resolved = path.resolve(data);
  return added.filter((c) => c.data === resolved);
}

/** Calls `listener` whenever a cohort is added; returns the unsubscribe function. */
export function onSessionCohortsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forgets every session cohort (tests). */
export function clearSessionCohorts(): void {
  added.length = 0;
}
