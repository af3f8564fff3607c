/** `posthoc evaluate`: one model, one labelled dataset, one report. */
import { evaluate } from '../core/evaluate/evaluate';
import { EVALUATE_USAGE, parseEvaluateArgs } from './args';
import { writeOutputs } from './outputs';
import { runReportCommand } from './reportCommand';
import { summaryLines } from './summary';

/** Runs `posthoc evaluate ARGS`; returns the exit status (errors are thrown to main). */
export async function runEvaluate(argv: string[]): Promise<number> {
  await runReportCommand(argv, {
    usage: EVALUATE_USAGE,
    parse: parseEvaluateArgs,
    work: (command, hooks) => evaluate(command.options, hooks),
    write: (result, command) => writeOutputs(result, command),
    summary: summaryLines,
  });
  return 0;
}
