/**
 * Pruners decide, after each intermediate value, whether a running trial should stop.
 * Median (Optuna's MedianPruner defaults: 5 start-up trials, 0 warm-up steps, interval 1) and
 * successive halving (ASHA; min resource 1, reduction factor 4, min early-stopping rate 0).
 */
import type { Direction, PrunerSpec, Trial } from './types';

/** What a pruner sees: the trial (with its latest value recorded) and the study's trials. */
export interface PruneContext {
  trial: Trial;
  step: number;
  trials: readonly Trial[];
  direction: Direction;
  /** Records a system attribute on the trial (stored, so successive halving survives a resume). */
  setSystemAttr: (key: string, value: unknown) => void;
}

/** A pruner. */
export interface Pruner {
  shouldPrune(ctx: PruneContext): boolean;
}

function better(direction: Direction, a: number, b: number): boolean {
  return direction === 'minimize' ? a < b : a > b;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Prunes a trial whose best value so far is worse than the median of finished trials at that step. */
export class MedianPruner implements Pruner {
  constructor(
    private readonly startupTrials = 5,
    private readonly warmupSteps = 0,
    private readonly intervalSteps = 1,
  ) {}

  shouldPrune({ trial, step, trials, direction }: PruneContext): boolean {
    const completed = trials.filter((t) => t.state === 'COMPLETE');
    if (completed.length < this.startupTrials) return false;
    if (step < this.warmupSteps || (step - this.warmupSteps) % this.intervalSteps !== 0) return false;
    let best = NaN;
    for (const v of trial.intermediate.values()) {
      if (!Number.isNaN(v) && (Number.isNaN(best) || better(direction, v, best))) best = v;
    }
    if (Number.isNaN(best)) return true;
    const others = completed.map((t) => t.intermediate.get(step)).filter((v): v is number => v !== undefined && !Number.isNaN(v));
    if (others.length === 0) return false;
    return better(direction, median(others), best);
  }
}

/** Asynchronous successive halving: at each rung only the top 1/reductionFactor go on. */
export class SuccessiveHalvingPruner implements Pruner {
  constructor(
    private readonly minResource = 1,
    private readonly reductionFactor = 4,
    private readonly minEarlyStoppingRate = 0,
  ) {}

  shouldPrune({ trial, step, trials, direction, setSystemAttr }: PruneContext): boolean {
    const value = trial.intermediate.get(step);
    if (value === undefined) return false;
    let rung = 0;
    while (`completed_rung_${rung}` in trial.systemAttrs) rung++;
    for (;;) {
      const promotionStep = this.minResource * this.reductionFactor ** (this.minEarlyStoppingRate + rung);
      if (step < promotionStep) return false;
      if (Number.isNaN(value)) return true;
      const key = `completed_rung_${rung}`;
      setSystemAttr(key, value);
      const competing = trials.map((t) => (t.id === trial.id ? value : t.systemAttrs[key])).filter((v): v is number => typeof v === 'number');
      if (!promotable(value, competing, this.reductionFactor, direction)) return true;
      rung++;
    }
  }
}

function promotable(value: number, competing: number[], factor: number, direction: Direction): boolean {
  const sorted = [...competing].sort((a, b) => a - b);
  if (direction === 'maximize') sorted.reverse();
  let index = Math.floor(sorted.length / factor) - 1;
  if (index < 0) index = 0;
  return direction === 'minimize' ? value <= sorted[index] : value >= sorted[index];
}

/** The pruner for a spec, or undefined for none. */
export function createPruner(spec: PrunerSpec): Pruner | undefined {
  switch (spec.type) {
    case 'none':
      return undefined;
    case 'median':
      return new MedianPruner(spec.startupTrials, spec.warmupSteps, spec.intervalSteps);
    case 'halving':
      return new SuccessiveHalvingPruner(spec.minResource, spec.reductionFactor);
  }
}
