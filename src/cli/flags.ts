/**
 * Checked conversions of flag values, shared by every command, so each bad value gets the same
 * kind of message: "--NAME must be WHAT; got 'VALUE'". Each returns undefined for an absent flag.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/errors';

type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * Node's parseArgs in strict mode over `argv` (unknown flags and missing values are errors),
 * with its errors turned into usage errors (exit status 2). Positional words only if `positionals`.
 */
export function parseFlags<O extends FlagOptions, P extends boolean = false>(argv: string[], options: O, positionals?: P) {
  try {
    return parseArgs({ args: argv, options, strict: true as const, allowPositionals: (positionals ?? false) as P });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** A comma-separated list of names, trimmed; an empty list is a usage error. */
export function listFlag(name: string, value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) throw new UsageError(`--${name} is empty; separate names with commas, e.g. a,b`);
  return items;
}

/** A finite number accepted by `ok`; `what` describes the allowed values for the message. */
export function numberFlag(name: string, value: string | undefined, ok: (n: number) => boolean, what: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !ok(n)) throw new UsageError(`--${name} must be ${what}; got '${value}'`);
  return n;
}

/** A whole number of at least `min`. */
export function wholeFlag(name: string, value: string | undefined, min: number): number | undefined {
  return numberFlag(name, value, (n) => Number.isInteger(n) && n >= min, `a whole number ≥ ${min}`);
}

/** One of a fixed set of words. */
export function oneOfFlag<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got '${value}'`);
  return value as T;
}
