// Gallery thumbnails ↔ files: the numbering "Explain this image" relies on.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { EvaluationResult } from '../../../src/core/evaluate/types';
import { galleryImage, galleryImageNames, gallerySection } from '../../../src/core/report/gallery';
import { imageGridHtml } from '../../../src/core/report/sectionsHtml';

const thumb = 'data:image/png;base64,iVBORw0KGgo=';
function result(kind: 'folder' | 'listing', data: string): EvaluationResult {
  const names = ['cat/1.png', 'dog/2.png', 'cat/3.png', 'dog/4.npy'];
  return {
    classes: ['cat', 'dog'],
    dataset: { path: data },
    images: {
      dataset_kind: kind, input: 'x',
      preprocess: { width: 4, height: 4, resize: 'exact', channels: 'rgb', scale: 1, layout: 'nchw', dtype: 'float32' },
      gallery: {
        mistakes: [{ image: 'dog/2.png', true: 'dog', predicted: 'cat', confidence: 0.9 }],
        samples: { cat: [{ image: 'cat/1.png', true: 'cat', predicted: 'cat' }, { image: 'cat/3.png', true: 'cat', predicted: 'cat' }], dog: [{ image: 'dog/4.npy', true: 'dog', predicted: 'dog' }] },
        cells: [{ true: 'dog', predicted: 'cat', count: 1, images: ['dog/2.png'] }, { true: 'cat', predicted: 'cat', count: 2, images: ['cat/1.png', 'cat/3.png'] }],
        // .npy inputs have no thumbnail, so they are not in the gallery.
        thumbnails: Object.fromEntries(names.filter((n) => !n.endsWith('.npy')).map((n) => [n, thumb])),
      },
    },
  } as unknown as EvaluationResult;
}

describe('gallery image numbering', () => {
  it('numbers thumbnails in the order the report shows them', () => {
    const r = result('folder', '/data/pets');
    const names = galleryImageNames(r);
    assert.deepEqual(names, ['dog/2.png', 'cat/1.png', 'cat/3.png', 'dog/2.png', 'cat/1.png', 'cat/3.png']);
    // The same order as the <img> tags the report renders (the webview numbers those).
    const html = gallerySection(r)!.grids.map(imageGridHtml).join('');
    assert.deepEqual([...html.matchAll(/<img class="ph-thumb"[^>]* alt="([^"]*)"/g)].map((m) => m[1]), names);
  });
  it('maps a number to the file, resolved as the dataset reader did, with the true class', () => {
    const r = result('folder', '/data/pets');
    assert.deepEqual(galleryImage(r, 0), { file: path.resolve('/data/pets/dog/2.png'), name: 'dog/2.png', trueClass: 1 });
    assert.deepEqual(galleryImage(r, 2), { file: path.resolve('/data/pets/cat/3.png'), name: 'cat/3.png', trueClass: 0 });
    const listing = result('listing', '/data/pets/list.csv');
    assert.equal(galleryImage(listing, 1).file, path.resolve('/data/pets/cat/1.png'));
  });
  it('refuses numbers past the gallery, tabular results, and names outside the folder', () => {
    const r = result('folder', '/data/pets');
    assert.throws(() => galleryImage(r, 6), /no gallery image number 6/);
    assert.throws(() => galleryImage({ ...r, images: undefined }, 0), /no image gallery/);
    const evil = result('folder', '/data/pets');
    evil.images!.gallery.mistakes[0].image = '../../etc/passwd';
    evil.images!.gallery.thumbnails['../../etc/passwd'] = thumb;
    assert.throws(() => galleryImage(evil, 0), /outside the dataset folder/);
  });
});
