/**
 * Grad-CAM (Selvaraju et al., 2017) and Grad-CAM++ (Chattopadhyay et al., 2018) from a 4-D
 * activation A[1, K, h, w] and the gradient G = ∂y_target/∂A of the same shape.
 */
import { ModelError } from '../errors';

/**
 * Class activation map (h × w): ReLU(Σ_k w_k A_k) with w_k = mean_ij G_kij (Grad-CAM) or
 * w_k = Σ_ij α_kij ReLU(G_kij), α = G² / (2G² + Σ_ab A_kab G³) (Grad-CAM++, the usual
 * closed form that treats the score as exp of the class logit).
 */
export function gradCamMap(act: Float32Array, grad: Float32Array, dims: readonly number[], plusPlus: boolean): { map: Float32Array; h: number; w: number } {
  if (dims.length !== 4 || dims[0] !== 1) throw new ModelError(`Grad-CAM needs a 4-D activation [1, K, h, w]; the chosen layer has shape [${dims.join(', ')}]. Pick a convolutional layer with --layer.`);
  const [, k, h, w] = dims;
  const hw = h * w;
  const map = new Float64Array(hw);
  for (let c = 0; c < k; c++) {
    const o = c * hw;
    let weight = 0;
    if (!plusPlus) {
      for (let q = 0; q < hw; q++) weight += grad[o + q];
      weight /= hw;
    } else {
      let sumA = 0;
      for (let q = 0; q < hw; q++) sumA += act[o + q];
      for (let q = 0; q < hw; q++) {
        const g = grad[o + q];
        const g2 = g * g;
        const denom = 2 * g2 + sumA * g2 * g;
        const alpha = denom !== 0 ? g2 / denom : 0;
        weight += alpha * Math.max(0, g);
      }
    }
    for (let q = 0; q < hw; q++) map[q] += weight * act[o + q];
  }
  return { map: Float32Array.from(map, (v) => Math.max(0, v)), h, w };
}
