import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { klBernoulli, klLowerBound, klLucb, klUpperBound, type ArmStats } from '../../../src/core/explain/klLucb';
import { Rng } from '../../../src/core/metrics/rng';

interface Ref { kl: { p: number; level: number; upper: number; lower: number; kl_p_half: number }[] }
const ref = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/explain/reference.json'), 'utf8')) as Ref;

test('KL-Bernoulli bounds match scipy brentq roots', () => {
  for (const c of ref.kl) {
    assert.ok(Math.abs(klBernoulli(c.p, 0.5) - c.kl_p_half) < 1e-12);
    assert.ok(Math.abs(klUpperBound(c.p, c.level) - c.upper) < 1e-9, `upper p=${c.p} level=${c.level}`);
    assert.ok(Math.abs(klLowerBound(c.p, c.level) - c.lower) < 1e-9, `lower p=${c.p} level=${c.level}`);
  }
});

test('bounds satisfy their definition: KL(p, bound) = level, bracketing p, shrinking with n', () => {
  for (const p of [0.1, 0.5, 0.8, 0.97]) {
    for (const level of [0.001, 0.01, 0.2]) {
      const ub = klUpperBound(p, level);
      const lb = klLowerBound(p, level);
      assert.ok(lb <= p && p <= ub);
      assert.ok(Math.abs(klBernoulli(p, ub) - level) < 1e-9 || ub === 1);
      assert.ok(Math.abs(klBernoulli(p, lb) - level) < 1e-9 || lb === 0);
    }
    assert.ok(klUpperBound(p, 0.001) < klUpperBound(p, 0.01));
    assert.ok(klLowerBound(p, 0.001) > klLowerBound(p, 0.01));
  }
  // p = 1: the lower bound is exp(−level) in closed form.
  assert.ok(Math.abs(klLowerBound(1, 0.05) - Math.exp(-0.05)) < 1e-12);
  assert.equal(klUpperBound(1, 0.05), 1);
});

test('KL-LUCB finds the two best Bernoulli arms', async () => {
  const probs = [0.3, 0.95, 0.5, 0.9, 0.6, 0.1];
  const rng = new Rng(5);
  const arms: ArmStats[] = probs.map(() => ({ n: 0, positives: 0 }));
  const pull = async (which: number[]): Promise<void> => {
    for (const a of which) for (let s = 0; s < 10; s++) {
      arms[a].n++;
      if (rng.nextFloat() < probs[a]) arms[a].positives++;
    }
  };
  await pull(probs.map((_, i) => i));
  const top = await klLucb(arms, 2, pull, { delta: 0.1, epsilon: 0.15 });
  assert.deepEqual([...top].sort(), [1, 3]);
});
