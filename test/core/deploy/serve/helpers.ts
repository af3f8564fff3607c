// Shared bits of the serve tests: fixture paths, a JSON fetch, the example's rows.
import * as http from 'node:http';
import * as path from 'node:path';
import { readTable } from '../../../../src/core/data/readTable';

export const ROOT = path.join(__dirname, '..', '..', '..', '..');
export const BREAST = path.join(ROOT, 'examples', 'breast-cancer', 'model.onnx');
export const MULTI = path.join(ROOT, 'test', 'fixtures', 'models', 'multi_input.onnx');
export const BATCH1 = path.join(ROOT, 'test', 'fixtures', 'models', 'batch1.onnx');

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
  headers: Headers;
}

/** fetch + JSON (or text) body. */
export async function call(url: string, init: RequestInit = {}): Promise<Reply> {
  const r = await fetch(url, init);
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // metrics and other text bodies stay strings
  }
  return { status: r.status, body, headers: r.headers };
}

/** POST a JSON body (or a raw string) to `url`. */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return call(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** The breast-cancer test rows: feature names and row-major Float32 values. */
export async function breastRows(): Promise<{ features: string[]; rows: number[][] }> {
  const table = await readTable(path.join(ROOT, 'examples', 'breast-cancer', 'test.csv'));
  const features = table.columns.map((c) => c.name).filter((n) => n !== 'target');
  const cols = features.map((f) => table.columns.find((c) => c.name === f)!.values as Float64Array);
  const rows = Array.from({ length: table.nRows }, (_, i) => cols.map((c) => Math.fround(c[i])));
  return { features, rows };
}

/**
 * POSTs JSON bodies so that they reach the server together: n keep-alive sockets are opened
 * first (n concurrent health checks), then every request is written in one synchronous loop.
 * Replies come back in the order of `bodies`.
 */
export async function burst(url: string, bodies: unknown[]): Promise<Reply[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: bodies.length });
  const send = (method: string, target: string, body?: string) =>
    new Promise<Reply>((resolve, reject) => {
      const req = http.request(new URL(target), { method, agent, headers: body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), headers: new Headers() }));
      });
      req.on('error', reject);
      req.end(body);
    });
  try {
    await Promise.all(bodies.map(() => send('GET', `${url}/v2/health/live`)));
    return await Promise.all(bodies.map((b) => send('POST', `${url}/v2/models/model/infer`, JSON.stringify(b))));
  } finally {
    agent.destroy();
  }
}
