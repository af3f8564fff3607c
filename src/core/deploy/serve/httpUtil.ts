/** Small HTTP helpers of the server: body reading with a size limit, JSON replies, bearer tokens. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './httpError';

/** Reads the whole body; throws HttpError 413 past `limit` bytes (checked on Content-Length first). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, `request body is larger than the limit of ${limit} bytes; send fewer rows per request or raise --max-body-mb`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
      done = true;
    });
    req.on('error', (err) => {
      if (!done) reject(new HttpError(400, `could not read the request body: ${err.message}`));
      done = true;
    });
    // A client that hangs up mid-body: settle, so the batcher stops expecting this request.
    req.on('close', () => {
      if (!done) reject(new HttpError(400, 'the client closed the connection before the whole body arrived'));
      done = true;
    });
  });
}

/** Sends a JSON body with the given status. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Sends JSON text that is already serialised. */
export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * True when the request carries `Authorization: Bearer <token>`. The comparison runs over
 * SHA-256 digests with timingSafeEqual, so its time does not depend on where the strings differ
 * nor leak the token's length.
 */
export function hasToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  const given = createHash('sha256').update(match ? match[1] : '').digest();
  const wanted = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, wanted) && !!match;
}
