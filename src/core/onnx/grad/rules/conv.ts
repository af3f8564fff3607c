/**
 * Gradients of the convolution and pooling ops with respect to their data input. Conv's input
 * gradient is a ConvTranspose with the same weights; ConvTranspose's is a Conv; average pooling
 * is a depthwise ConvTranspose with a kernel of ones on the gradient divided by each window's
 * count; max pooling scatters the gradient to each window's maximum (maxPool.ts).
 */
import { attr } from '../emit';
import { MAX_SEARCH_OFFSETS, maxPoolBySearch, recomputedIndices, unflatten } from './maxPool';
import type { GradRule, RuleContext } from './types';

/** Geometry of a windowed op along its spatial axes, with begin pads resolved from auto_pad. */
export interface Geometry {
  kernel: number[];
  strides: number[];
  dilations: number[];
  padsBegin: number[];
  padsEnd: number[];
  inSizes: number[];
  outSizes: number[];
}

function geometry(ctx: RuleContext, kernel: number[], x: string, y: string): Geometry {
  const inSizes = ctx.shape(x).slice(2);
  const outSizes = ctx.shape(y).slice(2);
  const n = inSizes.length;
  const ones = () => Array.from({ length: n }, () => 1);
  const strides = ctx.attrs.ints('strides') ?? ones();
  const dilations = ctx.attrs.ints('dilations') ?? ones();
  const autoPad = ctx.attrs.str('auto_pad', 'NOTSET');
  let padsBegin: number[];
  let padsEnd: number[];
  if (autoPad === 'NOTSET') {
    const pads = ctx.attrs.ints('pads') ?? Array.from({ length: 2 * n }, () => 0);
    padsBegin = pads.slice(0, n);
    padsEnd = pads.slice(n);
  } else if (autoPad === 'VALID') {
    padsBegin = Array.from({ length: n }, () => 0);
    padsEnd = [...padsBegin];
  } else if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const total = inSizes.map((len, i) => Math.max(0, (outSizes[i] - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - len));
    padsBegin = total.map((t) => (autoPad === 'SAME_UPPER' ? Math.floor(t / 2) : Math.ceil(t / 2)));
    padsEnd = total.map((t, i) => t - padsBegin[i]);
  } else {
    return ctx.unsupported(`auto_pad '${autoPad}' is not covered`);
  }
  return { kernel, strides, dilations, padsBegin, padsEnd, inSizes, outSizes };
}

/**
 * Attributes of the ConvTranspose that maps a gradient of the windowed op's output back onto its
 * input: same strides/dilations/begin pads; the end is cropped or extended (output_padding) so
 * the result has exactly the input's size.
 */
function transposeAttrs(geo: Geometry) {
  const padsEnd: number[] = [];
  const outputPadding: number[] = [];
  geo.inSizes.forEach((len, i) => {
    const reach = geo.strides[i] * (geo.outSizes[i] - 1) + (geo.kernel[i] - 1) * geo.dilations[i] + 1 - geo.padsBegin[i];
    const need = reach - len;
    padsEnd.push(Math.max(0, need));
    outputPadding.push(Math.max(0, -need));
  });
  return [
    attr.ints('strides', geo.strides),
    attr.ints('dilations', geo.dilations),
    attr.ints('pads', [...geo.padsBegin, ...padsEnd]),
    attr.ints('output_padding', outputPadding),
  ];
}

function kernelOf(ctx: RuleContext, w?: string): number[] {
  return ctx.attrs.ints('kernel_shape') ?? (w ? ctx.shape(w).slice(2) : ctx.unsupported('kernel_shape is missing'));
}

