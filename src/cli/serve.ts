/**
 * `posthoc serve --model PATH …`: serves an ONNX model over the KServe Open Inference Protocol
 * v2 until SIGINT/SIGTERM, then closes cleanly (exit 0).
 */
import { UsageError } from '../core/errors';
import { startServer, type LogDataMode, type ServeOptions } from '../core/deploy/serve';
import { parseFlags } from './flags';

export const SERVE_USAGE = `Usage: posthoc serve --model PATH [options]

Serves an ONNX model over the KServe Open Inference Protocol v2 (REST/JSON):
  GET  /v2/health/live  /v2/health/ready  /v2  /v2/models/NAME  /v2/models/NAME/ready  /metrics
  POST /v2/models/NAME/infer   {"inputs": [{"name", "shape", "datatype", "data"}]}

  --model PATH         the .onnx file
  --name NAME          model name in URLs (default: the file stem, model.onnx -> model)
  --host HOST          interface to bind (default 127.0.0.1; 0.0.0.0 exposes it to the network)
  --port N             TCP port (default 8080; 0 picks a free one)
  --token T            require "Authorization: Bearer T" (also read from POSTHOC_SERVE_TOKEN)
  --log FILE.jsonl     append one JSON line per inference request
  --log-data MODE      tensor data in the log: truncate (default, first 16 values), full, none
  --max-batch N        most rows per batched session.run (default 64; 1 turns batching off)
  --max-delay-ms D     longest wait for requests still arriving to join a batch (default 2)
  --max-body-mb M      largest request body in MB (default 64)

Stops on Ctrl+C (SIGINT) or SIGTERM. Exit status: 0 stopped cleanly, 1 model or port problem, 2 usage error.`;

/** Parses `posthoc serve` arguments into {@link ServeOptions}; throws UsageError. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const parsed = parseFlags(argv, {
      model: { type: 'string' }, name: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, token: { type: 'string' },
      log: { type: 'string' }, 'log-data': { type: 'string' }, 'max-batch': { type: 'string' }, 'max-delay-ms': { type: 'string' }, 'max-body-mb': { type: 'string' },
    });
  const v = parsed.values;
  if (!v.model) throw new UsageError('--model is required, e.g. posthoc serve --model model.onnx');
  const int = (flag: string, s: string | undefined, min: number, max: number) => {
    if (s === undefined) return undefined;
    const n = Number(s);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got '${s}'`);
    return n;
  };
  const positive = (flag: string, s: string | undefined) => {
    if (s === undefined) return undefined;
    const n = Number(s);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${flag} must be a number of 0 or more, got '${s}'`);
    return n;
  };
  const logData = v['log-data'];
  if (logData !== undefined && !['truncate', 'full', 'none'].includes(logData)) throw new UsageError(`--log-data must be truncate, full or none, got '${logData}'`);
  if (logData !== undefined && !v.log) throw new UsageError('--log-data needs --log FILE.jsonl');
  const bodyMb = positive('max-body-mb', v['max-body-mb']);
  if (bodyMb === 0) throw new UsageError('--max-body-mb must be more than 0');
  const token = v.token ?? env.POSTHOC_SERVE_TOKEN;
  if (token !== undefined && token.length === 0) throw new UsageError('--token must not be empty');
  return {
    models: [{ path: v.model, name: v.name }],
    host: v.host,
    port: int('port', v.port, 0, 65535),
    token,
    logFile: v.log,
    logData: logData as LogDataMode | undefined,
    maxBatch: int('max-batch', v['max-batch'], 1, 1_000_000),
    maxDelayMs: positive('max-delay-ms', v['max-delay-ms']),
    maxBodyBytes: bodyMb === undefined ? undefined : Math.round(bodyMb * 1024 * 1024),
  };
}

/** `posthoc serve …`: serves until SIGINT/SIGTERM; returns the exit status. */
export async function runServe(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(SERVE_USAGE + '\n');
    return 0;
  }
  const options = parseServeArgs(argv);
  const server = await startServer(options);
  for (const m of server.models) {
    process.stdout.write(`serving '${m.name}' at ${server.url}/v2/models/${encodeURIComponent(m.name)}/infer\n`);
  }
  process.stdout.write(`metrics at ${server.url}/metrics; stop with Ctrl+C\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const stop = (s: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(s);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stderr.write(`posthoc serve: ${signal} received, stopping\n`);
  await server.close();
  process.stdout.write('stopped\n');
  return 0;
}
