// Validation of what the saliency webview and the report gallery may send the host.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isExplainImageMessage, isSaliencyHostMessage, isSaliencyWebviewMessage, SALIENCY_LIMITS } from '../../src/shared/saliencyProtocol';
import { isWebviewMessage } from '../../src/shared/protocol';

const png = 'data:image/png;base64,iVBORw0KGgo=';

describe('saliency webview messages', () => {
  it('accepts the messages the page sends', () => {
    assert.ok(isSaliencyWebviewMessage({ type: 'ready' }));
    assert.ok(isSaliencyWebviewMessage({ type: 'rendered', maps: 4, coloured: 3, sign: 'positive', clip: 98, colormap: 'viridis' }));
    assert.ok(isSaliencyWebviewMessage({ type: 'savePng', id: 1, name: 'integrated-gradients-cat', dataUrl: png }));
    assert.ok(isSaliencyWebviewMessage({ type: 'error', message: 'boom' }));
  });
  it('refuses unknown types, extra keys and wrong types', () => {
    for (const bad of [null, [], 'ready', { type: 'nope' }, { type: 'ready', extra: 1 },
      { type: 'rendered', maps: -1, coloured: 0, sign: 'positive', clip: 98, colormap: 'inferno' },
      { type: 'rendered', maps: 1, coloured: 0, sign: 'sideways', clip: 98, colormap: 'inferno' },
      { type: 'rendered', maps: 1, coloured: 0, sign: 'all', clip: 10, colormap: 'inferno' },
      { type: 'rendered', maps: 1, coloured: 0, sign: 'all', clip: 98, colormap: 'jet' },
      { type: 'error', message: 'x'.repeat(SALIENCY_LIMITS.maxMessageChars + 1) }]) {
      assert.equal(isSaliencyWebviewMessage(bad), false, JSON.stringify(bad)?.slice(0, 80));
    }
  });
  it('only takes PNG data URLs and plain file-name stems to save', () => {
    const save = (name: string, dataUrl: string, id: unknown = 1) => isSaliencyWebviewMessage({ type: 'savePng', id, name, dataUrl });
    assert.equal(save('../../etc/passwd', png), false);
    assert.equal(save('a/b', png), false);
    assert.equal(save('', png), false);
    assert.equal(save('x'.repeat(SALIENCY_LIMITS.maxNameChars + 1), png), false);
    assert.equal(save('ok', 'data:image/svg+xml;base64,PHN2Zz4='), false);
    assert.equal(save('ok', 'data:image/png;base64,<script>'), false);
    assert.equal(save('ok', 'https://example.com/x.png'), false);
    assert.equal(save('ok', png, 1.5), false);
    assert.equal(save('ok', png, '1'), false);
  });
});

describe('"Explain this image" from the report gallery', () => {
  it('is an index and nothing else: no path can be sent', () => {
    assert.ok(isExplainImageMessage({ type: 'explainImage', index: 0 }));
    assert.ok(isWebviewMessage({ type: 'explainImage', index: 3 }), 'the report protocol accepts it');
    for (const bad of [{ type: 'explainImage' }, { type: 'explainImage', index: -1 }, { type: 'explainImage', index: 1.5 }, { type: 'explainImage', index: '2' },
      { type: 'explainImage', index: SALIENCY_LIMITS.maxGalleryIndex + 1 }, { type: 'explainImage', index: 0, path: '/etc/passwd' }]) {
      assert.equal(isExplainImageMessage(bad), false, JSON.stringify(bad));
      assert.equal(isWebviewMessage(bad), false, JSON.stringify(bad));
    }
  });
});

describe('saliency host messages (sanity check in the page)', () => {
  it('accepts a view and replies', () => {
    assert.ok(isSaliencyHostMessage({ type: 'saliency', view: { width: 2, height: 2, rgb: new Uint8Array(12), classes: [], cells: [] } }));
    assert.ok(isSaliencyHostMessage({ type: 'reply', id: 1, ok: true, value: null }));
    assert.ok(isSaliencyHostMessage({ type: 'reply', id: 1, ok: false, error: 'no' }));
    assert.equal(isSaliencyHostMessage({ type: 'saliency', view: { width: 2 } }), false);
  });
});
