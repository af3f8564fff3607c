/**
 * The `posthoc` command line. Progress goes to stderr when it is a terminal; results go to the
 * files named by --json/--html/--md, and a short summary to stdout.
 * Exit status: 0 success, 1 failure, 2 usage error.
 */
import { CancelledError, PosthocError, UsageError } from '../core/errors';
import { evaluate } from '../core/evaluate/evaluate';
import { EVALUATE_USAGE, parseEvaluateArgs } from './args';
import { writeOutputs } from './outputs';
import { progressPrinter } from './progress';
import { runRunFile } from './run';
import { summaryLines } from './summary';
import { VERSION } from '../core/version';

const USAGE = `Usage: posthoc <command> [options]

Commands:
  evaluate   evaluate a model on a labelled dataset (posthoc evaluate --help)
  run        execute the runs of a posthoc.json run file (posthoc run --help)

Options:
  --help     show this help
  --version  print the version`;

async function runEvaluate(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(EVALUATE_USAGE + '\n');
    return 0;
  }
  const command = parseEvaluateArgs(argv);
  if (!command.json && !command.html && !command.md) {
    process.stderr.write('posthoc: no --json, --html or --md given; printing the summary only.\n');
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const progress = progressPrinter(process.stderr);
    const result = await evaluate(command.options, { signal: controller.signal, onProgress: progress.update });
    progress.done();
    const written = await writeOutputs(result, command);
    for (const line of summaryLines(result)) process.stdout.write(line + '\n');
    for (const file of written) process.stdout.write(`wrote ${file}\n`);
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** Runs the CLI with the given arguments and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    }
    if (command === '--version') {
      process.stdout.write(VERSION + '\n');
      return 0;
    }
    if (command === 'evaluate') return await runEvaluate(rest);
    if (command === 'run') return await runRunFile(rest);
    throw new UsageError(`unknown command '${command}'. Commands: evaluate, run. See posthoc --help.`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`posthoc: ${e.message}\n(see posthoc ${command === 'evaluate' || command === 'run' ? `${command} ` : ''}--help)\n`);
      return 2;
    }
    if (e instanceof CancelledError) {
      process.stderr.write('posthoc: cancelled\n');
      return 130;
    }
    if (e instanceof PosthocError) {
      process.stderr.write(`posthoc: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`posthoc: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
}

// Run directly (`node dist/cli.js …`); bin/posthoc.js calls main() itself.
if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
