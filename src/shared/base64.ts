/**
 * Base64 (RFC 4648 §4, with padding) for the saliency panel's saved state, written out so the
 * same code runs in the webview (no Buffer) and on the host; and Float32 values as explicit
 * little-endian bytes, so the saved form does not depend on the machine's byte order.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = new Int16Array(128).fill(-1);
const ALPHABET_CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
for (let i = 0; i < ALPHABET.length; i++) CODES[ALPHABET_CODES[i]] = i;

/** Encodes bytes as base64 with `=` padding. */
export function bytesBase64(bytes: Uint8Array): string {
  // ASCII codes into one buffer, decoded once: far faster than growing a string per quad.
  const out = new Uint8Array(4 * Math.ceil(bytes.length / 3));
  for (let i = 0, o = 0; i < bytes.length; i += 3, o += 4) {
    const left = bytes.length - i;
    const n = (bytes[i] << 16) | ((left > 1 ? bytes[i + 1] : 0) << 8) | (left > 2 ? bytes[i + 2] : 0);
    out[o] = ALPHABET_CODES[n >> 18];
    out[o + 1] = ALPHABET_CODES[(n >> 12) & 63];
    out[o + 2] = left > 1 ? ALPHABET_CODES[(n >> 6) & 63] : 61; // '='
    out[o + 3] = left > 2 ? ALPHABET_CODES[n & 63] : 61;
  }
  // ASCII is valid UTF-8; TextDecoder is native in browsers and Node.
  return new TextDecoder().decode(out);
}

/**
 * Decodes canonical padded base64 that must hold exactly `expected` bytes; undefined for
 * anything else (not a string, wrong length, a character outside the alphabet, bad padding).
 * The length is checked before decoding, so an oversized string costs nothing.
 */
export function base64Bytes(s: unknown, expected: number): Uint8Array | undefined {
  if (typeof s !== 'string' || s.length !== 4 * Math.ceil(expected / 3)) return undefined;
  const pad = expected % 3 === 0 ? 0 : 3 - (expected % 3);
  const out = new Uint8Array(expected);
  for (let i = 0, o = 0; i < s.length; i += 4) {
    const last = i + 4 === s.length;
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = s.charCodeAt(i + j);
      const padded = last && j >= 4 - pad;
      if (padded) {
        if (c !== 61 /* = */) return undefined;
        continue;
      }
      const v = c < 128 ? CODES[c] : -1;
      if (v < 0) return undefined;
      n |= v << (18 - 6 * j);
    }
    // Canonical form: the bits under the padding are zero.
    if (last && ((pad === 1 && (n & 0xff) !== 0) || (pad === 2 && (n & 0xffff) !== 0))) return undefined;
    out[o++] = n >> 16;
    if (o < expected) out[o++] = (n >> 8) & 0xff;
    if (o < expected) out[o++] = n & 0xff;
  }
  return out;
}

/** Float32 values as little-endian bytes. */
export function float32ToBytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i], true);
  return bytes;
}

/** Little-endian bytes (a multiple of 4) back to Float32 values. */
export function float32FromBytes(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float32Array(bytes.byteLength >> 2);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(4 * i, true);
  return values;
}
