/**
 * Gradients of ops that move, copy or sum values without arithmetic on them: reshapes,
 * Transpose, Concat/Split, Slice/Pad (inverse of each other), Expand and the sum reductions.
 */
import { attr } from '../emit';
import { normAxis } from '../nodeInfo';
import type { GradRule, RuleContext } from './types';

/** Reshape the gradient back to the input's static shape. */
const back: GradRule = (ctx, [g]) => [ctx.em.reshape(g!, ctx.shape(ctx.inputs[0]))];

function reduceAxes(ctx: RuleContext, attrSince: number): number[] | undefined {
  const rank = ctx.shape(ctx.inputs[0]).length;
  const raw = ctx.opset >= attrSince ? (ctx.inputs[1] ? ctx.consts.requireInts(ctx.inputs[1], 'axes', ctx.node) : []) : (ctx.attrs.ints('axes') ?? []);
  if (raw.length === 0) return ctx.attrs.int('noop_with_empty_axes', 0) ? undefined : Array.from({ length: rank }, (_, i) => i);
  return raw.map((a) => normAxis(a, rank));
}

function reduceRule(mean: boolean, attrSince: number): GradRule {
  return (ctx, [g]) => {
    const dims = ctx.shape(ctx.inputs[0]);
    const axes = reduceAxes(ctx, attrSince);
    if (!axes) return [g];
    const kept = dims.map((d, i) => (axes.includes(i) ? 1 : d));
    let gk = ctx.em.reshape(g!, kept);
    if (mean) gk = ctx.em.op1('Mul', [gk, ctx.em.f32([1 / axes.reduce((p, a) => p * dims[a], 1)])]);
    return [ctx.em.op1('Expand', [gk, ctx.em.i64(dims)])];
  };
}

export const shapeRules: Record<string, GradRule> = {
  Reshape: back,
  Flatten: back,
  Squeeze: back,
  Unsqueeze: back,
  Expand: (ctx, [g]) => [ctx.em.unbroadcast(g!, ctx.shape(ctx.outputs[0]), ctx.shape(ctx.inputs[0]))],
  Cast: (_ctx, [g]) => [g],
  Transpose: (ctx, [g]) => {
    const rank = ctx.shape(ctx.inputs[0]).length;
    const perm = ctx.attrs.ints('perm') ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
    const inverse: number[] = [];
    perm.forEach((p, i) => (inverse[p] = i));
    return [ctx.em.op1('Transpose', [g!], [attr.ints('perm', inverse)])];
  },
  Concat: (ctx, [g]) => {
    const rank = ctx.shape(ctx.inputs[0]).length;
    const axis = normAxis(ctx.attrs.int('axis', 0), rank);
    let offset = 0;
    return ctx.inputs.map((name, i) => {
      const len = ctx.shape(name)[axis];
      const start = offset;
      offset += len;
      return ctx.wants(i) ? ctx.em.slice(g!, [start], [start + len], [axis]) : undefined;
    });
  },
  Split: (ctx, gys) => {
    const rank = ctx.shape(ctx.inputs[0]).length;
    const axis = normAxis(ctx.attrs.int('axis', 0), rank);
    const parts = ctx.outputs.map((name, k) => gys[k] ?? ctx.em.zeros(ctx.shape(name)));
    return [ctx.em.op1('Concat', parts, [attr.i('axis', axis)])];
  },
  Slice: (ctx, [g]) => {
    const [x, s, e, ax, st] = ctx.inputs;
    const dims = ctx.shape(x);
    const starts = ctx.consts.requireInts(s, 'starts', ctx.node);
    const ends = ctx.consts.requireInts(e, 'ends', ctx.node);
    const axes = ax ? ctx.consts.requireInts(ax, 'axes', ctx.node) : starts.map((_, i) => i);
    const steps = st ? ctx.consts.requireInts(st, 'steps', ctx.node) : starts.map(() => 1);
    if (steps.some((v) => v !== 1)) ctx.unsupported('only step 1 is covered');
    const pads = new Array<number>(2 * dims.length).fill(0);
    axes.forEach((a0, i) => {
      const a = normAxis(a0, dims.length);
      const clamp = (v: number) => Math.min(dims[a], Math.max(0, v < 0 ? v + dims[a] : v));
      const b = clamp(starts[i]);
      const end = Math.max(b, clamp(ends[i]));
      pads[a] = b;
      pads[dims.length + a] = dims[a] - end;
    });
    return [ctx.em.pad(g!, pads)];
  },
  Pad: (ctx, [g]) => {
    if (ctx.attrs.str('mode', 'constant') !== 'constant') ctx.unsupported('only constant padding is covered');
    if (ctx.inputs[3]) ctx.unsupported('the axes input is not covered');
    const dims = ctx.shape(ctx.inputs[0]);
    const pads = ctx.opset >= 11 ? ctx.consts.requireInts(ctx.inputs[1], 'pads', ctx.node) : (ctx.attrs.ints('pads') ?? []);
    if (pads.some((p) => p < 0)) ctx.unsupported('negative pads are not covered');
    const starts = dims.map((_, i) => pads[i]);
    return [ctx.em.slice(g!, starts, starts.map((b, i) => b + dims[i]), dims.map((_, i) => i))];
  },
  ReduceSum: reduceRule(false, 13),
  ReduceMean: reduceRule(true, 18),
};
