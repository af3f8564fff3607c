/**
 * Reads studies from Optuna's RDB storage in SQLite (`sqlite:///file.db`, Optuna 3.x schema),
 * read-only: the file is loaded into memory with sql.js (SQLite compiled to WebAssembly) and never
 * written back. Categorical parameters are stored by Optuna as indices into the choices of the
 * distribution kept beside them (trial_params.distribution_json); they are decoded here.
 */
import { closeSync, existsSync, promises as fs, openSync, readSync } from 'node:fs';
import * as path from 'node:path';
import { DataError, listNames, UsageError } from '../errors';
import { distributionFromOptuna, toExternal } from './space';
import type { Direction, ParamSpec, ParamValue, Study, Trial, TrialState } from './types';
import { TRIAL_STATES } from './types';

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** The part of sql.js this module uses (the package ships no typings). */
interface SqlDatabase {
  exec(sql: string, params?: unknown[]): { columns: string[]; values: unknown[][] }[];
  close(): void;
}
interface SqlJs {
  Database: new (data: Uint8Array) => SqlDatabase;
}
type InitSqlJs = (config: { wasmBinary: Uint8Array }) => Promise<SqlJs>;

let engine: Promise<SqlJs> | undefined;

/**
 * sql-wasm.wasm: beside the bundle (scripts/build.mjs copies it into dist/, which the VSIX ships),
 * else from node_modules (running from sources under tsx).
 */
function wasmFile(): string {
  const beside = path.join(__dirname, 'sql-wasm.wasm');
  if (existsSync(beside)) return beside;
  // Not a literal: esbuild would otherwise warn that it cannot bundle a resolved path.
  return require.resolve(['sql.js', 'dist', 'sql-wasm.wasm'].join('/'));
}

/** Loads sql.js once per process; the wasm is read by us so no loader has to find it. */
function sqlJs(): Promise<SqlJs> {
  engine ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const init = require('sql.js') as InitSqlJs;
    return init({ wasmBinary: await fs.readFile(wasmFile()) });
  })();
  engine.catch(() => (engine = undefined));
  return engine;
}

