/**
 * KL confidence bounds for Bernoulli means and KL-LUCB best-arm identification (Kaufmann &
 * Kalyanakrishnan, 2013), as Anchors uses them to compare candidate rules by precision.
 */

const TINY = 1e-15;

/** KL(Ber(p) ‖ Ber(q)) = p log(p/q) + (1−p) log((1−p)/(1−q)), with 0·log 0 = 0 and q kept off {0, 1}. */
export function klBernoulli(p: number, q: number): number {
  q = Math.min(Math.max(q, TINY), 1 - TINY);
  const a = p <= 0 ? 0 : p * Math.log(p / q);
  const b = p >= 1 ? 0 : (1 - p) * Math.log((1 - p) / (1 - q));
  return a + b;
}

/** Largest q ≥ p with KL(p, q) ≤ level (bisection; KL(p, ·) increases on [p, 1]). */
export function klUpperBound(p: number, level: number): number {
  if (p >= 1) return 1;
  if (klBernoulli(p, 1) <= level) return 1;
  let lo = p;
  let hi = 1;
  for (let i = 0; i < 100 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (klBernoulli(p, mid) > level) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** Smallest q ≤ p with KL(p, q) ≤ level (bisection; KL(p, ·) decreases on [0, p]). */
export function klLowerBound(p: number, level: number): number {
  if (p <= 0) return 0;
  if (klBernoulli(p, 0) <= level) return 0;
  let lo = 0;
  let hi = p;
  for (let i = 0; i < 100 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (klBernoulli(p, mid) > level) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Samples drawn and successes seen for one arm. */
export interface ArmStats {
  n: number;
  positives: number;
}

/** The search settings every Anchors flavour shares (tabular rules, image superpixels). */
export interface AnchorSearchOptions {
  /** Precision threshold τ (default 0.95). */
  threshold?: number;
  /** Error probability δ (default 0.1). */
  delta?: number;
  /** KL-LUCB tolerance ε (default 0.15). */
  epsilon?: number;
  /** Samples per candidate per draw (default 10). */
  batchSize?: number;
  /** Candidates kept per anchor size (default 2). */
  beamSize?: number;
  /** Largest anchor tried (default: all predicates). */
  maxAnchorSize?: number;
  /** Samples at most per candidate when deciding its precision against τ (default 2000). */
  maxSamples?: number;
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** Options of {@link klLucb}. */
export interface KlLucbOptions {
  /** Error probability δ. */
  delta: number;
  /** Tolerance ε: stop when the best excluded arm's UCB is within ε of the worst included arm's LCB. */
  epsilon: number;
  /** Safety cap on rounds. */
  maxRounds?: number;
}

/** Exploration rate β(t) = log(k·K·t^α / δ) with k = 405.5, α = 1.1 (Kaufmann & Kalyanakrishnan). */
export function lucbBeta(nArms: number, t: number, delta: number): number {
  return Math.log((405.5 * nArms * t ** 1.1) / delta);
}

/**
 * Identifies (ε, δ)-approximately the `top` arms with the highest means. Every arm must already
 * have samples. `pull(arms)` draws one more batch for each listed arm (one call, so the caller
 * can batch the model evaluations). Returns the chosen arm indices, best first.
 */
export async function klLucb(arms: ArmStats[], top: number, pull: (which: number[]) => Promise<void>, opts: KlLucbOptions): Promise<number[]> {
  const k = arms.length;
  const mean = (a: number): number => arms[a].positives / Math.max(1, arms[a].n);
  const byMean = (): number[] => Array.from({ length: k }, (_, i) => i).sort((a, b) => mean(b) - mean(a) || a - b);
  if (k <= top) return byMean();
  const maxRounds = opts.maxRounds ?? 1000;
  for (let t = 1; t <= maxRounds; t++) {
    const order = byMean();
    const beta = lucbBeta(k, t, opts.delta);
    let lt = -1;
    let lb = Infinity;
    for (const a of order.slice(0, top)) {
      const v = klLowerBound(mean(a), beta / arms[a].n);
      if (v < lb) [lb, lt] = [v, a];
    }
    let ut = -1;
    let ub = -Infinity;
    for (const a of order.slice(top)) {
      const v = klUpperBound(mean(a), beta / arms[a].n);
      if (v > ub) [ub, ut] = [v, a];
    }
    if (ub - lb < opts.epsilon) break;
    await pull([ut, lt]);
  }
  return byMean().slice(0, top);
}
