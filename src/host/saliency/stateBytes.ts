/**
 * Decoding of the saliency panel's saved state on the extension host (the page encodes it with
 * src/shared/base64.ts). Buffer's native base64 keeps a restored panel's megabytes of maps off a
 * JavaScript loop on the host's thread.
 */
import { endianness } from 'node:os';

/**
 * Decodes canonical padded base64 that must hold exactly `expected` bytes; undefined for
 * anything else (not a string, wrong length, a character outside the alphabet, bad padding).
 * The length is checked before decoding, so an oversized string costs nothing.
 */
export function base64Bytes(s: unknown, expected: number): Uint8Array | undefined {
  if (typeof s !== 'string' || s.length !== 4 * Math.ceil(expected / 3)) return undefined;
  const bytes = Buffer.from(s, 'base64');
  // Buffer skips characters outside the alphabet and ignores stray bits: encoding the bytes
  // again gives back exactly `s` only when `s` was canonical.
  if (bytes.length !== expected || bytes.toString('base64') !== s) return undefined;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Little-endian bytes (a multiple of 4) back to Float32 values. */
export function float32FromBytes(bytes: Uint8Array): Float32Array {
  // A copy is aligned for the Float32Array view; on a little-endian machine it is the values.
  if (endianness() === 'LE') return new Float32Array(bytes.slice().buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.byteLength >> 2 }, (_, i) => view.getFloat32(4 * i, true));
}