export const convRules: Record<string, GradRule> = {
  Conv: (ctx, [g]) => {
    if (ctx.wants(1) || ctx.wants(2)) ctx.unsupported('gradients with respect to weights or bias are not covered');
    const [x, w] = ctx.inputs;
    const geo = geometry(ctx, kernelOf(ctx, w), x, ctx.outputs[0]);
    const group = ctx.attrs.int('group', 1);
    return [flippedConv(ctx, geo, w, group, g!) ?? ctx.em.op1('ConvTranspose', [g!, w], [...transposeAttrs(geo), attr.i('group', group)])];
  },
  ConvTranspose: (ctx, [g]) => {
    if (ctx.wants(1) || ctx.wants(2)) ctx.unsupported('gradients with respect to weights or bias are not covered');
    const autoPad = ctx.attrs.str('auto_pad', 'NOTSET');
    if (ctx.attrs.has('output_shape') || (autoPad !== 'NOTSET' && autoPad !== 'VALID')) ctx.unsupported('output_shape and SAME auto_pad are not covered; give explicit pads');
    const [x, w] = ctx.inputs;
    const kernel = kernelOf(ctx, w);
    const n = kernel.length;
    const ones = Array.from({ length: n }, () => 1);
    const strides = ctx.attrs.ints('strides') ?? ones;
    const dilations = ctx.attrs.ints('dilations') ?? ones;
    const pads = autoPad === 'VALID' ? Array.from({ length: 2 * n }, () => 0) : (ctx.attrs.ints('pads') ?? Array.from({ length: 2 * n }, () => 0));
    const inSizes = ctx.shape(x).slice(2);
    const outSizes = ctx.shape(ctx.outputs[0]).slice(2);
    // The adjoint is a Conv of the gradient with the same weights; its end pad makes the result
    // exactly as long as the forward input.
    const padsEnd = inSizes.map((len, i) => Math.max(0, strides[i] * (len - 1) - outSizes[i] - pads[i] + (kernel[i] - 1) * dilations[i] + 1));
    const group = ctx.attrs.int('group', 1);
    const conv = ctx.em.op1('Conv', [g!, w], [
      attr.ints('strides', strides), attr.ints('dilations', dilations), attr.ints('pads', [...pads.slice(0, n), ...padsEnd]), attr.i('group', group),
    ]);
    return [conv];
  },
  AveragePool: (ctx, [g]) => {
    const [x] = ctx.inputs;
    const geo = geometry(ctx, kernelOf(ctx), x, ctx.outputs[0]);
    const channels = ctx.shape(x)[1];
    const includePad = ctx.attrs.int('count_include_pad', 0) === 1;
    const divisor = windowCounts(geo, includePad);
    const scaled = ctx.em.op1('Mul', [g!, ctx.em.f32(divisor, [1, 1, ...geo.outSizes])]);
    const size = geo.kernel.reduce((a, b) => a * b, 1);
    const ones = ctx.em.f32(new Float32Array(channels * size).fill(1), [channels, 1, ...geo.kernel]);
    return [ctx.em.op1('ConvTranspose', [scaled, ones], [...transposeAttrs(geo), attr.i('group', channels)])];
  },
  GlobalAveragePool: (ctx, [g]) => {
    const dims = ctx.shape(ctx.inputs[0]);
    const count = dims.slice(2).reduce((a, b) => a * b, 1);
    const scaled = ctx.em.op1('Mul', [g!, ctx.em.f32([1 / count])]);
    return [ctx.em.op1('Expand', [scaled, ctx.em.i64(dims)])];
  },
  MaxPool: (ctx, [g, gIndices]) => {
    if (gIndices) ctx.unsupported('its Indices output is not differentiable');
    if (ctx.attrs.int('storage_order', 0) !== 0) ctx.unsupported('storage_order=1 is not covered');
    const [x] = ctx.inputs;
    const dims = ctx.shape(x);
    const geo = geometry(ctx, kernelOf(ctx), x, ctx.outputs[0]);
    const offsets = geo.kernel.reduce((a, b) => a * b, 1);
    const overlapping = geo.kernel.some((k, i) => (k - 1) * geo.dilations[i] + 1 > geo.strides[i]);
    if (overlapping && ctx.em.opset < 16) {
      // ScatterElements cannot sum before opset 16: small windows search their maximum again;
      // bigger ones get one masked ConvTranspose per kernel offset, each holding an input-sized
      // tensor, so a huge window would need gigabytes (a 60×80 kernel: 4,800 of them).
      if (offsets <= MAX_SEARCH_OFFSETS) return [maxPoolBySearch(ctx, geo, x, g!, transposeAttrs(geo))];
      if (offsets > MAX_POOL_OFFSETS) ctx.unsupported(`overlapping ${geo.kernel.join('×')} windows before opset 13 need ${offsets} partial gradients; re-export the model with opset 13 or later, where the gradient sums them with ScatterElements`);
      return [maxPoolByOffsets(ctx, geo, dims, recomputedIndices(ctx, x), g!)];
    }
    // The flat index of each window's maximum, from a MaxPool of the backward graph (see maxPool.ts).
    const indices = recomputedIndices(ctx, x);
    const total = dims.reduce((a, b) => a * b, 1);
    const flatIdx = ctx.em.reshape(indices, [-1]);
    const flatG = ctx.em.reshape(g!, [-1]);
    const extra = overlapping ? [attr.s('reduction', 'add')] : [];
    const scattered = ctx.em.op1('ScatterElements', [ctx.em.zeros([total]), flatIdx, flatG], [attr.i('axis', 0), ...extra]);
    return [ctx.em.reshape(scattered, dims)];
  },
};

/** Most kernel offsets {@link maxPoolByOffsets} builds a gradient for (a 16×16 window). */
const MAX_POOL_OFFSETS = 256;

/**
 * MaxPool's input gradient without ScatterElements' reduction=add (before opset 16), exact with
 * overlapping windows: for each kernel offset, the outputs whose maximum sat at that offset keep
 * their gradient, and a depthwise ConvTranspose with a one-hot kernel puts it in place; the
 * offsets' results are summed, so an input that is the maximum of several windows gets them all.
 */
