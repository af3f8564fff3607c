/**
 * `posthoc serve`: ONNX models over the KServe Open Inference Protocol v2, with dynamic
 * batching, Prometheus metrics, JSONL request logs and client snippets.
 */
export { startServer } from './server';
export { clientSnippets, exampleRequest, type ClientSnippets, type SnippetOptions } from './snippets';
export { SERVE_DEFAULTS } from './types';
export type {
  LogDataMode, RequestEvent, RunningServer, ServeModelSpec, ServeOptions, V2Datatype, V2InferRequest, V2InferResponse,
  V2ModelMetadata, V2ServerMetadata, V2Tensor, V2TensorMetadata,
} from './types';
export type { RequestLogLine, LoggedTensor } from './requestLog';
