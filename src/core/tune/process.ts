/**
 * One trial process: started detached in its own process group (so the whole tree can be
 * stopped), stdout read line by line, both streams copied to log files, and a stop that sends
 * SIGTERM to the group, then SIGKILL after a grace period.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/** How a trial process ended. */
export interface TrialExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** The last few kB of stderr, for failure messages. */
  stderrTail: string;
  /** Why Posthoc stopped it, when it did. */
  stopped: string | undefined;
}

/** Options of {@link startTrialProcess}. */
export interface TrialProcessOptions {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutFile: string;
  stderrFile: string;
  /** Called for every complete stdout line. */
  onLine: (line: string) => void;
  /** Milliseconds between SIGTERM and SIGKILL. */
  graceMs?: number;
}

/** A running trial. */
export interface TrialProcess {
  /** Settles when the process has exited and its logs are flushed. */
  readonly done: Promise<TrialExit>;
  /** Stops the whole process group; `reason` is reported in the exit. */
  stop(reason: string): void;
  readonly pid: number | undefined;
}

const TAIL = 4000;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Starts a trial command. A command that cannot start (ENOENT) ends with code 127 and a message in stderr. */
export function startTrialProcess(options: TrialProcessOptions): TrialProcess {
  const [file, ...args] = options.argv;
  const child = spawn(file, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(options.stdoutFile);
  const err = createWriteStream(options.stderrFile);
  let stdout = '';
  let pending = '';
  let stderrTail = '';
  let stopped: string | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    out.write(chunk);
    const text = chunk.toString('utf8');
    stdout += text;
    pending += text;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      options.onLine(line);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err.write(chunk);
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-TAIL);
  });
  const done = new Promise<TrialExit>((resolve) => {
    let spawnError: Error | undefined;
    child.on('error', (e) => {
      spawnError = e;
      stderrTail = (stderrTail + `cannot start '${file}': ${e.message}\n`).slice(-TAIL);
      err.write(`cannot start '${file}': ${e.message}\n`);
    });
    child.on('close', (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      // The group may still hold grandchildren that outlived the leader: end them too.
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      if (pending) options.onLine(pending);
      let open = 2;
      const finish = () => {
        if (--open === 0) resolve({ code: spawnError ? 127 : code, signal, stdout, stderrTail, stopped });
      };
      out.end(finish);
      err.end(finish);
    });
  });
  return {
    done,
    pid: child.pid,
    stop(reason: string) {
      if (stopped !== undefined || child.pid === undefined) return;
      stopped = reason;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child.pid as number, 'SIGKILL'), options.graceMs ?? 3000);
    },
  };
}
