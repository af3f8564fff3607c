// The gallery: confident mistakes first, a few samples per class, images per confusion cell, thumbnails ≤ 64 px.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildGallery, GALLERY_LIMITS } from '../../../src/core/images/gallery';
import { sharpLib } from '../../../src/core/images/preprocess';

const IMG = path.join(__dirname, '..', '..', 'fixtures', 'images', 'fashion', 'folder', 'shirt', 'shirt_0.png');

describe('buildGallery', () => {
  it('orders mistakes by confidence and fills cells and samples', async () => {
    const n = 20;
    const names = Array.from({ length: n }, (_, i) => `img${i}.png`);
    const yTrue = Int32Array.from({ length: n }, (_, i) => i % 2);
    const yPred = Int32Array.from({ length: n }, (_, i) => (i < 6 ? 1 - (i % 2) : i % 2));
    const proba = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) { const c = 0.5 + i / 50; proba[i * 2 + yPred[i]] = c; proba[i * 2 + 1 - yPred[i]] = 1 - c; }
    const g = await buildGallery({ names, files: names.map(() => IMG), classes: ['a', 'b'], yTrue, yPred, proba });
    assert.deepEqual(g.mistakes.map((m) => m.image), ['img5.png', 'img4.png', 'img3.png', 'img2.png', 'img1.png', 'img0.png']);
    assert.equal(g.mistakes[0].true, 'b');
    assert.equal(g.mistakes[0].predicted, 'a');
    assert.equal(g.mistakes[0].confidence, 0.6);
    assert.deepEqual(Object.fromEntries(Object.entries(g.samples).map(([k, v]) => [k, v.length])), { a: GALLERY_LIMITS.perClass, b: GALLERY_LIMITS.perClass });
    assert.deepEqual(g.cells.map((c) => [c.true, c.predicted, c.count, c.images.length]), [['a', 'a', 7, 7], ['a', 'b', 3, 3], ['b', 'a', 3, 3], ['b', 'b', 7, 7]]);
    const thumb = g.thumbnails['img0.png'];
    assert.match(thumb, /^data:image\/png;base64,/);
    const meta = await sharpLib()(Buffer.from(thumb.split(',')[1], 'base64')).metadata();
    assert.ok(meta.width! <= 96 && meta.height! <= 96);
  });
});

describe('imageGridHtml', () => {
  it('embeds only inline image data: URLs and escapes text', async () => {
    const { imageGridHtml } = await import('../../../src/core/report/sectionsHtml');
    const html = imageGridHtml({
      caption: 'c<1>',
      columns: ['Class', 'Images'],
      rows: [['<b>', { images: [{ src: 'data:image/png;base64,AAAA', alt: 'a"b' }, { src: 'javascript:alert(1)', alt: 'x' }, { src: 'https://example.com/x.png', alt: 'y' }] }]],
    });
    assert.match(html, /<img class="ph-thumb" src="data:image\/png;base64,AAAA" alt="a&quot;b"/);
    assert.doesNotMatch(html, /javascript:|example\.com/);
    assert.match(html, /&lt;b&gt;/);
    assert.match(html, /c&lt;1&gt;/);
  });
});
