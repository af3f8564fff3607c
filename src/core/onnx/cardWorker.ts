/**
 * Worker entry that reads an ONNX file and returns only its {@link ModelCard}. Decoding a big
 * model (hundreds of MB of protobuf) takes seconds, so the model card editor runs it here
 * instead of on the extension host's thread; the bytes never leave the worker.
 */
import type { ModelCard } from '../evaluate/types';
import { serveWorker } from '../workers/serveWorker';
import { readModelFile } from './modelFile';

/** What the card worker is started with. */
export interface CardRequest {
  path: string;
}

serveWorker<CardRequest, ModelCard>(async (request, ctx) => {
  ctx.progress('reading', 0);
  const file = await readModelFile(request.path);
  ctx.progress('done', 1);
  return { value: file.card };
});
