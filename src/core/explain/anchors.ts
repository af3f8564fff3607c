/**
 * Anchors for tabular data (Ribeiro, Singh & Guestrin, 2018): a rule over quartile-bin
 * predicates that "anchors" the prediction — with the rule's features held, the model predicts
 * the same class with precision ≥ τ. Beam search grows rules one predicate at a time; KL-LUCB
 * picks the most precise candidates with few model calls; a rule is accepted when its KL lower
 * confidence bound reaches τ, and among accepted rules of the same size the widest
 * (highest coverage) wins.
 *
 * Predicates per feature are the quartile bin holding x and, when that bin is an inner one,
 * the two half-lines through it ("age <= 52", "age > 40"), which cover more data.
 * Samples for a rule: a random data row, with the anchored features copied from a random data
 * row satisfying the rule (x itself if none does).
 */
import { UsageError } from '../errors';
import { Rng } from '../metrics/rng';
import { checkOutput, predictChecked } from './batch';
import { binOf, MISSING_BIN, quartileDiscretizer, rangeCondition, type Discretizer } from './discretize';
import { klLowerBound, klLucb, klUpperBound, type AnchorSearchOptions, type ArmStats } from './klLucb';
import type { Matrix } from './matrix';
import type { AnchorExplanation, AnchorsResult, ExplainableModel } from './types';

/** Options of {@link anchorsTabular}. */
export interface AnchorsOptions extends AnchorSearchOptions {
  /** Data to discretise, sample from, and measure coverage on. */
  data: Matrix;
  /** Examples of each kind reported (default 5). */
  nExamples?: number;
  rowIds?: number[];
}

interface Predicate {
  feature: number;
  lo: number;
  hi: number;
}

interface Rule extends ArmStats {
  preds: number[];
  /** Data rows satisfying the rule. */
  rows: number[];
  matches: number[][];
  misses: number[][];
}

/** Class index of one output row: argmax, or p > 0.5 for a single output. */
function classOf(out: Float64Array, off: number, k: number): number {
  if (k === 1) return out[off] > 0.5 ? 1 : 0;
  let best = 0;
  for (let c = 1; c < k; c++) if (out[off + c] > out[off + best]) best = c;
  return best;
}

/** Candidate predicates of a row: its bin and the half-lines through an inner bin. */
function predicatesOf(disc: Discretizer, x: Float64Array): Predicate[] {
  const preds: Predicate[] = [];
  disc.edges.forEach((edges, j) => {
    const b = binOf(edges, x[j]);
    const last = edges.length;
    if (b === MISSING_BIN) return void preds.push({ feature: j, lo: MISSING_BIN, hi: MISSING_BIN });
    const seen = new Set<string>();
    for (const [lo, hi] of [[b, b], [0, b], [b, last]]) {
      if ((lo === 0 && hi === last) || seen.has(`${lo},${hi}`)) continue;
      seen.add(`${lo},${hi}`);
      preds.push({ feature: j, lo, hi });
    }
  });
  return preds;
}

