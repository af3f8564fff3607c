/**
 * Gradients of the linear algebra ops: Gemm, MatMul (with numpy batch broadcasting and 1-D
 * operands) and inference-mode BatchNormalization.
 */
import { attr } from '../emit';
import type { GradRule } from './types';

/** Permutation swapping the last two axes of a rank-`r` tensor. */
function swapLast(r: number): number[] {
  const p = Array.from({ length: r }, (_, i) => i);
  [p[r - 2], p[r - 1]] = [p[r - 1], p[r - 2]];
  return p;
}

export const linearRules: Record<string, GradRule> = {
  Gemm: (ctx, [g]) => {
    // Y = alpha·A'·B' + beta·C with A' = transA ? Aᵀ : A and B' likewise.
    const [a, b, c] = ctx.inputs;
    const alpha = ctx.attrs.float('alpha', 1);
    const beta = ctx.attrs.float('beta', 1);
    const tA = ctx.attrs.int('transA', 0);
    const tB = ctx.attrs.int('transB', 0);
    const gemm = (x: string, y: string, ta: number, tb: number) =>
      ctx.em.op1('Gemm', [x, y], [attr.f('alpha', alpha), attr.i('transA', ta), attr.i('transB', tb)]);
    const ga = ctx.wants(0) ? (tA ? gemm(b, g!, tB, 1) : gemm(g!, b, 0, tB ? 0 : 1)) : undefined;
    const gb = ctx.wants(1) ? (tB ? gemm(g!, a, 1, tA) : gemm(a, g!, tA ? 0 : 1, 0)) : undefined;
    let gc: string | undefined;
    if (c && ctx.wants(2)) {
      const scaled = beta === 1 ? g! : ctx.em.op1('Mul', [g!, ctx.em.f32([beta])]);
      gc = ctx.em.unbroadcast(scaled, ctx.shape(ctx.outputs[0]), ctx.shape(c));
    }
    return [ga, gb, gc];
  },
  MatMul: (ctx, [g]) => {
    const [a, b] = ctx.inputs;
    const sa = ctx.shape(a);
    const sb = ctx.shape(b);
    // Promote 1-D operands to matrices as numpy does, then undo it on the gradients.
    const a2s = sa.length === 1 ? [1, sa[0]] : sa;
    const b2s = sb.length === 1 ? [sb[0], 1] : sb;
    const a2 = sa.length === 1 ? ctx.em.reshape(a, a2s) : a;
    const b2 = sb.length === 1 ? ctx.em.reshape(b, b2s) : b;
    const batchA = a2s.slice(0, -2);
    const batchB = b2s.slice(0, -2);
    const rank = Math.max(batchA.length, batchB.length);
    const batch: number[] = [];
    for (let i = 0; i < rank; i++) {
      const da = batchA[i - (rank - batchA.length)] ?? 1;
      const db = batchB[i - (rank - batchB.length)] ?? 1;
      batch.push(da === 1 ? db : da);
    }
    const ys = [...batch, a2s[a2s.length - 2], b2s[b2s.length - 1]];
    const g2 = ctx.em.reshape(g!, ys);
    let ga: string | undefined;
    let gb: string | undefined;
    if (ctx.wants(0)) {
      const full = ctx.em.op1('MatMul', [g2, ctx.em.op1('Transpose', [b2], [attr.ints('perm', swapLast(b2s.length))])]);
      ga = ctx.em.reshape(ctx.em.unbroadcast(full, [...batch, ...a2s.slice(-2)], a2s), sa);
    }
    if (ctx.wants(1)) {
      const full = ctx.em.op1('MatMul', [ctx.em.op1('Transpose', [a2], [attr.ints('perm', swapLast(a2s.length))]), g2]);
      gb = ctx.em.reshape(ctx.em.unbroadcast(full, [...batch, ...b2s.slice(-2)], b2s), sb);
    }
    return [ga, gb];
  },
  BatchNormalization: (ctx, [g, ...rest]) => {
    if (rest.some((r) => r) || ctx.attrs.int('training_mode', 0) !== 0) ctx.unsupported('only inference mode (one output) is covered');
    if ([1, 2, 3, 4].some((i) => ctx.wants(i))) ctx.unsupported('gradients with respect to its parameters are not covered');
    // Y = (X − mean)·scale/√(var + ε) + B, so dY/dX is a per-channel factor.
    const [x, scale, , , variance] = ctx.inputs;
    const rank = ctx.shape(x).length;
    const eps = ctx.attrs.float('epsilon', 1e-5);
    const factor = ctx.em.op1('Div', [scale, ctx.em.op1('Sqrt', [ctx.em.op1('Add', [variance, ctx.em.f32([eps])])])]);
    const channels = ctx.shape(scale)[0];
    const perChannel = ctx.em.reshape(factor, [channels, ...Array.from({ length: Math.max(0, rank - 2) }, () => 1)]);
    return [ctx.em.op1('Mul', [g!, perChannel])];
  },
};
