/**
 * The lock Optuna's JournalFileStorage takes around appends: a symbolic link `FILE.lock`
 * (created atomically; it exists only while someone writes). Released by renaming it to a
 * unique name and unlinking, as Optuna does. A lock older than `staleMs` is taken over: its
 * holder died between two system calls (a kill -9 mid-append).
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `body` holding the journal lock of `file`. */
export async function withJournalLock<T>(file: string, body: () => Promise<T>, staleMs = 10_000): Promise<T> {
  const lock = file + '.lock';
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.symlink(path.resolve(file), lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const info = await fs.lstat(lock).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > staleMs) await fs.unlink(lock).catch(() => undefined);
      await delay(Math.min(2 + attempt, 20));
    }
  }
  try {
    return await body();
  } finally {
    const renamed = `${lock}${randomUUID()}.rename`;
    await fs.rename(lock, renamed);
    await fs.unlink(renamed);
  }
}
