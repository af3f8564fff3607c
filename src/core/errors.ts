/**
 * Typed errors with messages a user can act on. Core code throws these; the host turns them
 * into notifications and the CLI prints them and exits 1 (2 for {@link UsageError}).
 */

/** Base class: every message says what is wrong and, where possible, how to fix it. */
export class PosthocError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A dataset could not be read or does not fit the request (missing column, bad value, ...). */
export class DataError extends PosthocError {
  constructor(message: string) {
    super(message, 'data');
  }
}

/** A model could not be loaded, run, or its inputs/outputs do not match the data. */
export class ModelError extends PosthocError {
  constructor(message: string) {
    super(message, 'model');
  }
}

/** The request itself is wrong (unknown option value, conflicting flags). CLI exit code 2. */
export class UsageError extends PosthocError {
  constructor(message: string) {
    super(message, 'usage');
  }
}

/** The user (or a caller's AbortSignal) cancelled the work. */
export class CancelledError extends PosthocError {
  constructor(message = 'Cancelled.') {
    super(message, 'cancelled');
  }
}

/** Throws {@link CancelledError} if the signal has fired; call between chunks of long work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Lists names for an error message, shortening very long lists. */
export function listNames(names: readonly string[], max = 20): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')}, … (${names.length - max} more)`;
}
