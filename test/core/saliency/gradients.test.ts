import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inputXGradient, integratedGradients, smoothGrad, vanillaGradient } from '../../../src/core/saliency/gradients';
import { gaussLegendre, quadrature, QUADRATURE_RULES } from '../../../src/core/saliency/quadrature';
import type { GradientFn } from '../../../src/core/saliency/types';
import { uniform } from './models';

const N = 3 * 6 * 6;
const w = uniform(N, 11, -1, 1);

/** f0(x) = w·x (linear), f1 = 0; gradients analytic. */
const linear: GradientFn = async (batch, n, target) => {
  const grads = new Float32Array(n * N);
  const outputs = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < N; j++) s += w[j] * batch[i * N + j];
    outputs[i * 2] = s;
    if (target === 0) grads.set(w, i * N);
  }
  return { grads, outputs };
};

/** f0(x) = tanh(0.1·w·x)·3: smooth and non-linear; ∇ = 0.3·(1 − tanh²)·w. */
const smooth: GradientFn = async (batch, n) => {
  const grads = new Float32Array(n * N);
  const outputs = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < N; j++) s += w[j] * batch[i * N + j];
    const t = Math.tanh(0.1 * s);
    outputs[i * 2] = 3 * t;
    for (let j = 0; j < N; j++) grads[i * N + j] = 0.3 * (1 - t * t) * w[j];
  }
  return { grads, outputs };
};

const x = uniform(N, 12, 0, 2);

describe('quadrature', () => {
  it('Gauss–Legendre matches the closed form for n = 3 and integrates degree 2n − 1 exactly', () => {
    const { alphas, weights } = gaussLegendre(3);
    const r = Math.sqrt(3 / 5);
    assert.deepEqual(Array.from(alphas, (a) => +a.toFixed(12)), [(1 - r) / 2, 0.5, (1 + r) / 2].map((a) => +a.toFixed(12)));
    assert.deepEqual(Array.from(weights, (a) => +a.toFixed(12)), [5 / 18, 8 / 18, 5 / 18].map((a) => +a.toFixed(12)));
    const g = gaussLegendre(6);
    const integral = g.alphas.reduce((s, a, i) => s + g.weights[i] * a ** 11, 0);
    assert.ok(Math.abs(integral - 1 / 12) < 1e-13);
  });
  it('every rule integrates a linear function and has weights summing to 1', () => {
    for (const rule of QUADRATURE_RULES) {
      const q = quadrature(rule, 10);
      assert.ok(Math.abs(q.weights.reduce((a, b) => a + b, 0) - 1) < 1e-12, rule);
      if (rule === 'riemann-middle' || rule === 'trapezoid' || rule === 'gauss-legendre') {
        assert.ok(Math.abs(q.alphas.reduce((s, a, i) => s + q.weights[i] * a, 0) - 0.5) < 1e-12, rule);
      }
    }
  });
});

describe('gradient methods against analytic gradients', () => {
  it('gradient and input × gradient', async () => {
    assert.deepEqual(await vanillaGradient(linear, x, 0), w);
    assert.deepEqual(await vanillaGradient(linear, x, 0, true), w.map(Math.abs));
    const ixg = await inputXGradient(linear, x, 0);
    ixg.forEach((v, j) => assert.ok(Math.abs(v - x[j] * w[j]) < 1e-6));
  });

  it('IG is exact on a linear model: (x − b) ⊙ w, gap ≈ 0', async () => {
    const baseline = uniform(N, 3, 0, 0.5);
    for (const rule of QUADRATURE_RULES) {
      const ig = await integratedGradients(linear, x, 0, { baseline, steps: 7, rule, nClasses: 2, maxBatch: 3 });
      ig.attribution.forEach((v, j) => assert.ok(Math.abs(v - (x[j] - baseline[j]) * w[j]) < 1e-5, `${rule} ${j}`));
      assert.ok(ig.relativeGap < 1e-5, `${rule}: ${ig.relativeGap}`);
    }
  });

  it('IG completeness gap on a smooth model is ≤ 1e-2 relative with 50 steps', async () => {
    const baseline = new Float32Array(N);
    for (const rule of QUADRATURE_RULES) {
      const ig = await integratedGradients(smooth, x, 0, { baseline, steps: 50, rule, nClasses: 2 });
      assert.ok(ig.relativeGap <= 1e-2, `${rule}: ${ig.relativeGap}`);
      assert.ok(Math.abs(ig.fx - ig.fBaseline) > 0.1);
    }
    const gl = await integratedGradients(smooth, x, 0, { baseline, steps: 50, rule: 'gauss-legendre', nClasses: 2 });
    assert.ok(gl.relativeGap < 1e-5, `Gauss–Legendre: ${gl.relativeGap}`);
  });

  it('SmoothGrad is deterministic per seed; its variants relate as E[g²] = Var + E[g]²', async () => {
    const opts = { samples: 10, noise: 0.2, seed: 4, nClasses: 2 };
    const a = await smoothGrad(smooth, x, 0, { ...opts, kind: 'smoothgrad' });
    assert.deepEqual(await smoothGrad(smooth, x, 0, { ...opts, kind: 'smoothgrad' }), a);
    assert.notDeepEqual(await smoothGrad(smooth, x, 0, { ...opts, seed: 5, kind: 'smoothgrad' }), a);
    const sq = await smoothGrad(smooth, x, 0, { ...opts, kind: 'smoothgrad-squared' });
    const vg = await smoothGrad(smooth, x, 0, { ...opts, kind: 'vargrad' });
    for (let j = 0; j < N; j++) assert.ok(Math.abs(sq[j] - (vg[j] + a[j] * a[j])) < 1e-6);
    // On a linear model every noisy gradient is w: SmoothGrad = w, VarGrad = 0.
    const lin = await smoothGrad(linear, x, 0, { ...opts, kind: 'smoothgrad' });
    lin.forEach((v, j) => assert.ok(Math.abs(v - w[j]) < 1e-6));
  });
});
