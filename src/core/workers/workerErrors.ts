/**
 * Errors across a thread boundary. A worker can post only plain data, so it sends an error's
 * class name, message and stack; the caller rebuilds the Posthoc class from the name, so
 * `instanceof UsageError` (exit code 2, a plain notification) holds on both sides of the call.
 */
import { CancelledError, DataError, ModelError, PosthocError, UsageError } from '../errors';

/** What a worker posts for an error it caught. */
export interface ErrorFields {
  name: string;
  message: string;
  stack?: string;
  /** A Posthoc error's code, so a subclass the caller does not know comes back as its base class. */
  code?: string;
}

/** The fields of anything thrown (a thrown non-Error becomes an Error with its text). */
export function errorFields(e: unknown): ErrorFields {
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message, stack: err.stack, ...(err instanceof PosthocError ? { code: err.code } : {}) };
}

const BY_NAME: Record<string, new (message: string) => PosthocError> = { ModelError, DataError, UsageError, CancelledError };
const BY_CODE: Record<string, new (message: string) => PosthocError> = { model: ModelError, data: DataError, usage: UsageError, cancelled: CancelledError };

/**
 * Re-creates an error a worker reported: Posthoc's own classes by name; a subclass of them
 * (UnsupportedOperatorError, CohortExpressionError, …) as its base class by code, keeping its
 * name, so `instanceof UsageError` and the notification it gets still hold; any other error as
 * an Error that keeps the name (and the worker's stack, for the log).
 */
export function rebuildError(f: ErrorFields): Error {
  const Cls = BY_NAME[f.name];
  if (Cls) return new Cls(f.message);
  if (f.code !== undefined || f.name === 'PosthocError') {
    const Base = f.code !== undefined ? BY_CODE[f.code] : undefined;
    const err = Base ? new Base(f.message) : new PosthocError(f.message, f.code ?? 'error');
    err.name = f.name;
    if (f.stack) err.stack = f.stack;
    return err;
  }
  const err = new Error(f.message);
  err.name = f.name;
  if (f.stack) err.stack = f.stack;
  return err;
}
