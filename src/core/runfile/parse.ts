/**
 * Parsing and checking a workspace run file (`posthoc.json`). Every problem names the place
 * (file:line:col) and what is allowed there; relative paths resolve against the file's folder.
 */
import { type Node, type ParseError, parseTree, stripComments } from './jsonc';
import * as path from 'node:path';
import { UsageError } from '../errors';
import { type CheckContext, properties, report } from './context';
import { readCohorts } from './cohorts';
import { RUN_KINDS, TOP_LEVEL_KEYS } from './fields';
import { formatLocation, LineMap } from './positions';
import { readRun } from './runEntry';
import { didYouMean } from './suggest';
import { PARSE_OPTIONS, syntaxMessage } from './syntax';
import type { ExplainRun, Run, RunFile, RunFileProblem, SweepRun } from './types';

const EXAMPLE_FILE = '{ "runs": { "my-run": { "kind": "evaluate", "model": "model.onnx", "data": "test.csv" } } }';

/** A run file that does not parse or check; the message lists every problem as file:line:col: …. */
export class RunFileError extends UsageError {
  constructor(
    /** The file as it was named to the parser. */
    readonly file: string,
    readonly problems: readonly RunFileProblem[],
  ) {
    super(problems.map((p) => `${formatLocation(file, p.range.start)}: ${p.message}`).join('\n'));
  }
}

/** The outcome of {@link validateRunFile}: the runs when there are no problems. */
export interface RunFileCheck {
  runFile: RunFile | undefined;
  problems: RunFileProblem[];
}

function checkTopLevel(ctx: CheckContext, root: Node): Node | undefined {
  if (root.type !== 'object') {
    report(ctx, root, `a run file holds an object with a 'runs' object, e.g. ${EXAMPLE_FILE}`);
    return undefined;
  }
  let runs: Node | undefined;
  for (const { key, value } of properties(ctx, root, 'at the top of the file')) {
    const name = key.value as string;
    if (name === 'runs') runs = value;
    else if (name === 'cohorts') continue; // checked by readCohorts
    else if (name === '$schema') {
      if (value && value.type !== 'string') report(ctx, value, "'$schema' must be a string: the path or URL of posthoc.schema.json");
    } else {
      const hint = didYouMean(name, TOP_LEVEL_KEYS);
      report(ctx, key, `unknown key '${name}' at the top of the file${hint || `; allowed keys: ${TOP_LEVEL_KEYS.join(', ')} (runs go inside 'runs')`}`);
    }
  }
  if (!runs) {
    report(ctx, { ...root, length: 1 }, `the file has no 'runs'; add one, e.g. ${EXAMPLE_FILE}`);
    return undefined;
  }
  if (runs.type !== 'object') {
    report(ctx, runs, `'runs' must be an object of named runs, e.g. { "my-run": { "kind": "evaluate", … } }`);
    return undefined;
  }
  if (!runs.children?.length) {
    report(ctx, runs, `'runs' is empty; add a run, e.g. "my-run": { "kind": "${RUN_KINDS[0]}", "model": "model.onnx", "data": "test.csv" }`);
    return undefined;
  }
  return runs;
}

/**
 * Checks a run file's text and collects every problem (syntax errors stop at the first, since
 * later ones are usually its echoes). Never throws for bad content; the extension can turn the
 * problems into diagnostics.
 */
export function validateRunFile(text: string, filePath: string): RunFileCheck {
  const absolute = path.resolve(filePath);
  const ctx: CheckContext = { lines: new LineMap(text), problems: [], dir: path.dirname(absolute), targets: new Map() };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, PARSE_OPTIONS);
  if (errors.length > 0 || !root) {
    if (stripComments(text).trim() === '') {
      ctx.problems.push({ message: `the file is empty; start with ${EXAMPLE_FILE}`, range: ctx.lines.range(0, 0) });
    } else {
      const first = errors[0];
      const message = first ? syntaxMessage(first) : 'not valid JSON';
      ctx.problems.push({ message, range: ctx.lines.range(first?.offset ?? 0, first?.length ?? 0) });
    }
    return { runFile: undefined, problems: ctx.problems };
  }
  const runsNode = checkTopLevel(ctx, root);
  const cohortsNode = root.type === 'object' ? root.children?.find((p) => p.children?.[0]?.value === 'cohorts')?.children?.[1] : undefined;
  const cohorts = cohortsNode ? readCohorts(ctx, cohortsNode, text) : {};
  const declared = (cohortsNode?.type === 'object' ? cohortsNode.children ?? [] : []).map((p) => p.children?.[0]?.value).filter((n): n is string => typeof n === 'string');
  ctx.cohorts = { valid: cohorts, declared };
  const runs: Run[] = [];
  const sweeps: SweepRun[] = [];
  const explains: ExplainRun[] = [];
  if (runsNode) {
    for (const { key, value } of properties(ctx, runsNode, "in 'runs' (run names must be unique)")) {
      const run = value && readRun(ctx, key, value);
      if (run?.kind === 'tune') sweeps.push(run);
      else if (run?.kind === 'explain') explains.push(run);
      else if (run) runs.push(run);
    }
  }
  const problems = ctx.problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { runFile: problems.length === 0 ? { path: absolute, runs, sweeps, explains, cohorts } : undefined, problems };
}

/**
 * Parses and checks a run file. `filePath` locates relative paths (its folder) and prefixes
 * messages as given, e.g. `posthoc.json:7:16: 'threshold' must be a number between 0 and 1; got 1.5`.
 * @throws {@link RunFileError} (a UsageError) listing every problem.
 */
export function parseRunFile(text: string, filePath: string): RunFile {
  const { runFile, problems } = validateRunFile(text, filePath);
  if (!runFile) throw new RunFileError(filePath, problems);
  return runFile;
}

