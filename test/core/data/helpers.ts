// Shared test helpers: fixture paths and throwaway files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Column, Table } from '../../../src/core/data/table';

/** Path of a file in test/fixtures/data. */
export function fixture(name: string): string {
  return join(__dirname, '..', '..', 'fixtures', 'data', name);
}

const tempDirs: string[] = [];
process.on('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A new temporary directory, removed when the test process exits. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'posthoc-data-'));
  tempDirs.push(dir);
  return dir;
}

/** Writes `content` to a new temporary file called `name` and returns its path. */
export function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

/** The column called `name`, failing the test when it is absent. */
export function col(table: Table, name: string): Column {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new Error(`test: no column ${name}`);
  return c;
}

/** A column's values as a plain array, for deepEqual. */
export function values(table: Table, name: string): unknown[] {
  return Array.from(col(table, name).values as ArrayLike<unknown>);
}
