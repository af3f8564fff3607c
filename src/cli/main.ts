/**
 * The `posthoc` command line: one table of commands, each a module exporting `run(argv)`.
 * Progress goes to stderr when it is a terminal; results go to the files named by
 * --json/--html/--md, and a short summary to stdout.
 * Exit status: 0 success, 1 failure, 2 usage error, 130 cancelled.
 */
import { CancelledError, PosthocError, UsageError } from '../core/errors';
import { VERSION } from '../core/version';
import { runBench } from './benchModel';
import { runCohorts } from './cohorts';
import { runCompare } from './compare';
import { runCurves } from './curves';
import { runDrift } from './drift';
import { runErrors } from './errors';
import { runEvaluate } from './evaluate';
import { runExplain } from './explain';
import { runExport } from './export';
import { runFairness } from './fairness';
import { runOptimize } from './optimize';
import { runRunFile } from './run';
import { runSaliency } from './saliency';
import { runServe } from './serve';
import { runStudy } from './study';
import { runTune } from './tune';

interface Command {
  run: (argv: string[]) => Promise<number>;
  summary: string;
}

const COMMANDS: Record<string, Command> = {
  evaluate: { run: runEvaluate, summary: 'evaluate a model on a labelled dataset' },
  run: { run: runRunFile, summary: 'execute the runs of a posthoc.json run file' },
  explain: { run: runExplain, summary: 'explain a model: SHAP, LIME, Anchors, PDP/ALE, permutation importance' },
  cohorts: { run: runCohorts, summary: 'every metric per cohort (named filter) beside the whole dataset' },
  errors: { run: runErrors, summary: 'where a model errs: error tree, heat map, worst slices' },
  fairness: { run: runFairness, summary: 'group fairness of a binary classifier over a sensitive column' },
  curves: { run: runCurves, summary: 'training curves from TensorBoard, Lightning/Keras CSV, JSONL or MLflow logs' },
  tune: { run: runTune, summary: 'run or resume a hyperparameter sweep of posthoc.json' },
  study: { run: runStudy, summary: "list the trials of a tuning study, Posthoc's or Optuna's" },
  optimize: { run: runOptimize, summary: 'optimize an ONNX graph, quantize it to int8 or convert it to fp16' },
  compare: { run: runCompare, summary: 'compare model variants on labelled data: metrics, flips, significance, latency, size' },
  bench: { run: runBench, summary: 'latency percentiles, throughput and memory of a model per batch size' },
  serve: { run: runServe, summary: 'serve an ONNX model over the KServe v2 inference protocol' },
  export: { run: runExport, summary: 'export a model for Triton or KServe' },
  drift: { run: runDrift, summary: 'compare a dataset or serving log with a reference for drift' },
  saliency: { run: runSaliency, summary: 'saliency map of one image: occlusion, RISE, superpixels, gradients, IG, Grad-CAM' },
};

const USAGE = `Usage: posthoc <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run posthoc <command> --help for a command's options.

Options:
  --help     show this help
  --version  print the version`;

/** Runs the CLI with the given arguments and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(USAGE + '\n');
      return name === undefined ? 2 : 0;
    }
    if (name === '--version') {
      process.stdout.write(VERSION + '\n');
      return 0;
    }
    if (!command) throw new UsageError(`unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`posthoc: ${e.message}\n(see posthoc ${command ? `${name} ` : ''}--help)\n`);
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
