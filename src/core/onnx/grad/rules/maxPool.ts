/**
 * MaxPool's input gradient. The forward MaxPool always stays plain: onnxruntime runs a MaxPool
 * without Indices in its blocked NCHWc layout, fused into the chain of convolutions around it,
 * while asking the forward node for Indices moves it to a generic kernel 10–20× slower and adds
 * layout reorders before and after it. The backward then either
 * - recomputes the Indices with a second MaxPool of the same input and scatters the gradient to
 *   them (ScatterElements, reduction=add from opset 16 when windows overlap), or,
 * - before opset 16 with overlapping windows, where ScatterElements cannot sum, searches each
 *   window's first maximum without Indices ({@link maxPoolBySearch}).
 * Both give the gradient to the first maximum of a window in row-major kernel order, as
 * onnxruntime's Indices and PyTorch do.
 */
import { attr } from '../emit';
import type { onnx } from 'onnx-proto';
import type { Geometry } from './conv';
import type { RuleContext } from './types';

/** Largest window (in kernel offsets) {@link maxPoolBySearch} is used for. */
export const MAX_SEARCH_OFFSETS = 16;

/**
 * Flat Indices (as MaxPool's second output) of the forward node's windows, from a MaxPool node
 * of the backward graph with the forward's attributes, so the forward node keeps one output.
 */
export function recomputedIndices(ctx: RuleContext, x: string): string {
  return ctx.em.op('MaxPool', [x], ctx.node.attribute ?? [], 2)[1];
}

/**
 * d(loss)/d(x) of `MaxPool(x)` from `g` = d(loss)/d(output), without Indices and exact:
 * 1. a Conv of every (n, c) plane with K one-hot kernels (K = kernel offsets) reads the input at
 *    each offset of every window into K channels; places that fall into padding get −inf (the
 *    forward pads with −inf, so they never win);
 * 2. ArgMax over those channels is each window's first maximum in row-major kernel order;
 * 3. the gradient masked to that offset goes back through the transposed Conv (one-hot kernels
 *    again), which also sums windows that share their maximum.
 * `placeAttrs` are the ConvTranspose attributes mapping output-sized tensors onto the input.
 * Inputs holding ±inf are not covered (0·inf in the one-hot Conv is NaN).
 */
export function maxPoolBySearch(ctx: RuleContext, geo: Geometry, x: string, g: string, placeAttrs: onnx.IAttributeProto[]): string {
  const { em } = ctx;
  const dims = ctx.shape(x);
  const [n, c] = dims;
  const kCount = geo.kernel.reduce((a, b) => a * b, 1);
  const oneHot = new Float32Array(kCount * kCount);
  for (let k = 0; k < kCount; k++) oneHot[k * kCount + k] = 1;
  const kernels = em.f32(oneHot, [kCount, 1, ...geo.kernel]);
  // End pads reach the last window (ceil_mode) and keep the Conv's output exactly outSizes long.
  const padsEnd = geo.inSizes.map((len, i) => Math.max(0, (geo.outSizes[i] - 1) * geo.strides[i] + (geo.kernel[i] - 1) * geo.dilations[i] + 1 - geo.padsBegin[i] - len));
  // Planes as a batch of one-channel images: a plain Conv, not a grouped one (faster here).
  const planes = em.reshape(x, [n * c, 1, ...geo.inSizes]);
  let atOffsets = em.op1('Conv', [planes, kernels], [
    attr.ints('strides', geo.strides), attr.ints('dilations', geo.dilations), attr.ints('pads', [...geo.padsBegin, ...padsEnd]),
  ]);
  const padMask = paddingMask(geo);
  if (padMask) atOffsets = em.op1('Add', [atOffsets, em.f32(padMask, [1, kCount, ...geo.outSizes])]);
  const first = em.op1('ArgMax', [atOffsets], [attr.i('axis', 1), attr.i('keepdims', 1)]);
  const offsetIds = em.i64(Array.from({ length: kCount }, (_, k) => k), [1, kCount, ...geo.outSizes.map(() => 1)]);
  const masked = em.mask(em.reshape(g, [n * c, 1, ...geo.outSizes]), em.op1('Equal', [first, offsetIds]));
  return em.reshape(em.op1('ConvTranspose', [masked, kernels], placeAttrs), dims);
}

/**
 * [K, ...outSizes] with −inf where kernel offset k of an output window lies in the padding and 0
 * elsewhere; undefined when no window reaches into padding.
 */
function paddingMask(geo: Geometry): Float32Array | undefined {
  const rank = geo.kernel.length;
  // inside[i][k][o]: offset k along axis i of window o is a real input position.
  const inside = geo.kernel.map((kLen, i) =>
    Array.from({ length: kLen }, (_, k) =>
      Array.from({ length: geo.outSizes[i] }, (_, o) => {
        const p = o * geo.strides[i] - geo.padsBegin[i] + k * geo.dilations[i];
        return p >= 0 && p < geo.inSizes[i];
      })));
  if (inside.every((axis) => axis.every((row) => row.every(Boolean)))) return undefined;
  const kCount = geo.kernel.reduce((a, b) => a * b, 1);
  const outCount = geo.outSizes.reduce((a, b) => a * b, 1);
  const mask = new Float32Array(kCount * outCount);
  for (let k = 0; k < kCount; k++) {
    const offset = unflatten(k, geo.kernel);
    for (let o = 0; o < outCount; o++) {
      const pos = unflatten(o, geo.outSizes);
      for (let i = 0; i < rank; i++) {
        if (!inside[i][offset[i]][pos[i]]) {
          mask[k * outCount + o] = -Infinity;
          break;
        }
      }
    }
  }
  return mask;
}

/** Row-major multi-index of flat index `k` in a box of `sizes`. */
export function unflatten(k: number, sizes: readonly number[]): number[] {
  const out = new Array<number>(sizes.length);
  for (let i = sizes.length - 1; i >= 0; i--) {
    out[i] = k % sizes[i];
    k = Math.floor(k / sizes[i]);
  }
  return out;
}