/** Whether a file starts with SQLite's header (false when it is missing or unreadable). */
export async function isSqliteFile(file: string): Promise<boolean> {
  try {
    const handle = await fs.open(file, 'r');
    try {
      const head = Buffer.alloc(16);
      const { bytesRead } = await handle.read(head, 0, 16, 0);
      return bytesRead === 16 && head.toString('latin1') === SQLITE_MAGIC;
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

/** {@link isSqliteFile}, synchronously (for URL checks that must stay synchronous). */
export function isSqliteFileSync(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === SQLITE_MAGIC;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The file of an SQLAlchemy SQLite URL: `sqlite:///rel.db` is relative (to `baseDir`) and
 * `sqlite:////abs.db` absolute, as in SQLAlchemy. `sqlite:///abs/x.db` written for an absolute
 * path still works when no such relative file exists but the absolute one does.
 */
export function sqlitePath(url: string, baseDir = process.cwd()): string {
  const m = /^sqlite(?:\+\w+)?:\/\/(.*)$/i.exec(url);
  if (!m) throw new UsageError(`storage '${url}' is not an SQLite URL; e.g. sqlite:///studies.db`);
  const rest = m[1].replace(/\?.*$/, '');
  if (!rest.startsWith('/') || rest === '/' || rest === '/:memory:') {
    throw new UsageError(`storage '${url}' names no database file; e.g. sqlite:///studies.db (relative) or sqlite:////abs/path/studies.db`);
  }
  const file = path.resolve(baseDir, rest.slice(1));
  if (!existsSync(file) && existsSync(rest)) return rest;
  return file;
}

type Row = Record<string, unknown>;

function rows(db: SqlDatabase, sql: string, params: unknown[] = []): Row[] {
  const out: Row[] = [];
  for (const r of db.exec(sql, params)) for (const v of r.values) out.push(Object.fromEntries(r.columns.map((c, i) => [c, v[i]])));
  return out;
}

/** Tables Optuna 3.x creates that a study is read from. */
const TABLES = ['studies', 'study_directions', 'study_user_attributes', 'trials', 'trial_params', 'trial_values', 'trial_intermediate_values', 'trial_user_attributes', 'trial_system_attributes'];

/** Optuna's stored float: finite in the value column; infinities and NaN by their type column. */
function storedFloat(value: unknown, type: unknown): number {
  if (type === 'INF_POS') return Infinity;
  if (type === 'INF_NEG') return -Infinity;
  if (type === 'NAN' || value === null) return NaN;
  return Number(value);
}

function parseJson(text: unknown): unknown {
  try {
    return JSON.parse(String(text).replace(/\bNaN\b|-?Infinity\b/g, 'null'));
  } catch {
    return text;
  }
}

/** Optuna's datetime ("YYYY-MM-DD HH:MM:SS.ffffff") in the journal's ISO form. */
const isoTime = (v: unknown): string | undefined => (typeof v === 'string' ? v.replace(' ', 'T') : undefined);

/** An Optuna SQLite storage opened read-only (an in-memory copy of the file). */
export class SqliteStudyReader {
  private constructor(
    readonly file: string,
    private readonly db: SqlDatabase,
  ) {}

  /**
   * Opens `file`.
   * @throws UsageError when it is missing; DataError when it is not SQLite or not Optuna's schema.
   */
  static async open(file: string): Promise<SqliteStudyReader> {
    if (!existsSync(file)) throw new UsageError(`no SQLite study file at ${file} (for an absolute path write sqlite:////abs/path.db, as SQLAlchemy does)`);
    const bytes = await fs.readFile(file);
    if (bytes.length > 0 && bytes.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
      throw new DataError(`${file} is not an SQLite database (no SQLite header); give an Optuna SQLite storage or a journal file (journal:PATH.log)`);
    }
    const { Database } = await sqlJs();
    const db = new Database(bytes);
    let tables: Set<string>;
    try {
      tables = new Set(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r.name)));
    } catch (e) {
      db.close();
      throw new DataError(`${file} cannot be read as SQLite: ${(e as Error).message}`);
    }
    const missing = TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) {
      db.close();
      throw new DataError(
        `${file} is not an Optuna 3.x storage: table${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing` +
          (tables.has('studies') ? ' (an older Optuna schema? upgrade it with `optuna storage upgrade --storage sqlite:///FILE`)' : ''),
      );
    }
    return new SqliteStudyReader(file, db);
  }

  /** Names of the studies, in creation order. */
  studyNames(): string[] {
    return rows(this.db, 'SELECT study_name FROM studies ORDER BY study_id').map((r) => String(r.study_name));
  }

  /** Frees the in-memory copy. */
  close(): void {
    this.db.close();
  }

  /** The study with this name, or undefined. Multi-objective studies are refused. */
  study(name: string): Study | undefined {
    const [s] = rows(this.db, 'SELECT study_id FROM studies WHERE study_name = ?', [name]);
    if (!s) return undefined;
    const id = s.study_id;
    const directions = rows(this.db, 'SELECT direction FROM study_directions WHERE study_id = ? ORDER BY objective', [id]).map((r) => String(r.direction).toLowerCase());
    if (directions.length !== 1) {
      throw new DataError(`study '${name}' in ${this.file} has ${directions.length} objectives; Posthoc reads single-objective studies only`);
    }
    const direction = directions[0] as Direction;
    if (direction !== 'minimize' && direction !== 'maximize') throw new DataError(`study '${name}' in ${this.file} has no direction set (${directions[0]})`);
    const byId = new Map<number, Trial>();
    const trials: Trial[] = [];
    for (const r of rows(this.db, 'SELECT trial_id, number, state, datetime_start, datetime_complete FROM trials WHERE study_id = ? ORDER BY number', [id])) {
      const state = String(r.state) as TrialState;
      if (!TRIAL_STATES.includes(state)) throw new DataError(`trial ${r.number} of '${name}' in ${this.file} has an unknown state '${r.state}'`);
      const t: Trial = {
        id: Number(r.trial_id),
        number: Number(r.number),
        state,
        value: undefined,
        params: {},
        distributions: {},
        intermediate: new Map(),
        userAttrs: {},
        systemAttrs: {},
        start: isoTime(r.datetime_start),
        complete: isoTime(r.datetime_complete),
      };
      byId.set(t.id, t);
      trials.push(t);
    }
    // Child tables joined to this study's trials; each row lands on its trial by trial_id.
    const child = (sql: string, order: string) => rows(this.db, `${sql} WHERE trial_id IN (SELECT trial_id FROM trials WHERE study_id = ?) ORDER BY ${order}`, [id]);
    for (const r of child('SELECT trial_id, param_name, param_value, distribution_json FROM trial_params', 'param_id')) {
      const t = byId.get(Number(r.trial_id)) as Trial;
      const spec: ParamSpec = distributionFromOptuna(String(r.distribution_json));
      t.distributions[String(r.param_name)] = spec;
      t.params[String(r.param_name)] = toExternal(spec, Number(r.param_value)) as ParamValue;
    }
    for (const r of child('SELECT trial_id, objective, value, value_type FROM trial_values', 'trial_value_id')) {
      if (Number(r.objective) === 0) (byId.get(Number(r.trial_id)) as Trial).value = storedFloat(r.value, r.value_type);
    }
    for (const r of child('SELECT trial_id, step, intermediate_value, intermediate_value_type FROM trial_intermediate_values', 'trial_id, step')) {
      (byId.get(Number(r.trial_id)) as Trial).intermediate.set(Number(r.step), storedFloat(r.intermediate_value, r.intermediate_value_type));
    }
    for (const r of child('SELECT trial_id, "key", value_json FROM trial_user_attributes', 'trial_user_attribute_id')) (byId.get(Number(r.trial_id)) as Trial).userAttrs[String(r.key)] = parseJson(r.value_json);
    for (const r of child('SELECT trial_id, "key", value_json FROM trial_system_attributes', 'trial_system_attribute_id')) (byId.get(Number(r.trial_id)) as Trial).systemAttrs[String(r.key)] = parseJson(r.value_json);
    const userAttrs: Record<string, unknown> = {};
    for (const r of rows(this.db, 'SELECT "key", value_json FROM study_user_attributes WHERE study_id = ?', [id])) userAttrs[String(r.key)] = parseJson(r.value_json);
    return { name, direction, trials, userAttrs };
  }
}

/**
 * Reads one study from an Optuna SQLite file. Without a name the file must hold exactly one.
 * @throws UsageError for a missing file or an unknown or ambiguous name (listing the names).
 */
export async function readSqliteStudy(file: string, name?: string): Promise<Study> {
  const reader = await SqliteStudyReader.open(file);
  try {
    const names = reader.studyNames();
    if (name === undefined) {
      if (names.length === 1) return reader.study(names[0]) as Study;
      if (names.length === 0) throw new DataError(`${file} holds no study`);
      throw new UsageError(`${file} holds ${names.length} studies; pick one with --study: ${listNames(names)}`);
    }
    const study = reader.study(name);
    if (!study) throw new UsageError(`no study '${name}' in ${file}; studies are: ${listNames(names) || '(none)'}`);
    return study;
  } finally {
    reader.close();
  }
}
