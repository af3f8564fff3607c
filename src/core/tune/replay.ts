/**
 * Replaying Optuna's journal (JournalStorage, Optuna 3.1): each line is one operation. The
 * rules follow Optuna's observed behaviour: study and trial ids are sequential over the file,
 * a trial's number counts within its study, a study name given twice keeps the first, and
 * updates to finished trials or deleted studies are ignored.
 */
import { distributionFromOptuna, toExternal } from './space';
import { type Direction, type Study, type Trial, TRIAL_STATES } from './types';

/** Optuna's JournalOperation codes. */
export const OP = {
  CREATE_STUDY: 0,
  DELETE_STUDY: 1,
  SET_STUDY_USER_ATTR: 2,
  SET_STUDY_SYSTEM_ATTR: 3,
  CREATE_TRIAL: 4,
  SET_TRIAL_PARAM: 5,
  SET_TRIAL_STATE_VALUES: 6,
  SET_TRIAL_INTERMEDIATE_VALUE: 7,
  SET_TRIAL_USER_ATTR: 8,
  SET_TRIAL_SYSTEM_ATTR: 9,
} as const;

/** Optuna's StudyDirection numbers. */
export const DIRECTION_CODES: Record<Direction, number> = { minimize: 1, maximize: 2 };

/** One journal line. */
export type JournalOp = Record<string, unknown> & { op_code: number; worker_id: string };

interface StudyRecord extends Study {
  id: number;
  directions: Direction[];
  systemAttrs: Record<string, unknown>;
}

/** The state a journal replays into. */
export class JournalReplay {
  readonly studies = new Map<number, StudyRecord>();
  readonly trials: Trial[] = [];
  readonly studyOfTrial: number[] = [];
  /** Who created each trial (worker_id), by trial id: Posthoc's trials are recognisable. */
  readonly creator: string[] = [];
  /** The last trial each worker created. */
  readonly lastTrialOf = new Map<string, number>();
  private nextStudyId = 0;

  /** The live (not deleted) study with this name. */
  studyByName(name: string): StudyRecord | undefined {
    for (const s of this.studies.values()) if (s.name === name) return s;
    return undefined;
  }

  private updatable(id: unknown): Trial | undefined {
    const t = typeof id === 'number' ? this.trials[id] : undefined;
    if (!t || t.state === 'COMPLETE' || t.state === 'PRUNED' || t.state === 'FAIL') return undefined;
    return this.studies.has(this.studyOfTrial[t.id]) ? t : undefined;
  }

  /** Applies one operation. Unknown op codes are skipped (a newer Optuna's additions). */
  apply(op: JournalOp): void {
    switch (op.op_code) {
      case OP.CREATE_STUDY: {
        const name = String(op.study_name);
        if (this.studyByName(name)) return;
        const directions = (op.directions as number[]).map((d): Direction => (d === 2 ? 'maximize' : 'minimize'));
        const id = this.nextStudyId++;
        this.studies.set(id, { id, name, direction: directions[0], directions, trials: [], userAttrs: {}, systemAttrs: {} });
        return;
      }
      case OP.DELETE_STUDY:
        this.studies.delete(op.study_id as number);
        return;
      case OP.SET_STUDY_USER_ATTR:
      case OP.SET_STUDY_SYSTEM_ATTR: {
        const s = this.studies.get(op.study_id as number);
        if (!s) return;
        if (op.op_code === OP.SET_STUDY_USER_ATTR) Object.assign(s.userAttrs, op.user_attr);
        else Object.assign(s.systemAttrs, op.system_attr);
        return;
      }
      case OP.CREATE_TRIAL:
        return this.createTrial(op);
      case OP.SET_TRIAL_PARAM: {
        const t = this.updatable(op.trial_id);
        if (!t) return;
        const spec = distributionFromOptuna(op.distribution as string);
        t.distributions[op.param_name as string] = spec;
        t.params[op.param_name as string] = toExternal(spec, op.param_value_internal as number);
        return;
      }
      case OP.SET_TRIAL_STATE_VALUES: {
        const t = this.updatable(op.trial_id);
        if (!t) return;
        const state = TRIAL_STATES[op.state as number] ?? 'FAIL';
        if (state === 'RUNNING') t.start = op.datetime_start as string;
        else t.complete = op.datetime_complete as string | undefined;
        t.state = state;
        if (Array.isArray(op.values)) t.value = op.values[0] as number;
        return;
      }
      case OP.SET_TRIAL_INTERMEDIATE_VALUE: {
        const t = this.updatable(op.trial_id);
        if (t) t.intermediate.set(op.step as number, op.intermediate_value as number);
        return;
      }
      case OP.SET_TRIAL_USER_ATTR:
      case OP.SET_TRIAL_SYSTEM_ATTR: {
        const t = this.updatable(op.trial_id);
        if (!t) return;
        if (op.op_code === OP.SET_TRIAL_USER_ATTR) Object.assign(t.userAttrs, op.user_attr);
        else Object.assign(t.systemAttrs, op.system_attr);
        return;
      }
    }
  }

  private createTrial(op: JournalOp): void {
    const study = this.studies.get(op.study_id as number);
    if (!study) return;
    const id = this.trials.length;
    const distributions: Trial['distributions'] = {};
    for (const [k, v] of Object.entries((op.distributions ?? {}) as Record<string, string>)) distributions[k] = distributionFromOptuna(v);
    const params: Trial['params'] = {};
    for (const [k, v] of Object.entries((op.params ?? {}) as Record<string, number>)) params[k] = toExternal(distributions[k], v);
    const values = op.values as number[] | null | undefined;
    const intermediate = new Map<number, number>();
    for (const [k, v] of Object.entries((op.intermediate_values ?? {}) as Record<string, number>)) intermediate.set(Number(k), v);
    const trial: Trial = {
      id,
      number: study.trials.length,
      state: TRIAL_STATES[(op.state as number | undefined) ?? 0] ?? 'FAIL',
      value: Array.isArray(values) ? values[0] : ((op.value as number | null | undefined) ?? undefined),
      params,
      distributions,
      intermediate,
      userAttrs: { ...((op.user_attrs ?? {}) as Record<string, unknown>) },
      systemAttrs: { ...((op.system_attrs ?? {}) as Record<string, unknown>) },
      start: (op.datetime_start as string | null | undefined) ?? undefined,
      complete: (op.datetime_complete as string | undefined) ?? undefined,
    };
    this.trials.push(trial);
    this.studyOfTrial.push(study.id);
    this.creator.push(op.worker_id);
    this.lastTrialOf.set(op.worker_id, id);
    study.trials.push(trial);
  }
}
