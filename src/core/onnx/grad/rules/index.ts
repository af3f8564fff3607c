/** Every gradient rule by ONNX op type, and the ops whose outputs carry no gradient. */
import { convRules } from './conv';
import { elementwiseRules } from './elementwise';
import { linearRules } from './linear';
import { shapeRules } from './shape';
import type { GradRule } from './types';

export const GRAD_RULES: Record<string, GradRule> = { ...elementwiseRules, ...linearRules, ...convRules, ...shapeRules };

/** Ops whose outputs are integers, booleans or piecewise constant: gradients stop there. */
export const NON_DIFFERENTIABLE = new Set([
  'Shape', 'Size', 'ArgMax', 'ArgMin', 'Equal', 'Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual', 'Not', 'And', 'Or', 'Xor',
  'NonZero', 'ConstantOfShape', 'Range', 'Floor', 'Ceil', 'Round', 'Sign', 'IsNaN', 'IsInf', 'EyeLike', 'Constant',
  'RandomNormalLike', 'RandomUniformLike', 'RandomNormal', 'RandomUniform', 'Multinomial',
]);

export type { GradRule, RuleContext } from './types';
