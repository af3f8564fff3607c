/**
 * Parzen estimators for TPE: a mixture with one kernel per observation plus a prior kernel.
 * Numeric parameters get truncated normals (in log space for log parameters, bins for discrete
 * ones) with neighbour-distance bandwidths and the "magic clip"; categorical parameters get a
 * smoothed one-hot distribution. With several dimensions a kernel is shared across them
 * (multivariate TPE) and bandwidths follow Scott's rule.
 */
import type { Rng } from '../rng';
import type { ParamSpec, ParamValue } from '../types';
import { logSumExp, normalMass } from './math';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

interface NumericDim {
  kind: 'numeric';
  spec: Exclude<ParamSpec, { type: 'categorical' }>;
  lo: number;
  hi: number;
  /** Bin width in the original space, 0 for continuous. */
  step: number;
  mus: Float64Array;
  sigmas: Float64Array;
  /** log of each kernel's mass inside [lo, hi], plus log sigma (for densities). */
  logZ: Float64Array;
  logZSigma: Float64Array;
}

interface CategoricalDim {
  kind: 'categorical';
  choices: readonly ParamValue[];
  /** The observed choice of each observation kernel (the prior kernel is last and uniform). */
  observed: Int32Array;
  /** Log probability, under an observation kernel, of its own choice and of any other. */
  logHit: number;
  logMiss: number;
}

type Dim = NumericDim | CategoricalDim;

/** Estimator options (Optuna's defaults: prior weight 1, magic clip on, endpoints off). */
export interface ParzenOptions {
  priorWeight: number;
  multivariate: boolean;
}

function transform(spec: ParamSpec, x: number): number {
  return spec.type !== 'categorical' && spec.log ? Math.log(x) : x;
}

function numericDim(spec: NumericDim['spec'], values: number[], multivariate: boolean, nDims: number): NumericDim {
  const step = spec.type === 'int' ? (spec.step ?? 1) : (spec.step ?? 0);
  const lo = transform(spec, spec.low - step / 2);
  const hi = transform(spec, spec.high + step / 2);
  const obs = values.map((v) => transform(spec, v));
  const n = obs.length;
  const mus = new Float64Array(n + 1);
  const sigmas = new Float64Array(n + 1);
  mus.set(obs);
  mus[n] = 0.5 * (lo + hi);
  if (multivariate) {
    sigmas.fill(0.2 * Math.max(n, 1) ** (-1 / (nDims + 4)) * (hi - lo));
  } else if (n > 0) {
    // Bandwidth of each kernel: the larger distance to its sorted neighbours (bounds as ends).
    const order = Array.from(mus.keys()).sort((a, b) => mus[a] - mus[b]);
    const sorted = order.map((i) => mus[i]);
    const m = sorted.length;
    for (let j = 0; j < m; j++) {
      const left = sorted[j] - (j > 0 ? sorted[j - 1] : lo);
      const right = (j < m - 1 ? sorted[j + 1] : hi) - sorted[j];
      sigmas[order[j]] = Math.max(left, right);
    }
    // Endpoints are not considered: the outermost kernels look only inwards.
    if (m >= 2) {
      sigmas[order[0]] = sorted[1] - sorted[0];
      sigmas[order[m - 1]] = sorted[m - 1] - sorted[m - 2];
    }
  }
  sigmas[n] = hi - lo;
  const minSigma = (hi - lo) / Math.min(100, 1 + (n + 1));
  const logZ = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) {
    sigmas[k] = Math.min(Math.max(sigmas[k], minSigma), hi - lo);
    logZ[k] = Math.log(Math.max(normalMass((lo - mus[k]) / sigmas[k], (hi - mus[k]) / sigmas[k]), 1e-300));
  }
  const logZSigma = logZ.map((z, k) => z + Math.log(sigmas[k]));
  return { kind: 'numeric', spec, lo, hi, step, mus, sigmas, logZ, logZSigma };
}

function categoricalDim(choices: readonly ParamValue[], indices: number[], priorWeight: number): CategoricalDim {
  // Each observation kernel: prior weight / kernels on every choice, plus 1 on its own, normalised.
  const c = choices.length;
  const share = priorWeight / (indices.length + 1);
  const total = share * c + 1;
  return { kind: 'categorical', choices, observed: Int32Array.from(indices), logHit: Math.log((share + 1) / total), logMiss: Math.log(share / total) };
}

