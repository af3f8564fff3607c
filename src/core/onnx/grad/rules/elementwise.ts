/**
 * Gradients of element-wise ops: broadcasting arithmetic (summed back to each operand's shape)
 * and activations. Kinks follow PyTorch: ReLU-like masks are strict (zero gradient at x = 0).
 */
import type { GradRule, RuleContext } from './types';

function binary(ctx: RuleContext, mk: (i: number) => string): (string | undefined)[] {
  const out = ctx.shape(ctx.outputs[0]);
  return [0, 1].map((i) => (ctx.wants(i) ? ctx.em.unbroadcast(mk(i), out, ctx.shape(ctx.inputs[i])) : undefined));
}

const where = (ctx: RuleContext, cond: string, a: string, b: string) => ctx.em.op1('Where', [cond, a, b]);

export const elementwiseRules: Record<string, GradRule> = {
  Add: (ctx, [g]) => binary(ctx, () => g!),
  Sub: (ctx, [g]) => binary(ctx, (i) => (i === 0 ? g! : ctx.em.op1('Neg', [g!]))),
  Mul: (ctx, [g]) => binary(ctx, (i) => ctx.em.op1('Mul', [g!, ctx.inputs[1 - i]])),
  Div: (ctx, [g]) =>
    binary(ctx, (i) => {
      const [, b] = ctx.inputs;
      const gOverB = ctx.em.op1('Div', [g!, b]);
      // d(a/b)/db = -(a/b)/b = -y/b
      return i === 0 ? gOverB : ctx.em.op1('Neg', [ctx.em.op1('Mul', [gOverB, ctx.outputs[0]])]);
    }),
  Neg: (ctx, [g]) => [ctx.em.op1('Neg', [g!])],
  Identity: (_ctx, [g]) => [g],
  // Inference-mode Dropout is the identity on its first output.
  Dropout: (ctx, [g]) => {
    const training = ctx.inputs[2];
    if (training && (ctx.consts.ints(training)?.[0] ?? 1) !== 0) ctx.unsupported('training mode (random masks) is not covered');
    return [g];
  },
  // g · [y > 0] (Sign would run on one thread, like Where).
  Relu: (ctx, [g]) => [ctx.em.mask(g!, ctx.em.op1('Greater', [ctx.outputs[0], ctx.em.f32([0])]))],
  LeakyRelu: (ctx, [g]) => {
    const alpha = ctx.attrs.float('alpha', 0.01);
    const scaled = ctx.em.op1('Mul', [g!, ctx.em.f32([alpha])]);
    return [where(ctx, ctx.em.op1('Greater', [ctx.inputs[0], ctx.em.f32([0])]), g!, scaled)];
  },
  Sigmoid: (ctx, [g]) => {
    const y = ctx.outputs[0];
    const oneMinus = ctx.em.op1('Sub', [ctx.em.f32([1]), y]);
    return [ctx.em.op1('Mul', [g!, ctx.em.op1('Mul', [y, oneMinus])])];
  },
  Tanh: (ctx, [g]) => {
    const y = ctx.outputs[0];
    const d = ctx.em.op1('Sub', [ctx.em.f32([1]), ctx.em.op1('Mul', [y, y])]);
    return [ctx.em.op1('Mul', [g!, d])];
  },
  Exp: (ctx, [g]) => [ctx.em.op1('Mul', [g!, ctx.outputs[0]])],
  Log: (ctx, [g]) => [ctx.em.op1('Div', [g!, ctx.inputs[0]])],
  Sqrt: (ctx, [g]) => [ctx.em.op1('Div', [g!, ctx.em.op1('Mul', [ctx.em.f32([2]), ctx.outputs[0]])])],
  Clip: (ctx, [g]) => {
    // Opset 11+ takes min/max as optional inputs; older ones as attributes.
    const x = ctx.inputs[0];
    const lo = ctx.opset >= 11 ? ctx.inputs[1] || undefined : ctx.em.f32([ctx.attrs.float('min', -3.4028234663852886e38)]);
    const hi = ctx.opset >= 11 ? ctx.inputs[2] || undefined : ctx.em.f32([ctx.attrs.float('max', 3.4028234663852886e38)]);
    let mask: string | undefined;
    if (lo) mask = ctx.em.op1('Greater', [x, lo]);
    if (hi) {
      const below = ctx.em.op1('Less', [x, hi]);
      mask = mask ? ctx.em.op1('And', [mask, below]) : below;
    }
    return [mask ? ctx.em.mask(g!, mask) : g];
  },
  HardSigmoid: (ctx, [g]) => {
    const alpha = ctx.attrs.float('alpha', 0.2);
    const y = ctx.outputs[0];
    const inside = ctx.em.op1('And', [ctx.em.op1('Greater', [y, ctx.em.f32([0])]), ctx.em.op1('Less', [y, ctx.em.f32([1])])]);
    return [ctx.em.mask(ctx.em.op1('Mul', [g!, ctx.em.f32([alpha])]), inside)];
  },
  HardSwish: (ctx, [g]) => {
    // y = x·clip(x/6 + 1/2, 0, 1): slope 0 below -3, 1 above 3, x/3 + 1/2 between (as PyTorch).
    const x = ctx.inputs[0];
    const mid = ctx.em.op1('Mul', [g!, ctx.em.op1('Add', [ctx.em.op1('Div', [x, ctx.em.f32([3])]), ctx.em.f32([0.5])])]);
    const upper = where(ctx, ctx.em.op1('Greater', [x, ctx.em.f32([3])]), g!, mid);
    return [where(ctx, ctx.em.op1('Less', [x, ctx.em.f32([-3])]), ctx.em.f32([0]), upper)];
  },
  Erf: (ctx, [g]) => {
    // d erf(x)/dx = 2/√π · exp(-x²)
    const x = ctx.inputs[0];
    const e = ctx.em.op1('Exp', [ctx.em.op1('Neg', [ctx.em.op1('Mul', [x, x])])]);
    return [ctx.em.op1('Mul', [g!, ctx.em.op1('Mul', [e, ctx.em.f32([2 / Math.sqrt(Math.PI)])])])];
  },
  Gelu: (ctx, [g]) => {
    if (ctx.attrs.str('approximate', 'none') !== 'none') ctx.unsupported("only approximate='none' is covered");
    // d/dx x·Φ(x) = Φ(x) + x·φ(x)
    const x = ctx.inputs[0];
    const cdf = ctx.em.op1('Mul', [ctx.em.f32([0.5]), ctx.em.op1('Add', [ctx.em.f32([1]), ctx.em.op1('Erf', [ctx.em.op1('Mul', [x, ctx.em.f32([Math.SQRT1_2])])])])]);
    const pdf = ctx.em.op1('Mul', [ctx.em.f32([1 / Math.sqrt(2 * Math.PI)]), ctx.em.op1('Exp', [ctx.em.op1('Mul', [ctx.em.op1('Mul', [x, x]), ctx.em.f32([-0.5])])])]);
    return [ctx.em.op1('Mul', [g!, ctx.em.op1('Add', [cdf, ctx.em.op1('Mul', [x, pdf])])])];
  },
  Softmax: (ctx, [g]) => {
    const y = ctx.outputs[0];
    const axes = softmaxAxes(ctx);
    const dot = ctx.em.reduceSum(ctx.em.op1('Mul', [g!, y]), axes, true);
    return [ctx.em.op1('Mul', [y, ctx.em.op1('Sub', [g!, dot])])];
  },
  LogSoftmax: (ctx, [g]) => {
    const p = ctx.em.op1('Exp', [ctx.outputs[0]]);
    const total = ctx.em.reduceSum(g!, softmaxAxes(ctx), true);
    return [ctx.em.op1('Sub', [g!, ctx.em.op1('Mul', [p, total])])];
  },
};

/** Softmax normalizes over one axis since opset 13, over all axes from `axis` on before it. */
function softmaxAxes(ctx: RuleContext): number[] {
  const rank = ctx.shape(ctx.inputs[0]).length;
  const raw = ctx.attrs.int('axis', ctx.opset >= 13 ? -1 : 1);
  const axis = raw < 0 ? raw + rank : raw;
  if (ctx.opset >= 13) return [axis];
  return Array.from({ length: rank - axis }, (_, k) => axis + k);
}

