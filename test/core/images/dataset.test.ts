// Listing image datasets: ImageFolder (classes = sorted subfolders, like torchvision) and CSV/JSONL listings.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { DataError } from '../../../src/core/errors';
import { isImageDataset, listImageDataset } from '../../../src/core/images/dataset';

const FASHION = path.join(__dirname, '..', '..', 'fixtures', 'images', 'fashion');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'posthoc-ds-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('listImageDataset', () => {
  it('reads an ImageFolder in sorted order', async () => {
    const ds = await listImageDataset(path.join(FASHION, 'folder'));
    assert.equal(ds.kind, 'folder');
    assert.deepEqual(ds.classes, ['pullover', 'shirt', 'tshirt']);
    assert.equal(ds.items.length, 24);
    assert.deepEqual(ds.items[0], { file: path.join(FASHION, 'folder', 'pullover', 'pullover_0.png'), name: 'pullover/pullover_0.png', label: 'pullover' });
  });
  it('reads CSV and JSONL listings with paths relative to the listing', async () => {
    for (const f of ['images.csv', 'images.jsonl']) {
      const ds = await listImageDataset(path.join(FASHION, f));
      assert.equal(ds.kind, 'listing');
      assert.equal(ds.items.length, 24);
      assert.equal(ds.items[9].file, path.join(FASHION, 'folder', 'shirt', 'shirt_1.png'));
      assert.equal(ds.items[9].label, 'shirt');
    }
    assert.equal((await listImageDataset(path.join(FASHION, 'images.csv'), { maxRows: 5 })).items.length, 5);
  });
  it('tells image datasets from tables', async () => {
    assert.equal(await isImageDataset(path.join(FASHION, 'folder')), true);
    assert.equal(await isImageDataset(path.join(FASHION, 'images.jsonl')), true);
    const table = path.join(tmp, 't.csv');
    writeFileSync(table, 'a,b,label\n1,2,x\n3,4,y\n');
    assert.equal(await isImageDataset(table), false);
    assert.equal(await isImageDataset(path.join(tmp, 'missing.csv')), false);
  });
  it('explains what is wrong with a bad folder or listing', async () => {
    const empty = path.join(tmp, 'empty');
    mkdirSync(empty);
    await assert.rejects(listImageDataset(empty), (e: Error) => e instanceof DataError && /one subfolder per class/.test(e.message));
    mkdirSync(path.join(empty, 'cat'));
    await assert.rejects(listImageDataset(empty), /hold no images/);
    const listing = path.join(tmp, 'l.csv');
    writeFileSync(listing, 'image,kind\na.png,x\n');
    await assert.rejects(listImageDataset(listing), /no label column.*--label/);
    await assert.rejects(listImageDataset(path.join(tmp, 'nope')), /does not exist/);
  });
});