function categoricalLogPdf(dim: CategoricalDim, k: number, x: number): number {
  if (k >= dim.observed.length) return -Math.log(dim.choices.length);
  return dim.observed[k] === x ? dim.logHit : dim.logMiss;
}

function sampleCategorical(dim: CategoricalDim, k: number, rng: Rng): number {
  const c = dim.choices.length;
  if (k >= dim.observed.length) return rng.int(c);
  const hit = Math.exp(dim.logHit);
  if (rng.random() < hit) return dim.observed[k];
  // Another choice, uniformly among the rest.
  const other = rng.int(c - 1);
  return other >= dim.observed[k] ? other + 1 : other;
}

/** A mixture over one or more parameters, fitted to observations (rows: trials; columns: dims). */
export class ParzenEstimator {
  private readonly dims: Dim[];
  private readonly logWeights: Float64Array;
  private readonly weights: Float64Array;

  /**
   * @param specs the parameters, in column order
   * @param rows observed values (external form; categorical values as choice indices)
   * @param weights one weight per row (the prior kernel gets `priorWeight`)
   */
  constructor(specs: readonly ParamSpec[], rows: readonly (readonly number[])[], weights: readonly number[], options: ParzenOptions) {
    this.dims = specs.map((spec, d) => {
      const column = rows.map((r) => r[d]);
      if (spec.type === 'categorical') return categoricalDim(spec.choices, column, options.priorWeight);
      return numericDim(spec, column, options.multivariate, specs.length);
    });
    const w = [...weights, options.priorWeight];
    const total = w.reduce((a, b) => a + b, 0);
    this.weights = Float64Array.from(w, (x) => x / total);
    this.logWeights = this.weights.map((x) => Math.log(x));
  }

  /** Draws `count` points; each row holds one value per dimension (choice index for categoricals). */
  sample(rng: Rng, count: number): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < count; i++) {
      const k = rng.choice(this.weights);
      out.push(this.dims.map((dim) => (dim.kind === 'categorical' ? sampleCategorical(dim, k, rng) : sampleNumeric(dim, k, rng))));
    }
    return out;
  }

  /** log density (or mass, for discrete dimensions) of each point under the mixture. */
  logPdf(points: readonly (readonly number[])[]): number[] {
    const terms = new Float64Array(this.weights.length);
    return points.map((x) => {
      for (let k = 0; k < terms.length; k++) {
        let s = this.logWeights[k];
        for (let d = 0; d < this.dims.length; d++) {
          const dim = this.dims[d];
          s += dim.kind === 'categorical' ? categoricalLogPdf(dim, k, x[d]) : numericLogPdf(dim, k, x[d]);
        }
        terms[k] = s;
      }
      return logSumExp(terms);
    });
  }
}

function sampleNumeric(dim: NumericDim, k: number, rng: Rng): number {
  const { mus, sigmas, lo, hi, spec, step } = dim;
  let t = Math.min(Math.max(mus[k], lo), hi);
  for (let tries = 0; tries < 100; tries++) {
    const v = mus[k] + sigmas[k] * rng.normal();
    if (v >= lo && v <= hi) {
      t = v;
      break;
    }
  }
  let x = spec.log ? Math.exp(t) : t;
  if (step > 0) x = spec.low + Math.round((x - spec.low) / step) * step;
  return Math.min(Math.max(x, spec.low), spec.high);
}

function numericLogPdf(dim: NumericDim, k: number, x: number): number {
  const { mus, sigmas, logZ, spec, step } = dim;
  if (step > 0) {
    const a = transform(spec, x - step / 2);
    const b = transform(spec, x + step / 2);
    const mass = normalMass((a - mus[k]) / sigmas[k], (b - mus[k]) / sigmas[k]);
    return Math.log(Math.max(mass, 1e-300)) - logZ[k];
  }
  const t = transform(spec, x);
  // Density in the transformed space: the Jacobian is the same in l(x) and g(x) and cancels.
  const z = (t - mus[k]) / sigmas[k];
  return -0.5 * z * z - LOG_SQRT_2PI - dim.logZSigma[k];
}
