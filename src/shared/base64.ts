/**
 * Encoding of the saliency panel's saved state, run in the webview (no Buffer there): base64
 * (RFC 4648 §4, with padding), and Float32 values as explicit little-endian bytes, so the saved
 * form does not depend on the machine's byte order. The host decodes it with Buffer
 * (src/host/saliency/stateBytes.ts).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ALPHABET_CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));

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

/** Float32 values as little-endian bytes. */
export function float32ToBytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i], true);
  return bytes;
}
