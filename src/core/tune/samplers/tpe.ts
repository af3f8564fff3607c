/**
 * Tree-structured Parzen Estimator, with Optuna's defaults: 10 random start-up trials, 24
 * expected-improvement candidates, gamma(n) = min(ceil(0.1 n), 25), prior weight 1, magic
 * clip, endpoints not considered, older trials down-weighted past 25. Pruned trials count as
 * worse than every complete one (deeper and better intermediate values rank higher).
 */
import type { Rng } from '../rng';
import { sameChoice } from '../space';
import type { Direction, ParamSpec, ParamValue, Trial } from '../types';
import { ParzenEstimator } from './parzen';
import { type SampleContext, type Sampler, sampleUniform, suggestInOrder } from './sampler';

/** TPE options; every one has Optuna's default. */
export interface TpeOptions {
  startupTrials?: number;
  eiCandidates?: number;
  multivariate?: boolean;
  priorWeight?: number;
}

/** gamma(n) = min(ceil(0.1 n), 25): how many of n observations form the "good" group. */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** Weights 1 for the latest 25 observations; linearly ramped from 1/n for older ones. */
export function defaultWeights(n: number): number[] {
  if (n === 0) return [];
  if (n < 25) return new Array<number>(n).fill(1);
  const ramp = n - 25;
  const out: number[] = [];
  for (let i = 0; i < ramp; i++) out.push(ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1));
  for (let i = 0; i < 25; i++) out.push(1);
  return out;
}

/** Sort key of a finished trial: smaller is better. */
function rankKey(t: Trial, direction: Direction): [number, number, number] {
  const sign = direction === 'minimize' ? 1 : -1;
  if (t.state === 'COMPLETE') return [0, 0, sign * (t.value ?? Infinity)];
  let step = -1;
  for (const s of t.intermediate.keys()) if (s > step) step = s;
  const v = step >= 0 ? (t.intermediate.get(step) as number) : NaN;
  return [1, -step, Number.isNaN(v) ? Infinity : sign * v];
}

/** Splits finished trials into the better (`below`) and the rest (`above`), each in trial order. */
export function splitTrials(trials: readonly Trial[], direction: Direction): { below: Trial[]; above: Trial[] } {
  const keyed = trials.map((t) => ({ t, k: rankKey(t, direction) }));
  keyed.sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || a.t.number - b.t.number);
  const n = defaultGamma(trials.length);
  const byNumber = (a: Trial, b: Trial) => a.number - b.number;
  const ranked = keyed.map((x) => x.t);
  return { below: ranked.slice(0, n).sort(byNumber), above: ranked.slice(n).sort(byNumber) };
}

function encode(spec: ParamSpec, v: ParamValue): number {
  return spec.type === 'categorical' ? spec.choices.findIndex((c) => sameChoice(c, v)) : Number(v);
}

function decode(spec: ParamSpec, x: number): ParamValue {
  return spec.type === 'categorical' ? spec.choices[x] : spec.type === 'int' ? Math.round(x) : x;
}

/** The TPE sampler. */
export class TpeSampler implements Sampler {
  readonly name = 'tpe';
  private readonly startup: number;
  private readonly candidates: number;
  private readonly multivariate: boolean;
  private readonly priorWeight: number;

  constructor(options: TpeOptions = {}) {
    this.startup = options.startupTrials ?? 10;
    this.candidates = options.eiCandidates ?? 24;
    this.multivariate = options.multivariate ?? false;
    this.priorWeight = options.priorWeight ?? 1;
  }

  sample(ctx: SampleContext): Record<string, ParamValue> {
    const finished = ctx.trials.filter((t) => t.state === 'COMPLETE' || t.state === 'PRUNED');
    if (finished.length < this.startup) return suggestInOrder(ctx.space, (_n, spec) => sampleUniform(spec, ctx.rng));
    let preset: Record<string, ParamValue> = {};
    // Most parameters are held by every trial: split once, reuse for each of them.
    const whole = splitTrials(finished, ctx.direction);
    if (this.multivariate) {
      const joint = Object.entries(ctx.space).filter(([, s]) => !s.when);
      if (joint.length > 0) preset = this.sampleJoint(joint, finished, whole, ctx.direction, ctx.rng);
    }
    return suggestInOrder(ctx.space, (name, spec) => this.sampleJoint([[name, spec]], finished, whole, ctx.direction, ctx.rng)[name], preset);
  }

  /** Samples parameters jointly (one kernel per trial across them) from the trials holding them all. */
  private sampleJoint(
    params: [string, ParamSpec][],
    finished: readonly Trial[],
    whole: { below: Trial[]; above: Trial[] },
    direction: Direction,
    rng: Rng,
  ): Record<string, ParamValue> {
    const names = params.map(([n]) => n);
    const specs = params.map(([, s]) => s);
    // Trials holding every parameter with a value the current distribution can take.
    const usable = (spec: ParamSpec, v: ParamValue) => {
      const x = encode(spec, v);
      return spec.type === 'categorical' ? x >= 0 : Number.isFinite(x) && x >= spec.low && x <= spec.high;
    };
    const holding = finished.filter((t) => names.every((n, d) => n in t.params && usable(specs[d], t.params[n])));
    const { below, above } = holding.length === finished.length ? whole : splitTrials(holding, direction);
    const rows = (ts: Trial[]) => ts.map((t) => names.map((n, d) => encode(specs[d], t.params[n])));
    const options = { priorWeight: this.priorWeight, multivariate: params.length > 1 };
    const l = new ParzenEstimator(specs, rows(below), defaultWeights(below.length), options);
    const g = new ParzenEstimator(specs, rows(above), defaultWeights(above.length), options);
    const candidates = l.sample(rng, this.candidates);
    const ll = l.logPdf(candidates);
    const lg = g.logPdf(candidates);
    let best = 0;
    for (let i = 1; i < candidates.length; i++) if (ll[i] - lg[i] > ll[best] - lg[best]) best = i;
    const out: Record<string, ParamValue> = {};
    names.forEach((n, d) => (out[n] = decode(specs[d], candidates[best][d])));
    return out;
  }
}

