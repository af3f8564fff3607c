/**
 * Writing the report files. Existing files are never overwritten silently: the CLI asks on a
 * terminal and refuses otherwise, unless --force is given. Every target is checked before any
 * file is written, and each file is written to a temporary name and renamed into place.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { PosthocError } from '../core/errors';
import type { EvaluationResult } from '../core/evaluate/types';
import { buildReport } from '../core/report/build';
import { renderHtml } from '../core/report/html';
import { renderJson } from '../core/report/json';
import { renderMarkdown } from '../core/report/markdown';
import type { Report } from '../core/report/types';
import { loadReportAssets } from './assets';

/** Output files and whether existing ones may be replaced. */
export interface Targets {
  json?: string;
  html?: string;
  md?: string;
  force: boolean;
}

async function confirmOverwrite(files: string[]): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`Overwrite ${files.join(', ')}? [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text, 'utf8');
  await fs.rename(tmp, file);
}

/** What to write: the JSON payload and the report, rendered only when asked for. */
export interface ReportContent {
  json: () => string;
  report: () => Report;
}

/**
 * Renders and writes the requested files (JSON payload, Markdown and HTML of the report);
 * returns the paths written. Checks every target first and writes nothing if one exists
 * without --force (or a yes on a terminal).
 */
export async function writeReportFiles(content: ReportContent, targets: Targets): Promise<string[]> {
  const wanted = [targets.json, targets.html, targets.md].filter((f): f is string => !!f);
  const existing = wanted.filter((f) => existsSync(f));
  if (existing.length > 0 && !targets.force && !(await confirmOverwrite(existing))) {
    throw new PosthocError(
      `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written. ` +
        'Pass --force to overwrite, or choose other file names.',
      'exists',
    );
  }
  if (targets.json) await writeAtomically(targets.json, content.json());
  if (targets.md || targets.html) {
    const report = content.report();
    if (targets.md) await writeAtomically(targets.md, renderMarkdown(report));
    if (targets.html) await writeAtomically(targets.html, renderHtml(report, await loadReportAssets()));
  }
  return wanted;
}

/** Renders and writes an evaluation's report files; returns the paths written. */
export function writeOutputs(result: EvaluationResult, targets: Targets): Promise<string[]> {
  return writeReportFiles({ json: () => renderJson(result), report: () => buildReport(result) }, targets);
}
