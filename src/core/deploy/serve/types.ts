/**
 * Types of the KServe Open Inference Protocol v2 (REST/JSON flavour) as `posthoc serve` speaks
 * it, and the options of {@link startServer}.
 */

/** A V2 tensor datatype name. */
export type V2Datatype = 'BOOL' | 'UINT8' | 'UINT16' | 'UINT32' | 'UINT64' | 'INT8' | 'INT16' | 'INT32' | 'INT64' | 'FP16' | 'FP32' | 'FP64' | 'BYTES';

/** One input or output of `GET /v2/models/{name}`; -1 marks a dynamic dimension. */
export interface V2TensorMetadata {
  name: string;
  datatype: V2Datatype;
  shape: number[];
}

/** `GET /v2/models/{name}`. */
export interface V2ModelMetadata {
  name: string;
  versions: string[];
  platform: 'onnxruntime_onnx';
  inputs: V2TensorMetadata[];
  outputs: V2TensorMetadata[];
}

/** `GET /v2`. */
export interface V2ServerMetadata {
  name: string;
  version: string;
  extensions: string[];
}

/** A tensor of a request or response body; `data` is flat and row-major. */
export interface V2Tensor {
  name: string;
  shape: number[];
  datatype: V2Datatype;
  data: (number | string | boolean)[];
}

/** `POST /v2/models/{name}/infer` body. */
export interface V2InferRequest {
  id?: string;
  inputs: V2Tensor[];
  outputs?: { name: string }[];
}

/** Response of a successful inference. */
export interface V2InferResponse {
  model_name: string;
  model_version?: string;
  id?: string;
  outputs: V2Tensor[];
}

/** A model to serve. */
export interface ServeModelSpec {
  /** Path of the .onnx file. */
  path: string;
  /** Name in URLs; default: the file stem (`model.onnx` is `model`). */
  name?: string;
}

/** How much input/output data the JSONL log keeps per tensor. */
export type LogDataMode = 'full' | 'truncate' | 'none';

/** Options of {@link startServer}; defaults in {@link SERVE_DEFAULTS}. */
export interface ServeOptions {
  models: ServeModelSpec[];
  /** Interface to bind; default 127.0.0.1 (only this machine can connect). */
  host?: string;
  /** TCP port; 0 picks a free one. Default 8080. */
  port?: number;
  /** When set, every request except the health checks needs `Authorization: Bearer <token>`. */
  token?: string;
  /** JSON Lines file to append one line per inference request to. */
  logFile?: string;
  /** Data kept per tensor in the log: 'truncate' (first {@link ServeOptions.logMaxValues} values, default), 'full' or 'none'. */
  logData?: LogDataMode;
  logMaxValues?: number;
  /** Largest request body accepted, bytes (default 64 MiB); larger gets 413. */
  maxBodyBytes?: number;
  /** Most rows in one batched session.run; 1 turns dynamic batching off (default 64). */
  maxBatch?: number;
  /**
   * Longest wait, ms, of a request at an idle model for other requests the server is still
   * receiving, so they share one run (default 2). A request with no others arriving runs at once.
   */
  maxDelayMs?: number;
  /** Where warnings go (binding to all interfaces, …); default stderr. */
  warn?: (message: string) => void;
}

/** Defaults of the optional {@link ServeOptions}. */
export const SERVE_DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  logData: 'truncate' as LogDataMode,
  logMaxValues: 16,
  maxBodyBytes: 64 * 1024 * 1024,
  maxBatch: 64,
  maxDelayMs: 2,
};

/** One finished request, as reported to {@link RunningServer.onRequest} listeners. */
export interface RequestEvent {
  method: string;
  path: string;
  model?: string;
  status: number;
  latencyMs: number;
  error?: string;
}

/** What {@link startServer} returns. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  port: number;
  /** Metadata of each served model, by name. */
  models: V2ModelMetadata[];
  /** Subscribes to finished requests; returns the unsubscribe function. */
  onRequest(listener: (event: RequestEvent) => void): () => void;
  /** Stops accepting connections, waits for in-flight requests, releases the sessions. */
  close(): Promise<void>;
}