/** Anchors for each row of `xs`, for the class the model predicts for it. */
export async function anchorsTabular(model: ExplainableModel, xs: Matrix, opts: AnchorsOptions): Promise<AnchorsResult> {
  const m = model.featureNames.length;
  const { data } = opts;
  if (xs.nCols !== m || data.nCols !== m) throw new UsageError(`The rows have ${xs.nCols} and the data ${data.nCols} features; the model has ${m}.`);
  if (data.nRows === 0) throw new UsageError('Anchors needs data to sample from; the data has no rows.');
  const tau = opts.threshold ?? 0.95;
  const delta = opts.delta ?? 0.1;
  const batch = opts.batchSize ?? 10;
  const beam = opts.beamSize ?? 2;
  const maxSize = Math.min(m, opts.maxAnchorSize ?? m);
  const maxSamples = opts.maxSamples ?? 2000;
  const nExamples = opts.nExamples ?? 5;
  const disc = quartileDiscretizer(data);
  const result: AnchorsResult = { method: 'anchors', feature_names: [...model.featureNames], anchors: [] };
  const own = xs.nRows ? await predictChecked(model.predict, xs.data, xs.nRows, opts.signal) : { out: new Float64Array(0), nOutputs: 1 };
  if (xs.nRows) checkOutput(0, own.nOutputs, model.outputNames);
  const className = (c: number): string => (own.nOutputs === 1 ? (c === 1 ? model.outputNames[0] : `not ${model.outputNames[0]}`) : model.outputNames[c] ?? String(c));

  for (let r = 0; r < xs.nRows; r++) {
    const x = xs.data.subarray(r * m, (r + 1) * m);
    const target = classOf(own.out, r * own.nOutputs, own.nOutputs);
    const rng = new Rng((opts.seed ?? 0) * 1_000_003 + (opts.rowIds?.[r] ?? r));
    const preds = predicatesOf(disc, x);
    const holds = (p: Predicate, row: number): boolean => {
      const b = disc.bins[row * m + p.feature];
      return p.lo === MISSING_BIN ? b === MISSING_BIN : b >= p.lo && b <= p.hi;
    };
    const makeRule = (ps: number[], parentRows?: number[]): Rule => {
      const base = parentRows ?? Array.from({ length: data.nRows }, (_, i) => i);
      return { preds: ps, rows: base.filter((row) => ps.every((p) => holds(preds[p], row))), n: 0, positives: 0, matches: [], misses: [] };
    };
    /** Draws `count` samples for each rule in one model call. */
    const sample = async (rules: Rule[], count: number): Promise<void> => {
      const buf = new Float64Array(rules.length * count * m);
      rules.forEach((rule, a) => {
        const feats = rule.preds.map((p) => preds[p].feature);
        for (let s = 0; s < count; s++) {
          const off = (a * count + s) * m;
          const from = rng.nextInt(data.nRows) * m;
          buf.set(data.data.subarray(from, from + m), off);
          const src = rule.rows.length ? data.data.subarray(rule.rows[rng.nextInt(rule.rows.length)] * m) : x;
          for (const j of feats) buf[off + j] = src[j];
        }
      });
      const { out, nOutputs } = await predictChecked(model.predict, buf, rules.length * count, opts.signal);
      rules.forEach((rule, a) => {
        for (let s = 0; s < count; s++) {
          const row = a * count + s;
          const ok = classOf(out, row * nOutputs, nOutputs) === target;
          rule.n++;
          if (ok) rule.positives++;
          const list = ok ? rule.matches : rule.misses;
          if (list.length < nExamples) list.push(Array.from(buf.subarray(row * m, (row + 1) * m)));
        }
      });
    };
    /** Samples until each rule's precision is decided; returns those with LCB ≥ τ. */
    const valid = async (rules: Rule[]): Promise<Rule[]> => {
      const beta = Math.log((1 + (beam - 1) * m) / delta);
      const undecided = (rule: Rule): boolean => {
        const p = rule.positives / rule.n;
        return rule.n < maxSamples && klLowerBound(p, beta / rule.n) < tau && klUpperBound(p, beta / rule.n) >= tau;
      };
      for (let open = rules.filter(undecided); open.length; open = open.filter(undecided)) await sample(open, batch);
      return rules.filter((rule) => klLowerBound(rule.positives / rule.n, beta / rule.n) >= tau);
    };

    let best = makeRule([]);
    await sample([best], batch);
    let accepted = await valid([best]);
    let beamRules: Rule[] = [best];
    for (let size = 1; size <= maxSize && accepted.length === 0; size++) {
      const seen = new Set<string>();
      const candidates: Rule[] = [];
      for (const parent of beamRules) {
        const used = new Set(parent.preds.map((p) => preds[p].feature));
        preds.forEach((p, i) => {
          if (used.has(p.feature)) return;
          const ps = [...parent.preds, i].sort((a, b) => a - b);
          if (seen.has(ps.join())) return;
          seen.add(ps.join());
          candidates.push(makeRule(ps, parent.rows));
        });
      }
      if (candidates.length === 0) break;
      await sample(candidates, batch);
      const chosen = await klLucb(candidates, beam, (which) => sample(which.map((i) => candidates[i]), batch), { delta, epsilon: opts.epsilon ?? 0.15 });
      beamRules = chosen.map((i) => candidates[i]);
      accepted = await valid(beamRules);
      for (const rule of beamRules) if (rule.positives / rule.n > best.positives / best.n) best = rule;
      opts.onProgress?.((r + size / maxSize) / xs.nRows);
    }
    const rule = accepted.sort((a, b) => b.rows.length - a.rows.length)[0] ?? best;
    const anchor: AnchorExplanation = {
      row: opts.rowIds?.[r] ?? r,
      rule: rule.preds.map((i) => rangeCondition(model.featureNames[preds[i].feature], disc.edges[preds[i].feature], preds[i].lo, preds[i].hi)),
      precision: rule.positives / rule.n,
      coverage: rule.rows.length / data.nRows,
      prediction: className(target),
      covered_examples: rule.matches.map((row) => row.map((v) => (Number.isNaN(v) ? null : v))),
      uncovered_examples: rule.misses.map((row) => row.map((v) => (Number.isNaN(v) ? null : v))),
    };
    result.anchors.push(anchor);
    opts.onProgress?.((r + 1) / xs.nRows);
  }
  return result;
}
