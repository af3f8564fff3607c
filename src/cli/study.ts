/**
 * `posthoc study --storage URL [--study NAME] [--json FILE]`: reads a study (written by Posthoc
 * or by Optuna in its journal format) and prints its trials, or writes them as JSON:
 * {"study", "direction", "n_trials", "best_value", "best_params", "trials": [{"number", "state", "value", "params"}]}.
 */
import { promises as fs } from 'node:fs';
import { UsageError } from '../core/errors';
import { readStudy, summarizeStudy } from '../core/tune';
import { parseFlags } from './flags';

export const STUDY_USAGE = `Usage: posthoc study --storage URL [--study NAME] [--json FILE]

Reads a study from Optuna's journal format (journal:PATH.log) or its SQLite storage
(sqlite:///PATH.db, read-only) and lists its trials.

  --storage URL      journal:PATH.log or sqlite:///PATH.db (bare .log/.db paths work too)
  --study NAME       the study (may be left out when the file holds one)
  --json FILE        write {study, direction, n_trials, best_value, best_params, trials} ('-' for stdout)

Exit status: 0 success, 1 unreadable file, 2 usage error (unknown study: the names are listed).`;

/** `posthoc study …`: returns the exit status. */
export async function runStudy(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(STUDY_USAGE + '\n');
    return 0;
  }
  const parsed = parseFlags(argv, { storage: { type: 'string' }, study: { type: 'string' }, json: { type: 'string' } });
  const v = parsed.values;
  if (!v.storage) throw new UsageError('--storage is required, e.g. --storage journal:.posthoc/tune/my-sweep.log');
  const summary = summarizeStudy(await readStudy(v.storage, v.study));
  const json = JSON.stringify(summary, null, 2) + '\n';
  if (v.json === '-') {
    process.stdout.write(json);
    return 0;
  }
  if (v.json) await fs.writeFile(v.json, json);
  process.stdout.write(`study '${summary.study}' (${summary.direction}): ${summary.n_trials} trials\n`);
  for (const t of summary.trials) process.stdout.write(`  ${t.number}\t${t.state}\t${t.value ?? '-'}\t${JSON.stringify(t.params)}\n`);
  if (summary.best_params) process.stdout.write(`best value ${summary.best_value}\nbest params ${JSON.stringify(summary.best_params)}\n`);
  if (v.json) process.stdout.write(`wrote ${v.json}\n`);
  return 0;
}
