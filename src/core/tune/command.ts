/**
 * Turning a trial command into a process to start, and reading what the trial prints. Without
 * `shell`, a command string is split into argv like a POSIX shell splits words (quotes and
 * backslashes, nothing else: no variables, globs or pipes) and placeholders are filled per word,
 * so a value never becomes two arguments. With `shell`, values are single-quoted for /bin/sh.
 */
import { UsageError } from '../errors';
import type { ObjectiveSpec, ParamValue } from './types';

/** Splits a command line into words (single quotes literal; double quotes and backslashes as in sh). */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw new UsageError(`command has an unclosed ' quote: ${command}`);
      word += command.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < command.length && command[j] !== '"'; j++) {
        if (command[j] === '\\' && j + 1 < command.length && '"\\$`'.includes(command[j + 1])) j++;
        word += command[j];
      }
      if (j >= command.length) throw new UsageError(`command has an unclosed " quote: ${command}`);
      i = j;
      inWord = true;
    } else if (c === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;
const HAS_PLACEHOLDER = /\{[A-Za-z_][A-Za-z0-9_.-]*\}/;

/** The placeholder names a command uses. */
export function placeholders(command: string | readonly string[]): string[] {
  const text = typeof command === 'string' ? command : command.join(' ');
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** How a value is written into a command: numbers in shortest form, null as "null". */
export function formatValue(value: ParamValue): string {
  return value === null ? 'null' : String(value);
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The argv of one trial. Values: `params` plus `{trial}` (the trial number). A word holding the
 * placeholder of an inactive (absent) parameter is dropped, with the option word before it when
 * that one starts with '-' (so `--momentum {momentum}` vanishes when momentum is inactive).
 */
export function buildArgv(command: string | readonly string[], shell: boolean, values: Record<string, ParamValue>, known: readonly string[]): string[] {
  const fill = (word: string, quote: (s: string) => string): string | undefined => {
    let absent = false;
    const out = word.replace(PLACEHOLDER, (whole, name: string) => {
      if (name in values) return quote(formatValue(values[name]));
      if (known.includes(name)) absent = true;
      return whole;
    });
    return absent ? undefined : out;
  };
  if (shell) {
    const words = typeof command === 'string' ? command.split(/(\s+)/) : command.map((w) => w);
    const kept = dropAbsent(words, (w) => fill(w, shellQuote), typeof command === 'string');
    return ['/bin/sh', '-c', kept.join(typeof command === 'string' ? '' : ' ').trim()];
  }
  const words = typeof command === 'string' ? splitCommand(command) : [...command];
  return dropAbsent(words, (w) => fill(w, (s) => s), false);
}

function dropAbsent(words: string[], fill: (w: string) => string | undefined, spaced: boolean): string[] {
  const out: string[] = [];
  for (const word of words) {
    const filled = fill(word);
    if (filled !== undefined) {
      out.push(filled);
      continue;
    }
    if (spaced && out.length > 0 && /^\s+$/.test(out[out.length - 1])) out.pop();
    if (out.length > 0 && /^-/.test(out[out.length - 1]) && !HAS_PLACEHOLDER.test(out[out.length - 1])) out.pop();
  }
  return out;
}

/** An intermediate value line `{"step": 3, "value": 0.41}`, or undefined for any other line. */
export function parseIntermediate(line: string): { step: number; value: number } | undefined {
  const t = line.trim();
  if (!t.startsWith('{') || !t.includes('"step"')) return undefined;
  try {
    const o = JSON.parse(t) as Record<string, unknown>;
    if (Number.isInteger(o.step) && (o.step as number) >= 0 && typeof o.value === 'number') return { step: o.step as number, value: o.value };
  } catch {
    // not JSON: an ordinary log line
  }
  return undefined;
}

/** The objective from a trial's stdout: the last JSON line holding the key, or the regex's last match. */
export function readObjective(spec: ObjectiveSpec, stdout: string): number | undefined {
  if ('regex' in spec) {
    const re = new RegExp(spec.regex, 'g');
    let value: number | undefined;
    for (const m of stdout.matchAll(re)) if (m[1] !== undefined && m[1].trim() !== '' && !Number.isNaN(Number(m[1]))) value = Number(m[1]);
    return value;
  }
  const lines = stdout.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const t = lines[i].trim();
    if (!t.startsWith('{')) continue;
    try {
      const o = JSON.parse(t) as Record<string, unknown>;
      const v = o[spec.json];
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && /^(nan|-?inf(inity)?)$/i.test(v)) return Number(v.replace(/^(-?)inf$/i, '$1Infinity'));
    } catch {
      // not JSON
    }
  }
  return undefined;
}
