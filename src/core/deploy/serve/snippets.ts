/**
 * "Copy client code": ready-to-run curl, Python (requests) and TypeScript (fetch) calls of a
 * served model, with its real input names, datatypes and shapes and example data of the right
 * length (dynamic dimensions set to 1).
 */
import type { V2InferRequest, V2ModelMetadata, V2Tensor, V2TensorMetadata } from './types';

/** The three snippets of {@link clientSnippets}. */
export interface ClientSnippets {
  curl: string;
  python: string;
  typescript: string;
}

/** Options of {@link clientSnippets}. */
export interface SnippetOptions {
  /** Add an `Authorization: Bearer` header read from the POSTHOC_TOKEN environment variable. */
  token?: boolean;
}

/** An example request for the model: every input, dynamic dimensions 1, zeros / false / "text". */
export function exampleRequest(meta: V2ModelMetadata): V2InferRequest {
  return { inputs: meta.inputs.map(exampleTensor) };
}

function exampleTensor(t: V2TensorMetadata): V2Tensor {
  const shape = t.shape.map((d) => (d < 0 ? 1 : d));
  const n = shape.reduce((a, d) => a * d, 1);
  const value = t.datatype === 'BYTES' ? 'text' : t.datatype === 'BOOL' ? false : t.datatype.startsWith('FP') ? 0.5 : 0;
  return { name: t.name, shape, datatype: t.datatype, data: new Array<number | string | boolean>(n).fill(value) };
}

/** Client code for calling `meta`'s model on the server at `url` (e.g. http://127.0.0.1:8080). */
export function clientSnippets(meta: V2ModelMetadata, url: string, opts: SnippetOptions = {}): ClientSnippets {
  const endpoint = `${url.replace(/\/+$/, '')}/v2/models/${encodeURIComponent(meta.name)}/infer`;
  const body = exampleRequest(meta);
  const json = JSON.stringify(body);
  const pretty = JSON.stringify(body, null, 2);
  const shellQuoted = `'${json.replace(/'/g, `'\\''`)}'`;
  const curl = [
    `curl -sS -X POST ${endpoint} \\`,
    `  -H 'Content-Type: application/json' \\`,
    ...(opts.token ? [`  -H "Authorization: Bearer $POSTHOC_TOKEN" \\`] : []),
    `  -d ${shellQuoted}`,
  ].join('\n');
  const python = [
    ...(opts.token ? ['import os', ''] : []),
    'import requests',
    '',
    `url = ${JSON.stringify(endpoint)}`,
    `payload = ${pythonLiteral(pretty)}`,
    ...(opts.token ? ['headers = {"Authorization": "Bearer " + os.environ["POSTHOC_TOKEN"]}'] : []),
    `response = requests.post(url, json=payload${opts.token ? ', headers=headers' : ''}, timeout=30)`,
    'response.raise_for_status()',
    'for output in response.json()["outputs"]:',
    '    print(output["name"], output["shape"], output["data"])',
  ].join('\n');
  const headers = opts.token ? `{ 'Content-Type': 'application/json', Authorization: \`Bearer \${process.env.POSTHOC_TOKEN}\` }` : `{ 'Content-Type': 'application/json' }`;
  const typescript = [
    `const payload = ${pretty};`,
    '',
    `const response = await fetch(${JSON.stringify(endpoint)}, {`,
    `  method: 'POST',`,
    `  headers: ${headers},`,
    '  body: JSON.stringify(payload),',
    '});',
    "if (!response.ok) throw new Error(`${response.status}: ${(await response.json()).error}`);",
    'const { outputs } = (await response.json()) as { outputs: { name: string; shape: number[]; datatype: string; data: unknown[] }[] };',
    'for (const o of outputs) console.log(o.name, o.shape, o.data);',
  ].join('\n');
  return { curl, python, typescript };
}

/** JSON text as a Python literal: only true/false/null differ (example data holds no null). */
function pythonLiteral(json: string): string {
  return json.replace(/("(?:[^"\\]|\\.)*")|\btrue\b|\bfalse\b|\bnull\b/g, (m, str: string | undefined) => {
    if (str) return str;
    return m === 'true' ? 'True' : m === 'false' ? 'False' : 'None';
  });
}
