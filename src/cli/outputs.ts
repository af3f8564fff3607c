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
import { loadReportAssets } from './assets';

interface Targets {
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

/** Renders and writes the requested report files; returns the paths written. */
export async function writeOutputs(result: EvaluationResult, targets: Targets): Promise<string[]> {
  const wanted = [targets.json, targets.html, targets.md].filter((f): f is string => !!f);
  const existing = wanted.filter((f) => existsSync(f));
  if (existing.length > 0 && !targets.force && !(await confirmOverwrite(existing))) {
    throw new PosthocError(
      `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written. ` +
        'Pass --force to overwrite, or choose other file names.',
      'exists',
    );
  }
  const report = buildReport(result);
  if (targets.json) await writeAtomically(targets.json, renderJson(result));
  if (targets.md) await writeAtomically(targets.md, renderMarkdown(report));
  if (targets.html) await writeAtomically(targets.html, renderHtml(report, await loadReportAssets()));
  return wanted;
}
