/** Deciding whether a model is a binary classifier, a multiclass classifier or a regressor. */
import type { Column } from '../data/table';
import type { ModelCard, Task, TensorSpec } from './types';
import { distinctLabels, isIntegerValued } from './labels';

const LABEL_TYPES = new Set(['string', 'int64', 'int32']);

/** The width of the last axis of a tensor output, or undefined when it is dynamic or absent. */
function lastDim(spec: TensorSpec): number | undefined {
  if (spec.shape.length < 2) return spec.shape.length === 1 ? 1 : undefined;
  const d = spec.shape[spec.shape.length - 1];
  return typeof d === 'number' ? d : undefined;
}

/**
 * Detects the task from the model's outputs and the label column. Class labels declared by the
 * model, or a width of 2+ on a float output, mean classification; a single float score means
 * binary classification when the labels look like two classes, else regression.
 */
export function detectTask(card: ModelCard, label: Column, outputName?: string): Task {
  const nLabels = (): number => distinctLabels(label).length;
  const classifyBy = (n: number): Task => (n <= 2 ? 'binary' : 'multiclass');
  if (card.class_labels && card.class_labels.length > 0) return classifyBy(card.class_labels.length);

  const outputs = outputName ? card.outputs.filter((o) => o.name === outputName) : card.outputs;
  const floatOut = outputs.find((o) => o.type === 'float' || o.type === 'double' || o.type === 'float16');
  if (floatOut) {
    const width = lastDim(floatOut);
    if (width !== undefined && width >= 2) return classifyBy(width);
    if (width === 1) {
      const twoClasses = (label.kind === 'string' || isIntegerValued(label)) && nLabels() <= 2;
      return twoClasses ? 'binary' : 'regression';
    }
  } else if (outputs.some((o) => LABEL_TYPES.has(o.type))) {
    return classifyBy(nLabels());
  }
  // Unknown width: judge by the labels alone.
  if (label.kind === 'string') return classifyBy(nLabels());
  if (isIntegerValued(label) && nLabels() <= 20) return classifyBy(nLabels());
  return 'regression';
}
