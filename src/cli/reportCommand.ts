/**
 * The shape every report-writing command shares: --help, a warning when no output file is
 * named, Ctrl-C as an AbortSignal, progress on a terminal, the files written, summary lines.
 */
import type { WorkHooks } from '../core/evaluate/options';
import { progressPrinter } from './progress';

interface OutputTargets {
  json?: string;
  html?: string;
  md?: string;
}

export interface ReportCommand<C extends OutputTargets, R> {
  usage: string;
  /** Parses (and checks) the arguments; throws UsageError, or PosthocError for a check that fails. */
  parse: (argv: string[]) => C;
  work: (command: C, hooks: WorkHooks) => Promise<R>;
  /** Writes the requested files; returns the paths written. Warnings due before writing go here. */
  write: (result: R, command: C) => Promise<string[]>;
  summary: (result: R, command: C) => string[];
  /** Warnings printed on stderr after the summary lines, before the paths written. */
  warnings?: (result: R) => string[];
}

/** Prints `warning: …` lines on stderr. */
export function printWarnings(warnings: readonly string[]): void {
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
}

/** Runs one command; returns undefined after --help, else the parsed command and its result. */
export async function runReportCommand<C extends OutputTargets, R>(argv: string[], spec: ReportCommand<C, R>): Promise<{ command: C; result: R } | undefined> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(spec.usage + '\n');
    return undefined;
  }
  const command = spec.parse(argv);
  if (!command.json && !command.html && !command.md) {
    process.stderr.write('posthoc: no --json, --html or --md given; printing the summary only.\n');
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const progress = progressPrinter(process.stderr);
    const result = await spec.work(command, { signal: controller.signal, onProgress: progress.update });
    progress.done();
    const written = await spec.write(result, command);
    for (const line of spec.summary(result, command)) process.stdout.write(line + '\n');
    printWarnings(spec.warnings?.(result) ?? []);
    for (const file of written) process.stdout.write(`wrote ${file}\n`);
    return { command, result };
  } finally {
    process.off('SIGINT', onSigint);
  }
}
