/**
 * A study storage Optuna opens as it is: Optuna's JournalFileStorage format (JSON lines,
 * appended under Optuna's lock). Appends are whole lines written at once, so a runner killed
 * with SIGKILL leaves a valid file; a torn last line (no newline) is not read.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { DataError, UsageError } from '../errors';
import { withJournalLock } from './lock';
import { PyFloat, pyDumps, pyLoads } from './pyjson';
import { DIRECTION_CODES, type JournalOp, JournalReplay, OP } from './replay';
import { distributionToOptuna, toInternal } from './space';
import type { Direction, ParamSpec, ParamValue, Study, Trial, TrialState } from './types';
import { TRIAL_STATES } from './types';

/** Local time as Python's `datetime.now().isoformat(timespec="microseconds")`. */
export function pythonNow(date = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T` +
    `${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}.${p(date.getMilliseconds(), 3)}000`
  );
}

/** Distribution JSON with floats marked, as Optuna writes it. */
function distributionJson(spec: ParamSpec): string {
  const d = distributionToOptuna(spec);
  if (spec.type === 'float') {
    d.attributes = { step: spec.step === undefined ? null : new PyFloat(spec.step), low: new PyFloat(spec.low), high: new PyFloat(spec.high), log: spec.log ?? false };
  }
  return pyDumps(d);
}

/** An Optuna journal file, replayed into memory and kept up to date before every write. */
export class JournalStorage {
  readonly replay = new JournalReplay();
  private offset = 0;
  private line = 0;
  private readonly prefix = `posthoc-${randomUUID()}`;
  private workers = 0;
  /** Appends from this process go one at a time (the file lock orders processes). */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly file: string) {}

  /** Opens (creating when missing) a journal file. */
  static async open(file: string): Promise<JournalStorage> {
    const storage = new JournalStorage(file);
    try {
      await (await fs.open(file, 'a')).close();
    } catch (e) {
      throw new UsageError(`cannot open the study file ${file}: ${(e as Error).message}`);
    }
    await storage.refresh();
    return storage;
  }

  /** Reads lines appended since the last read (by anyone) and applies them. */
  async refresh(): Promise<void> {
    const handle = await fs.open(this.file, 'r');
    try {
      const { size } = await handle.stat();
      if (size <= this.offset) return;
      const buffer = Buffer.alloc(size - this.offset);
      await handle.read(buffer, 0, buffer.length, this.offset);
      const end = buffer.lastIndexOf(10);
      if (end < 0) return;
      for (const text of buffer.subarray(0, end).toString('utf8').split('\n')) {
        this.line++;
        if (text.trim() === '') continue;
        let op: JournalOp;
        try {
          op = pyLoads(text) as JournalOp;
        } catch {
          throw new DataError(`${this.file}:${this.line}: not a journal line (invalid JSON); is this an Optuna journal file?`);
        }
        this.replay.apply(op);
      }
      this.offset += end + 1;
    } finally {
      await handle.close();
    }
  }

  /** Appends operations (Optuna's lock held, file re-read first so ids stay right). */
  async append(ops: Record<string, unknown>[], worker = this.prefix): Promise<void> {
    const run = this.queue.then(() => this.appendNow(ops, worker));
    this.queue = run.catch(() => undefined);
    await run;
  }

  private async appendNow(ops: Record<string, unknown>[], worker: string): Promise<void> {
    await withJournalLock(this.file, async () => {
      await this.refresh();
      const lines = ops.map((op) => pyDumps({ op_code: op.op_code, worker_id: worker, ...op }) + '\n').join('');
      const handle = await fs.open(this.file, 'a');
      try {
        await handle.write(lines);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await this.refresh();
    });
  }

  /** The study with this name, if any. */
  study(name: string): Study | undefined {
    return this.replay.studyByName(name);
  }

  /** Names of the studies in the file. */
  studyNames(): string[] {
    return [...this.replay.studies.values()].map((s) => s.name);
  }

  /** Loads a study, creating it when missing; a direction that differs from the stored one is an error. */
  async openStudy(name: string, direction: Direction): Promise<Study> {
    const existing = this.replay.studyByName(name);
    if (!existing) await this.append([{ op_code: OP.CREATE_STUDY, study_name: name, directions: [DIRECTION_CODES[direction]] }]);
    const study = this.replay.studyByName(name) as Study & { directions: Direction[] };
    if (study.directions.length !== 1 || study.direction !== direction) {
      throw new UsageError(`study '${name}' in ${this.file} is to ${study.directions.join(', ')}, not ${direction}; use another study name or storage`);
    }
    return study;
  }

  /** Creates a RUNNING trial holding its parameters (one line: no half-made trial survives a kill). */
  async createTrial(study: string, params: Record<string, ParamValue>, space: Readonly<Record<string, ParamSpec>>): Promise<Trial> {
    const record = this.replay.studyByName(study);
    if (!record) throw new DataError(`no study '${study}' in ${this.file}`);
    const worker = `${this.prefix}-${this.workers++}`;
    const internal: Record<string, unknown> = {};
    const distributions: Record<string, string> = {};
    for (const [name, value] of Object.entries(params)) {
      internal[name] = space[name].type === 'categorical' ? toInternal(space[name], value) : new PyFloat(toInternal(space[name], value));
      distributions[name] = distributionJson(space[name]);
    }
    const op = { op_code: OP.CREATE_TRIAL, study_id: (record as { id: number }).id, datetime_start: pythonNow(), distributions, params: internal };
    await this.append([op], worker);
    return this.replay.trials[this.replay.lastTrialOf.get(worker) as number];
  }

  /** Records an intermediate value. */
  async report(trial: Trial, step: number, value: number): Promise<void> {
    await this.append([{ op_code: OP.SET_TRIAL_INTERMEDIATE_VALUE, trial_id: trial.id, step, intermediate_value: new PyFloat(value) }]);
  }

  /** Sets a system attribute (Optuna's `fail_reason`, successive halving's `completed_rung_N`, …). */
  async setSystemAttr(trial: Trial, key: string, value: unknown): Promise<void> {
    await this.append([{ op_code: OP.SET_TRIAL_SYSTEM_ATTR, trial_id: trial.id, system_attr: { [key]: value } }]);
  }

  /** Sets a user attribute. */
  async setUserAttr(trial: Trial, key: string, value: unknown): Promise<void> {
    await this.append([{ op_code: OP.SET_TRIAL_USER_ATTR, trial_id: trial.id, user_attr: { [key]: value } }]);
  }

  /** Finishes a trial; `attrs` (system attributes) are written first, in the same append. */
  async finish(trial: Trial, state: Exclude<TrialState, 'RUNNING' | 'WAITING'>, value: number | undefined, attrs: Record<string, unknown> = {}): Promise<void> {
    const ops: Record<string, unknown>[] = Object.entries(attrs).map(([k, v]) => ({ op_code: OP.SET_TRIAL_SYSTEM_ATTR, trial_id: trial.id, system_attr: { [k]: v } }));
    ops.push({
      op_code: OP.SET_TRIAL_STATE_VALUES,
      trial_id: trial.id,
      state: TRIAL_STATES.indexOf(state),
      values: value === undefined ? null : [new PyFloat(value)],
      datetime_complete: pythonNow(),
    });
    await this.append(ops);
  }

  /** Whether Posthoc (any run of it) created this trial. */
  createdByPosthoc(trial: Trial): boolean {
    return this.replay.creator[trial.id]?.startsWith('posthoc-') ?? false;
  }
}
