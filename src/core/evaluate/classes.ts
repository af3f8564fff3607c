/**
 * Which classes a classifier scores, and in what order: named by the user (--classes), by the
 * model (ZipMap labels, metadata), or read off the labels in scikit-learn's sorted order.
 */
import type { Column } from '../data/table';
import { DataError, UsageError, listNames } from '../errors';
import type { Prediction } from '../model/interpretOutput';
import { distinctLabels, isIntegerValued } from './labels';

export interface ResolvedClasses {
  classes: string[];
  /** Set when the order was assumed rather than known, for the report's warnings. */
  warning?: string;
}

/** Resolves class names for a classification prediction (probabilities or labels). */
export function resolveClasses(prediction: Prediction, label: Column, requested?: string[]): ResolvedClasses {
  const width = prediction.proba ? prediction.nClasses : undefined;
  if (requested) {
    if (width !== undefined && requested.length !== width) {
      throw new UsageError(`--classes names ${requested.length} classes but the model's output '${prediction.outputName}' scores ${width}.`);
    }
    return { classes: requested };
  }
  if (prediction.classes && (width === undefined || prediction.classes.length === width)) return { classes: prediction.classes };

  const seen = distinctLabels(label);
  if (width === undefined) {
    // A label-only model: the classes are every label seen, true or predicted, sorted.
    const all = new Set([...seen, ...(prediction.labels ?? [])]);
    return { classes: sortLike(label, [...all]) };
  }
  if (seen.length === width) {
    return {
      classes: seen,
      warning: `The model does not name its classes; assumed its ${width} scores follow the sorted labels (${listNames(seen)}). Pass --classes if not.`,
    };
  }
  if (isIntegerValued(label) && seen.every((s) => Number(s) >= 0 && Number(s) < width)) {
    return { classes: Array.from({ length: width }, (_, i) => String(i)) };
  }
  if (seen.length < width) {
    throw new DataError(
      `The model scores ${width} classes but the labels show ${seen.length} (${listNames(seen)}) and the model does not name them. ` +
        'Pass all class names in the model\'s order with --classes.',
    );
  }
  throw new DataError(
    `The labels have ${seen.length} distinct values (${listNames(seen)}) but the model scores only ${width} classes. ` +
      'Check the label column (--label) or pass --classes.',
  );
}

function sortLike(label: Column, names: string[]): string[] {
  const numeric = label.kind === 'number' && names.every((n) => n.trim() !== '' && Number.isFinite(Number(n)));
  return numeric ? names.sort((a, b) => Number(a) - Number(b)) : names.sort();
}
