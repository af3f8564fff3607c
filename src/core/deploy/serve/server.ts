/**
 * `startServer`: serves ONNX models over the KServe Open Inference Protocol v2 (REST) with
 * Node's http module. Routes:
 *   GET  /v2/health/live, /v2/health/ready, /v2, /v2/models/{name}, /v2/models/{name}/ready, /metrics
 *   POST /v2/models/{name}/infer
 * (`/v2/models/{name}/versions/1/…` is accepted too). Errors are `{"error": "..."}`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../../errors';
import { VERSION } from '../../version';
import { Batcher, type RequestOutputs } from './batcher';
import { HttpError } from './httpError';
import { hasToken, readBody, sendJson, sendText } from './httpUtil';
import { PROMETHEUS_CONTENT_TYPE, ServerMetrics } from './metrics';
import { ServedModel } from './model';
import { inferResponse, inferResponseText } from './response';
import { RequestLog } from './requestLog';
import { SERVE_DEFAULTS, type RequestEvent, type RunningServer, type ServeOptions, type V2InferResponse, type V2Tensor } from './types';
import { validateInferRequest, type ValidRequest } from './validate';

interface Served {
  model: ServedModel;
  batcher: Batcher;
}

/** Loads the models, binds, and serves until `close()`. Throws ModelError/UsageError before binding on bad options. */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const o = { ...SERVE_DEFAULTS, ...stripUndefined(opts), models: opts.models ?? [] };
  if (o.models.length === 0) throw new UsageError('no model to serve; give --model PATH');
  if (!Number.isInteger(o.maxBatch) || o.maxBatch < 1) throw new UsageError(`--max-batch must be a positive integer, got ${o.maxBatch}`);
  if (!(o.maxDelayMs >= 0)) throw new UsageError(`--max-delay-ms must be 0 or more, got ${o.maxDelayMs}`);
  if (!(o.maxBodyBytes > 0)) throw new UsageError(`the body size limit must be positive, got ${o.maxBodyBytes}`);
  const warn = o.warn ?? ((m: string) => process.stderr.write(`posthoc serve: WARNING: ${m}\n`));
  if (o.host === '0.0.0.0' || o.host === '::' || o.host === '') {
    warn(`binding to ${o.host || 'all interfaces'}: ANY machine that can reach this one can call the model${o.token ? '' : ', and no --token is set'}. Use --host 127.0.0.1 unless you mean it.`);
  }

  const metrics = new ServerMetrics();
  const served = new Map<string, Served>();
  try {
    for (const spec of o.models) {
      const model = await ServedModel.load(spec);
      if (served.has(model.name)) throw new UsageError(`two models are named '${model.name}'; give each a distinct --name`);
      const batcher = new Batcher(model, { maxBatch: o.maxBatch, maxDelayMs: o.maxDelayMs, onRun: (n) => metrics.recordRun(model.name, n) });
      served.set(model.name, { model, batcher });
      metrics.loadSeconds.set({ model: model.name }, model.loadSeconds);
    }
  } catch (err) {
    for (const s of served.values()) await s.model.dispose();
    throw err;
  }

  const log = o.logFile ? new RequestLog(o.logFile, o.logData, o.logMaxValues, (e) => warn(`request log ${o.logFile} failed (${e.message}); logging stopped`)) : undefined;
  const listeners = new Set<(e: RequestEvent) => void>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '') || '/';
    let modelName = '';
    let status = 500;
    let error: string | undefined;
    let valid: ValidRequest | undefined;
    let response: V2InferResponse | undefined;
    try {
      const m = /^\/v2\/models\/([^/]+)(?:\/versions\/([^/]+))?(\/ready|\/infer)?$/.exec(path);
      const isHealth = path === '/v2/health/live' || path === '/v2/health/ready';
      if (o.token && !isHealth && !hasToken(req, o.token)) throw new HttpError(401, 'missing or wrong bearer token; send the header "Authorization: Bearer <token>"');
      if (isHealth || path === '/v2' || path === '/metrics' || (m && m[3] !== '/infer')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed('GET');
      }
      if (isHealth) return void sendJson(res, (status = 200), path.endsWith('live') ? { live: true } : { ready: true });
      if (path === '/v2') return void sendJson(res, (status = 200), { name: 'posthoc', version: VERSION, extensions: [] });
      if (path === '/metrics') {
        status = 200;
        const text = metrics.render();
        res.writeHead(200, { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(text) });
        return void res.end(text);
      }
      if (!m) throw new HttpError(404, `no route ${req.method} ${path}; see GET /v2 and /v2/models/{name}`);
      const s = served.get(decodeURIComponent(m[1]));
      if (!s) throw new HttpError(404, `unknown model '${decodeURIComponent(m[1])}'; served: ${[...served.keys()].join(', ')}`);
      modelName = s.model.name;
      if (m[2] !== undefined && m[2] !== '1') throw new HttpError(404, `model '${modelName}' has only version 1`);
      if (m[3] === '/ready') return void sendJson(res, (status = 200), { name: modelName, ready: true });
      if (m[3] === undefined) return void sendJson(res, (status = 200), s.model.metadata);
      if (req.method !== 'POST') throw methodNotAllowed('POST');
      // Tell the batcher this request is coming, so it can wait for it rather than run a batch without it.
      s.batcher.expect();
      try {
        const body = await readBody(req, o.maxBodyBytes);
        let parsed: unknown;
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch (e) {
          throw new HttpError(400, `the request body is not valid JSON (${(e as Error).message})`);
        }
        valid = validateInferRequest(parsed, s.model);
      } catch (e) {
        s.batcher.withdraw();
        throw e;
      }
      let outputs: RequestOutputs;
      try {
        outputs = await s.batcher.submit(valid, true);
      } catch (e) {
        throw new HttpError(500, `inference failed: ${(e as Error).message}`);
      }
      status = 200;
      sendText(res, 200, inferResponseText(modelName, valid, outputs, s.model));
      // The response as objects only for the log, which keeps a few values of each tensor.
      if (log) response = inferResponse(modelName, valid, outputs, s.model);
    } catch (e) {
      status = e instanceof HttpError ? e.status : 500;
      error = e instanceof HttpError ? e.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
      const headers: Record<string, string> = {};
      if (status === 405 && e instanceof MethodError) headers.Allow = e.allow;
      if (status === 401) headers['WWW-Authenticate'] = 'Bearer';
      // After a 413 the rest of the body is unread: close the connection rather than drain it.
      if (status === 413) headers.Connection = 'close';
      if (!res.headersSent) sendJson(res, status, { error }, headers);
      else res.destroy();
    } finally {
      const latencyMs = performance.now() - started;
      metrics.recordRequest(modelName, status, latencyMs / 1000);
      if (log && modelName && path.endsWith('/infer')) {
        log.write({
          timestamp: new Date().toISOString(), model: modelName, ...(valid?.id !== undefined ? { id: valid.id } : {}), status, latency_ms: round3(latencyMs),
          ...(valid ? { inputs: valid.raw.map((t) => log.tensor(t)) } : {}),
          ...(response ? { outputs: response.outputs.map((t: V2Tensor) => log.tensor(t)) } : {}),
          ...(error ? { error } : {}),
        });
      }
      const event: RequestEvent = { method: req.method ?? '', path, status, latencyMs, ...(modelName ? { model: modelName } : {}), ...(error ? { error } : {}) };
      for (const l of listeners) l(event);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // handle() answers every error itself; this is the last guard that keeps the process up.
      warn(`unexpected error: ${(e as Error)?.stack ?? String(e)}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new UsageError(`port ${o.port} on ${o.host} is in use; choose another with --port (0 picks a free one)`));
      else if (err.code === 'EACCES') reject(new UsageError(`port ${o.port} on ${o.host} needs privileges this user does not have; choose a port above 1023 with --port`));
      else if (err.code === 'EADDRNOTAVAIL') reject(new UsageError(`${o.host} is not an address of this machine; use --host 127.0.0.1 (the default) or one of its own addresses`));
      else reject(err);
    });
    server.listen(o.port, o.host, () => resolve());
  }).catch(async (err: unknown) => {
    for (const s of served.values()) await s.model.dispose();
    await log?.close();
    throw err;
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    models: [...served.values()].map((s) => s.model.metadata),
    onRequest(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          // Idle keep-alive sockets would hold close() open until they time out; busy ones get
          // a few seconds to finish their request.
          const force = setTimeout(() => server.closeAllConnections(), 5_000);
          server.close(() => {
            clearTimeout(force);
            resolve();
          });
          server.closeIdleConnections();
        });
        for (const s of served.values()) {
          s.batcher.drain();
          await s.model.dispose();
        }
        await log?.close();
      })();
      return closing;
    },
  };
}

class MethodError extends HttpError {
  constructor(readonly allow: string) {
    super(405, `method not allowed; use ${allow}`);
  }
}
const methodNotAllowed = (allow: string) => new MethodError(allow);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
