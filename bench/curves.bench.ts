/**
 * Event-file reading: Posthoc's reader on a 1M-scalar TensorBoard event file vs the raw read
 * throughput of the same file (fs.readFile + one loop over the bytes), in the same run.
 * Also times downsampling and smoothing 1M points.
 * Run: npx tsx bench/curves.bench.ts [nScalars]
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downsampleIndices, maskedCrc32c, readEventFile, smooth } from '../src/core/curves';

const N = Number(process.argv[2] ?? 1_000_000);

function varint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

/** One serialized Event{wall_time, step, summary{value{tag, simple_value}}}, hand-encoded. */
function eventBytes(wall: number, step: number, tag: Buffer, value: number): Buffer {
  const val: number[] = [0x0a];
  varint(val, tag.length);
  val.push(...tag, 0x15, 0, 0, 0, 0);
  const v = Buffer.from(val);
  v.writeFloatLE(value, v.length - 4);
  const ev: number[] = [0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0x10];
  varint(ev, step);
  ev.push(0x2a);
  varint(ev, v.length + 2);
  ev.push(0x0a);
  varint(ev, v.length);
  const head = Buffer.from(ev);
  head.writeDoubleLE(wall, 1);
  return Buffer.concat([head, v]);
}

/** A TFRecord around `data`: length, masked CRC of the length, data, masked CRC of the data. */
function record(data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length + 4);
  out.writeUInt32LE(data.length, 0);
  out.writeUInt32LE(maskedCrc32c(out, 0, 8), 8);
  data.copy(out, 12);
  out.writeUInt32LE(maskedCrc32c(data), 12 + data.length);
  return out;
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const result = await fn();
  return [(performance.now() - t0) / 1000, result];
}

async function main(): Promise<void> {
  const file = join(tmpdir(), `posthoc-bench-events.out.tfevents.${process.pid}`);
  const tag = Buffer.from('train/loss');
  const parts: Buffer[] = [];
  for (let i = 0; i < N; i++) parts.push(record(eventBytes(1_700_000_000 + i * 0.01, i, tag, Math.exp(-i / N) + 0.01 * Math.sin(i))));
  const bytes = Buffer.concat(parts);
  await writeFile(file, bytes);
  parts.length = 0;
  try {
    const mb = bytes.length / 1e6;
    // Warm the page cache and the JIT once, then time each best of three.
    await readFile(file);
    await readEventFile(file);
    let raw = Infinity;
    let ours = Infinity;
    let points = 0;
    for (let k = 0; k < 3; k++) {
      const [tRaw] = await time(async () => {
        const b = await readFile(file);
        let sum = 0;
        for (let i = 0; i < b.length; i++) sum = (sum + b[i]) | 0;
        return sum;
      });
      const [tOurs, read] = await time(() => readEventFile(file));
      raw = Math.min(raw, tRaw);
      ours = Math.min(ours, tOurs);
      points = read.tags.get('train/loss')!.values.length;
    }
    if (points !== N) throw new Error(`read ${points} scalars, expected ${N}`);
    const values = (await readEventFile(file)).tags.get('train/loss')!.values;
    const [tDown, idx] = await time(() => downsampleIndices(values, 2000));
    const [tSmooth] = await time(() => smooth(values, 0.6));
    console.log(`event file: ${N.toLocaleString()} scalars, ${mb.toFixed(1)} MB`);
    console.log(`raw read (readFile + byte loop): ${raw.toFixed(3)} s  (${(mb / raw).toFixed(0)} MB/s)`);
    console.log(`posthoc readEventFile:           ${ours.toFixed(3)} s  (${(mb / ours).toFixed(0)} MB/s, ${(N / ours / 1e6).toFixed(2)} M scalars/s)`);
    console.log(`ratio ours / raw: ${(ours / raw).toFixed(2)}`);
    console.log(`downsample ${N.toLocaleString()} → ${idx.length} points: ${(tDown * 1000).toFixed(1)} ms`);
    console.log(`smooth ${N.toLocaleString()} points: ${(tSmooth * 1000).toFixed(1)} ms`);
  } finally {
    if (!process.env.KEEP) await rm(file, { force: true });
    else console.log(file);
  }
}

void main();
