/** Reading a run file from disk. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DataError, UsageError } from '../errors';
import { parseRunFile } from './parse';
import type { RunFile } from './types';

/** The name `posthoc run` looks for when no file is given. */
export const RUN_FILE_NAME = 'posthoc.json';

/**
 * Reads and parses a run file. A missing file is a {@link UsageError} (the user named the wrong
 * file); an unreadable one a {@link DataError}. Problems in the content throw `RunFileError`.
 * A leading byte-order mark is dropped so positions match what an editor shows.
 */
export async function readRunFile(filePath: string): Promise<RunFile> {
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UsageError(
        `${filePath} not found (looked in ${path.dirname(path.resolve(filePath))}). ` +
          `Create a ${RUN_FILE_NAME} with your runs, or give its path: posthoc run path/to/${RUN_FILE_NAME}`,
      );
    }
    if (code === 'EISDIR') throw new UsageError(`${filePath} is a folder; give the path of a ${RUN_FILE_NAME} file`);
    throw new DataError(`cannot read ${filePath}: ${(e as Error).message}`);
  }
  return parseRunFile(text.replace(/^\uFEFF/, ''), filePath);
}
