/**
 * NumPy's .npy and .npz files, written from the format's documentation
 * (numpy.lib.format, "NEP 1"): magic "\x93NUMPY", version, a little-endian header length
 * (2 bytes in v1, 4 in v2/v3), an ASCII (v3: UTF-8) Python dict literal, then the raw data.
 * An .npz is a zip of .npy files, stored or deflated; zlib does the inflating.
 */
import { promises as fs } from 'node:fs';
import * as zlib from 'node:zlib';
import { DataError } from '../errors';

/** The dtypes we read and write, as NumPy spells them. */
export type NpyDtype = '<f4' | '<f8' | '<i8' | '<i4' | '|u1' | '|b1';

/** An n-dimensional array in C (row-major) order. Booleans are a Uint8Array of 0/1. */
export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const CTORS = {
  '<f4': Float32Array, '<f8': Float64Array, '<i8': BigInt64Array, '<i4': Int32Array, '|u1': Uint8Array, '|b1': Uint8Array,
} as const;
// Aliases NumPy may write for the same little-endian types.
const ALIASES: Record<string, NpyDtype> = { '<b1': '|b1', '<u1': '|u1', '|i1': '|u1' };

function headerField(header: string, key: string, pattern: string): string | undefined {
  return new RegExp(`['"]${key}['"]\\s*:\\s*(${pattern})`).exec(header)?.[1];
}

/** Parses the dict literal of an .npy header. */
function parseHeader(header: string, name: string): { dtype: NpyDtype; shape: number[] } {
  const descr = headerField(header, 'descr', `'[^']*'|"[^"]*"`)?.slice(1, -1);
  const fortran = headerField(header, 'fortran_order', 'True|False');
  const shapeText = headerField(header, 'shape', '\\([^)]*\\)');
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new DataError(`${name}: the .npy header is not a NumPy header (${header.trim().slice(0, 80)}).`);
  }
  if (fortran === 'True') {
    throw new DataError(`${name} is stored in Fortran (column-major) order, which is not supported; save it with np.save(path, np.ascontiguousarray(a)).`);
  }
  const dtype = (ALIASES[descr] ?? descr) as NpyDtype;
  if (!(dtype in CTORS)) {
    throw new DataError(`${name} has dtype '${descr}'; supported are ${Object.keys(CTORS).join(', ')} (little-endian). Convert it with a.astype('<f4').`);
  }
  const shape = shapeText.slice(1, -1).split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw new DataError(`${name}: invalid shape ${shapeText} in the .npy header.`);
  return { dtype, shape };
}

/** Decodes the bytes of one .npy file. `name` is used in error messages. */
export function parseNpy(bytes: Uint8Array, name = 'array'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new DataError(`${name} is not a .npy file (no \\x93NUMPY magic).`);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (major < 1 || major > 3) throw new DataError(`${name} uses .npy format version ${major}.${bytes[7]}; versions 1–3 are supported.`);
  const lenBytes = major === 1 ? 2 : 4;
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lenBytes + headerLen;
  if (start > bytes.length) throw new DataError(`${name} is truncated inside its .npy header.`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(8 + lenBytes, start));
  const { dtype, shape } = parseHeader(header, name);
  const Ctor = CTORS[dtype];
  const count = shape.reduce((a, b) => a * b, 1);
  const byteLength = count * Ctor.BYTES_PER_ELEMENT;
  if (start + byteLength > bytes.length) throw new DataError(`${name} is truncated: shape (${shape.join(', ')}) needs ${byteLength} data bytes, the file has ${bytes.length - start}.`);
  // Copy: the data may not be aligned for a typed array view, and callers may keep it.
  const buffer = new Uint8Array(bytes.subarray(start, start + byteLength)).buffer;
  return { dtype, shape, data: new Ctor(buffer) };
}

