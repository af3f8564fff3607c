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
}

/** The fields of anything thrown (a thrown non-Error becomes an Error with its text). */
export function errorFields(e: unknown): ErrorFields {
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message, stack: err.stack };
}

const ERRORS: Record<string, new (message: string) => PosthocError> = { ModelError, DataError, UsageError, CancelledError };

/**
 * Re-creates an error a worker reported: Posthoc's own classes by name, any other error as an
 * Error that keeps the name (and the worker's stack, for the log).
 */
export function rebuildError(name: string, message: string, stack?: string): Error {
  const Cls = ERRORS[name];
  if (Cls) return new Cls(message);
  if (name === 'PosthocError') return new PosthocError(message, 'error');
  const err = new Error(message);
  err.name = name;
  if (stack) err.stack = stack;
  return err;
}
