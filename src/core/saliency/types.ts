/**
 * Shapes shared by the saliency methods: an image tensor, its layout, the model as a batch
 * scoring function and the gradient oracle the gradient-based methods call.
 */

/** A dense float32 tensor, row-major. */
export interface ImageTensor {
  data: Float32Array;
  dims: number[];
}

/** Where channels and pixels live in a [1, C, H, W] or [1, H, W, C] image tensor. */
export interface ImageLayout {
  channels: number;
  height: number;
  width: number;
  /** True for NCHW, false for NHWC. */
  channelsFirst: boolean;
}

/** Scores n images (n × size floats, one after another): returns n × nClasses outputs. */
export type ScoreFn = (batch: Float32Array, n: number, signal?: AbortSignal) => Promise<Float32Array>;

/** A model seen as a function of images. */
export interface ImageModelFn {
  score: ScoreFn;
  nClasses: number;
  /** Largest batch per call (1 for models with a fixed batch axis). */
  maxBatch: number;
}

/**
 * Gradients of output[target] for n images at once: returns the n × size gradients and the
 * n × nClasses outputs. Implemented over GradientSession, or analytically in tests.
 */
export type GradientFn = (batch: Float32Array, n: number, target: number) => Promise<{ grads: Float32Array; outputs: Float32Array }>;

/** Method names as the CLI spells them. */
export const SALIENCY_METHODS = [
  'occlusion', 'rise', 'superpixel-lime', 'superpixel-shap', 'anchors',
  'gradient', 'input-x-gradient', 'integrated-gradients', 'smoothgrad', 'smoothgrad-squared', 'vargrad',
  'grad-cam', 'grad-cam++',
] as const;
export type SaliencyMethod = (typeof SALIENCY_METHODS)[number];

/** Methods that need a gradient graph of the model. */
export const GRADIENT_METHODS: readonly SaliencyMethod[] = ['gradient', 'input-x-gradient', 'integrated-gradients', 'smoothgrad', 'smoothgrad-squared', 'vargrad', 'grad-cam', 'grad-cam++'];

/** A finished attribution. */
export interface SaliencyMap {
  method: SaliencyMethod;
  /** The attribution itself: the input's shape for per-pixel methods, [h, w] for a raw Grad-CAM. */
  attribution: Float32Array;
  dims: number[];
  /** One value per pixel (H × W, or the layer's h × w for a raw Grad-CAM), for overlays and quality curves. */
  heatmap: Float32Array;
  heatmapDims: [number, number];
  target: number;
  /** Free-form numbers a method reports (completeness gap, superpixel count, ...). */
  details: Record<string, number | string>;
}
