/** `posthoc evaluate`: one model, one labelled dataset, one report. */
import { evaluate } from '../core/evaluate/evaluate';
import { EVALUATE_USAGE, parseEvaluateArgs } from './args';
import { writeOutputs } from './outputs';
import { progressPrinter } from './progress';
import { summaryLines } from './summary';

/** Runs `posthoc evaluate ARGS`; returns the exit status (errors are thrown to main). */
export async function runEvaluate(argv: string[]): Promise<number> {
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
