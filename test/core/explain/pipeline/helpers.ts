/** Paths and data files for the explanation pipeline tests. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';

export const ROOT = path.join(__dirname, '..', '..', '..', '..');
export const EXAMPLE = path.join(ROOT, 'examples', 'breast-cancer');
export const BC = { model: path.join(EXAMPLE, 'model.onnx'), data: path.join(EXAMPLE, 'test.csv') };
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const TREES = path.join(FIXTURES, 'tree');

/** A temporary folder removed after the test file finishes. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-explain-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes rows (null = missing) as a CSV with the given header; returns its path. */
export function writeCsv(dir: string, name: string, header: string[], rows: (number | string | null)[][]): string {
  const file = path.join(dir, name);
  writeFileSync(file, [header.join(','), ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(','))].join('\n') + '\n');
  return file;
}

/** The expected-value file of a tree fixture. */
export function treeExpected(stem: string): { features: string[]; x: (number | null)[][]; background: (number | null)[][]; explain_rows: number[]; interventional: number[][][] } {
  return JSON.parse(readFileSync(path.join(TREES, `${stem}.expected.json`), 'utf8'));
}

/** base + Σφ − output, worst over rows. */
export function efficiencyGap(r: { base_values: number[]; values: number[][]; outputs: number[] }): number {
  let worst = 0;
  r.values.forEach((phi, i) => {
    worst = Math.max(worst, Math.abs(r.base_values[i] + phi.reduce((a, b) => a + b, 0) - r.outputs[i]));
  });
  return worst;
}