/** Encodes an array as a .npy file (version 1 unless the header needs more room). */
export function encodeNpy(array: NpyArray): Uint8Array {
  const { dtype, shape, data } = array;
  const count = shape.reduce((a, b) => a * b, 1);
  if (data.length !== count) throw new DataError(`encodeNpy: shape (${shape.join(', ')}) holds ${count} values but the data has ${data.length}.`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let dict = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const v1 = 10 + dict.length + 1 <= 0xffff;
  const pre = v1 ? 10 : 12;
  // Pad with spaces so the data starts on a 64-byte boundary, and end with a newline.
  dict += ' '.repeat((64 - ((pre + dict.length + 1) % 64)) % 64) + '\n';
  const head = new Uint8Array(pre + dict.length);
  head.set(MAGIC);
  head[6] = v1 ? 1 : 2;
  const dv = new DataView(head.buffer);
  if (v1) dv.setUint16(8, dict.length, true);
  else dv.setUint32(8, dict.length, true);
  head.set(new TextEncoder().encode(dict), pre);
  const body = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

/** Reads a .npy file. */
export async function readNpy(path: string): Promise<NpyArray> {
  return parseNpy(await readBytes(path), path);
}

/** Writes a .npy file. */
export async function writeNpy(path: string, array: NpyArray): Promise<void> {
  await fs.writeFile(path, encodeNpy(array));
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(path);
  } catch (e) {
    throw new DataError(`cannot read ${path}: ${(e as Error).message}`);
  }
}

/** One zip entry from the central directory. */
interface ZipEntry { name: string; method: number; compressedSize: number; size: number; localOffset: number }

function zipEntries(b: Uint8Array, name: string): ZipEntry[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new DataError(`${name} is not an .npz (zip) file: no end-of-central-directory record.`);
  let count = dv.getUint16(eocd + 10, true);
  let offset = dv.getUint32(eocd + 16, true);
  // Zip64: the real values live in the zip64 end record, found through its locator.
  if ((offset === 0xffffffff || count === 0xffff) && eocd >= 20 && dv.getUint32(eocd - 20, true) === 0x07064b50) {
    const z64 = Number(dv.getBigUint64(eocd - 12, true));
    count = Number(dv.getBigUint64(z64 + 32, true));
    offset = Number(dv.getBigUint64(z64 + 48, true));
  }
  const entries: ZipEntry[] = [];
  for (let k = 0, p = offset; k < count; k++) {
    if (dv.getUint32(p, true) !== 0x02014b50) throw new DataError(`${name}: corrupt zip central directory.`);
    const e: ZipEntry = {
      method: dv.getUint16(p + 10, true), compressedSize: dv.getUint32(p + 20, true), size: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true), name: '',
    };
    const nameLen = dv.getUint16(p + 28, true), extraLen = dv.getUint16(p + 30, true), commentLen = dv.getUint16(p + 32, true);
    e.name = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen));
    // Zip64 extra field (id 1): 8-byte values for the fields that were saturated, in this order.
    for (let q = p + 46 + nameLen; q < p + 46 + nameLen + extraLen; q += 4 + dv.getUint16(q + 2, true)) {
      if (dv.getUint16(q, true) !== 1) continue;
      let r = q + 4;
      const next = () => { const v = Number(dv.getBigUint64(r, true)); r += 8; return v; };
      if (e.size === 0xffffffff) e.size = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.localOffset === 0xffffffff) e.localOffset = next();
    }
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Decodes an .npz archive: array name (without ".npy") → array. */
export function parseNpz(bytes: Uint8Array, name = 'archive'): Map<string, NpyArray> {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, NpyArray>();
  for (const e of zipEntries(bytes, name)) {
    const start = e.localOffset + 30 + dv.getUint16(e.localOffset + 26, true) + dv.getUint16(e.localOffset + 28, true);
    const raw = bytes.subarray(start, start + e.compressedSize);
    let data: Uint8Array;
    if (e.method === 0) data = raw;
    else if (e.method === 8) data = zlib.inflateRawSync(raw);
    else throw new DataError(`${name}: entry '${e.name}' uses zip compression method ${e.method}; only stored (0) and deflate (8) are supported.`);
    out.set(e.name.replace(/\.npy$/, ''), parseNpy(data, `${name}:${e.name}`));
  }
  return out;
}

/** Reads an .npz file. */
export async function readNpz(path: string): Promise<Map<string, NpyArray>> {
  return parseNpz(await readBytes(path), path);
}

/** Encodes arrays as an .npz (zip) archive; `compress` deflates each entry like np.savez_compressed. */
export function encodeNpz(arrays: Record<string, NpyArray>, compress = false): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [key, array] of Object.entries(arrays)) {
    const name = new TextEncoder().encode(`${key}.npy`);
    const plain = encodeNpy(array);
    const body = compress ? zlib.deflateRawSync(plain) : plain;
    const crc = zlib.crc32(plain);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, compress ? 8 : 0, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, plain.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, compress ? 8 : 0, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, plain.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, body);
    centrals.push(central);
    offset += local.length + body.length;
  }
  const cdSize = centrals.reduce((a, c) => a + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, centrals.length, true);
  ev.setUint16(10, centrals.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** Writes an .npz file. */
export async function writeNpz(path: string, arrays: Record<string, NpyArray>, compress = false): Promise<void> {
  await fs.writeFile(path, encodeNpz(arrays, compress));
}