function maxPoolByOffsets(ctx: RuleContext, geo: Geometry, dims: number[], indices: string, g: string): string {
  const [n, c] = dims;
  const plane = geo.inSizes.reduce((a, b) => a * b, 1);
  const rank = geo.inSizes.length;
  const base = ctx.em.i64(Array.from({ length: n * c }, (_, i) => i * plane), [n, c, ...geo.inSizes.map(() => 1)]);
  const outCount = geo.outSizes.reduce((a, b) => a * b, 1);
  const kCount = geo.kernel.reduce((a, b) => a * b, 1);
  const parts: string[] = [];
  for (let k = 0; k < kCount; k++) {
    const offset = unflatten(k, geo.kernel);
    // Flat index (within one plane) of this offset's input for every output; -2^40 where it is padding.
    const where = Array.from({ length: outCount }, (_, o) => {
      const pos = unflatten(o, geo.outSizes);
      let flat = 0;
      for (let i = 0; i < rank; i++) {
        const p = pos[i] * geo.strides[i] - geo.padsBegin[i] + offset[i] * geo.dilations[i];
        if (p < 0 || p >= geo.inSizes[i]) return -(2 ** 40);
        flat = flat * geo.inSizes[i] + p;
      }
      return flat;
    });
    const expected = ctx.em.op1('Add', [base, ctx.em.i64(where, [1, 1, ...geo.outSizes])]);
    const kept = ctx.em.mask(g, ctx.em.op1('Equal', [indices, expected]));
    const oneHot = new Float32Array(c * kCount);
    for (let ch = 0; ch < c; ch++) oneHot[ch * kCount + k] = 1;
    const kernel = ctx.em.f32(oneHot, [c, 1, ...geo.kernel]);
    parts.push(ctx.em.op1('ConvTranspose', [kept, kernel], [...transposeAttrs(geo), attr.i('group', c)]));
  }
  return parts.length === 1 ? parts[0] : ctx.em.op1('Sum', parts);
}

/**
 * For stride 1 with constant weights, the input gradient as a plain Conv with the kernel flipped
 * and input/output channels swapped per group: onnxruntime's Conv is several times faster than
 * its ConvTranspose. Undefined when that does not apply (the caller falls back to ConvTranspose).
 */
function flippedConv(ctx: RuleContext, geo: Geometry, w: string, group: number, g: string): string | undefined {
  if (geo.strides.some((s) => s !== 1)) return undefined;
  const values = ctx.consts.floats(w);
  if (!values) return undefined;
  const wd = ctx.shape(w);
  const eff = geo.kernel.map((k, i) => (k - 1) * geo.dilations[i] + 1);
  const begin = eff.map((e, i) => e - 1 - geo.padsBegin[i]);
  const end = eff.map((e, i) => geo.inSizes[i] - geo.outSizes[i] - begin[i] + e - 1);
  if ([...begin, ...end].some((p) => p < 0)) return undefined;
  const [m, cg] = wd;
  const mg = m / group;
  const ksize = geo.kernel.reduce((a, b) => a * b, 1);
  const flipped = new Float32Array(values.length);
  // W'[gi·cg + c, j, flip(k)] = W[gi·mg + j, c, k]; a flat spatial index reversed is the flip along every axis.
  for (let gi = 0; gi < group; gi++)
    for (let j = 0; j < mg; j++)
      for (let c = 0; c < cg; c++) {
        const src = ((gi * mg + j) * cg + c) * ksize;
        const dst = ((gi * cg + c) * mg + j) * ksize;
        for (let k = 0; k < ksize; k++) flipped[dst + ksize - 1 - k] = values[src + k];
      }
  const weights = ctx.em.f32(flipped, [group * cg, mg, ...geo.kernel]);
  return ctx.em.op1('Conv', [g, weights], [attr.ints('dilations', geo.dilations), attr.ints('pads', [...begin, ...end]), attr.i('group', group)]);
}

/**
 * 1/count for every output window, row-major over the spatial output: windows are clipped to
 * the padded input (count_include_pad=1) or to the input itself (0), as onnxruntime counts them.
 */
function windowCounts(geo: Geometry, includePad: boolean): Float32Array {
  const perAxis = geo.outSizes.map((outLen, i) =>
    Array.from({ length: outLen }, (_, o) => {
      const start = o * geo.strides[i] - geo.padsBegin[i];
      const lo = includePad ? -geo.padsBegin[i] : 0;
      const hi = includePad ? geo.inSizes[i] + geo.padsEnd[i] : geo.inSizes[i];
      let c = 0;
      for (let k = 0; k < geo.kernel[i]; k++) {
        const p = start + k * geo.dilations[i];
        if (p >= lo && p < hi) c++;
      }
      return c;
    }),
  );
  const total = geo.outSizes.reduce((a, b) => a * b, 1);
  const out = new Float32Array(total);
  for (let flat = 0; flat < total; flat++) {
    let rest = flat;
    let count = 1;
    for (let i = geo.outSizes.length - 1; i >= 0; i--) {
      count *= perAxis[i][rest % geo.outSizes[i]];
      rest = Math.floor(rest / geo.outSizes[i]);
    }
    out[flat] = count > 0 ? 1 / count : 0;
  }
  return out;
}
