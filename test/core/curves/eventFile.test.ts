import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { crc32c, EventFileTail, maskedCrc32c, readEventFile } from '../../../src/core/curves';
import { DataError } from '../../../src/core/errors';
import { expected, expectedSeries, FIXTURES, LOGDIR } from './helpers';

const TRAIN = path.join(LOGDIR, 'tb', 'train', 'events.out.tfevents.1700000000.host.1.v2');
const EVAL = path.join(LOGDIR, 'tb', 'eval', 'events.out.tfevents.1700000001.host.2.v2');

describe('crc32c', () => {
  it('matches the standard test vectors', () => {
    assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
    assert.equal(crc32c(new Uint8Array(0)), 0);
    assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa); // 32 zero bytes (RFC 3720 B.4)
    assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43); // 32 bytes of 0xFF
    const inc = Uint8Array.from({ length: 32 }, (_, i) => i);
    assert.equal(crc32c(inc), 0x46dd794e); // 0x00..0x1F
    assert.equal(crc32c(Buffer.from('The quick brown fox jumps over the lazy dog')), 0x22620404);
  });

  it('agrees on sub-ranges and odd lengths (slicing-by-8 tail)', () => {
    const text = Buffer.from('xx123456789yy');
    assert.equal(crc32c(text, 2, 11), 0xe3069283);
  });

  it('masks like TFRecord: the length field of an empty record', () => {
    // A record's first 12 bytes: uint64 length then its masked CRC, as the Python generator wrote.
    const file = readFileSync(TRAIN);
    assert.equal(maskedCrc32c(file, 0, 8), file.readUInt32LE(8));
  });
});

describe('readEventFile', () => {
  const exp = expected();

  it('reads simple_value scalars exactly (float32 values, double wall times, int64 steps)', async () => {
    const { tags, warnings } = await readEventFile(TRAIN);
    assert.deepEqual(warnings, []);
    assert.deepEqual([...tags.keys()].sort(), ['accuracy', 'loss']);
    for (const tag of ['loss', 'accuracy']) assert.deepEqual(tags.get(tag), expectedSeries(exp.runs['tb/train'][tag]));
  });

  it('reads scalar tensors (float_val, double_val, tensor_content) and skips a corrupt record with a warning', async () => {
    const { tags, warnings } = await readEventFile(EVAL);
    assert.deepEqual(tags.get('loss'), expectedSeries(exp.runs['tb/eval'].loss));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], new RegExp(`events\\.out\\.tfevents\\.1700000001.*byte ${exp.meta.corrupt_record_offset}\\b`));
  });

  it('a corrupt length header is a DataError naming the file and offset', async () => {
    const file = path.join(FIXTURES, 'corrupt_header', 'events.out.tfevents.1700000002.host.3');
    await assert.rejects(readEventFile(file), (e: Error) => e instanceof DataError && e.message.includes(file) && e.message.includes(`byte ${exp.meta.corrupt_header_offset}`));
  });
});

describe('EventFileTail', () => {
  it('parses only records appended since the last read, and waits for partial ones', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'posthoc-tail-'));
    try {
      const whole = readFileSync(TRAIN);
      const copy = path.join(dir, 'events.out.tfevents.1');
      // Cut the file in the middle of a record: the first read must stop before it.
      const cut = Math.floor(whole.length / 2);
      writeFileSync(copy, whole.subarray(0, cut));
      const tail = new EventFileTail(copy);
      const first = await tail.read();
      const n1 = first.tags.get('loss')!.steps.length;
      assert.ok(n1 > 0 && n1 < 50);
      assert.ok(tail.offset <= cut && tail.offset > 0);
      const again = await tail.read();
      assert.equal(again.records, 0, 'nothing new: nothing parsed');
      assert.equal(again.tags.size, 0);
      appendFileSync(copy, whole.subarray(cut));
      const second = await tail.read();
      const n2 = second.tags.get('loss')!.steps.length;
      assert.equal(n1 + n2, 50);
      assert.equal(second.tags.get('loss')!.steps[0], first.tags.get('loss')!.steps[n1 - 1] + 10);
      assert.equal(tail.offset, whole.length);
      // Appending a whole file's worth again yields exactly its records once more.
      copyFileSync(copy, path.join(dir, 'backup'));
      appendFileSync(copy, whole);
      const third = await tail.read();
      assert.equal(third.tags.get('loss')!.steps.length, 50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
