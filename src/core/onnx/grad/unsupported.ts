/** The error thrown when a model holds an operator the gradient builder has no rule for. */
import { ModelError } from '../../errors';

/** Names the operator and node; gradient-free explanations (occlusion, LIME, SHAP) still work. */
export class UnsupportedOperatorError extends ModelError {
  constructor(readonly opType: string, readonly nodeName: string, why = 'it has no gradient rule yet') {
    super(
      `Cannot build gradients through ${opType} node '${nodeName}': ${why}. ` +
        'Gradient-based methods (saliency, Grad-CAM, integrated gradients) are unavailable for this model; gradient-free methods such as occlusion, LIME and SHAP still work.',
    );
  }
}
