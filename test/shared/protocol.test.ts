import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isHostMessage, isWebviewMessage, MESSAGE_LIMITS, pngBytesFromDataUrl } from '../../src/shared/protocol';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

describe('isWebviewMessage', () => {
  it('accepts every well-formed message', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'export', id: 1, format: 'html' },
      { type: 'export', id: 0, format: 'json' },
      { type: 'export', id: 7, format: 'md' },
      { type: 'exportChart', id: 2, chartId: 'roc', format: 'png', dataUrl: PNG },
      { type: 'exportChart', id: 3, chartId: 'confusion-matrix', format: 'svg', svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
      { type: 'exportChart', id: 3, chartId: 'pr', format: 'svg', svg: '<?xml version="1.0"?>\n<svg></svg>' },
      { type: 'error', message: 'boom' },
    ]) assert.equal(isWebviewMessage(m), true, JSON.stringify(m));
  });

  it('rejects wrong shapes, types and extra fields', () => {
    for (const m of [
      null, undefined, 'ready', 42, [], {},
      { type: 'nope' },
      { type: 'ready', extra: 1 },
      { type: 'export', id: '1', format: 'html' },
      { type: 'export', id: -1, format: 'html' },
      { type: 'export', id: 1.5, format: 'html' },
      { type: 'export', id: 1, format: 'pdf' },
      { type: 'export', id: 1 },
      { type: 'export', id: 1, format: 'md', path: '/etc/passwd' },
      { type: 'exportChart', id: 1, chartId: '../../x', format: 'png', dataUrl: PNG },
      { type: 'exportChart', id: 1, chartId: '', format: 'png', dataUrl: PNG },
      { type: 'exportChart', id: 1, chartId: 'roc', format: 'png', dataUrl: 'data:text/html;base64,PGgxPg==' },
      { type: 'exportChart', id: 1, chartId: 'roc', format: 'png', dataUrl: `${PNG}"><script>` },
      { type: 'exportChart', id: 1, chartId: 'roc', format: 'png', svg: '<svg></svg>' },
      { type: 'exportChart', id: 1, chartId: 'roc', format: 'svg', svg: '<html><svg></svg>' },
      { type: 'exportChart', id: 1, chartId: 'roc', format: 'svg', svg: 5 },
      { type: 'exportChart', id: 1, chartId: 'roc', format: 'gif', dataUrl: PNG },
      { type: 'error', message: 3 },
      { type: 'error', message: 'x'.repeat(MESSAGE_LIMITS.maxMessageChars + 1) },
      { type: 'error' },
    ]) assert.equal(isWebviewMessage(m), false, JSON.stringify(m)?.slice(0, 100));
  });

  it('is not fooled by inherited properties', () => {
    const proto = { type: 'export', id: 1, format: 'html' };
    assert.equal(isWebviewMessage(Object.create(proto)), false);
  });
});

describe('isWebviewMessage: explainRow', () => {
  it('accepts a request id and a 0-based data row', () => {
    assert.equal(isWebviewMessage({ type: 'explainRow', id: 3, row: 0 }), true);
    assert.equal(isWebviewMessage({ type: 'explainRow', id: 0, row: MESSAGE_LIMITS.maxRowIndex }), true);
  });

  it('rejects rows that are not whole, non-negative 32-bit indices, missing ids and extra fields', () => {
    for (const row of [-1, 1.5, NaN, Infinity, MESSAGE_LIMITS.maxRowIndex + 1, '3', null, [3], { valueOf: () => 3 }]) {
      assert.equal(isWebviewMessage({ type: 'explainRow', id: 1, row }), false, `row ${String(row)}`);
    }
    assert.equal(isWebviewMessage({ type: 'explainRow', row: 3 }), false);
    assert.equal(isWebviewMessage({ type: 'explainRow', id: -1, row: 3 }), false);
    assert.equal(isWebviewMessage({ type: 'explainRow', id: 1, row: 3, model: '/etc/passwd' }), false);
    assert.equal(isWebviewMessage({ type: 'explainRow', id: 1, rows: [3] }), false);
  });
});

describe('isHostMessage', () => {
  it('accepts report, theme and replies', () => {
    assert.equal(isHostMessage({ type: 'report', report: { title: 't', subtitle: '', created: '', posthoc_version: '', sections: [] } }), true);
    assert.equal(isHostMessage({ type: 'theme', kind: 'high-contrast' }), true);
    assert.equal(isHostMessage({ type: 'reply', id: 1, ok: true, value: 'Saved.' }), true);
    assert.equal(isHostMessage({ type: 'reply', id: 1, ok: false, error: 'Disk full' }), true);
  });

  it('rejects malformed ones', () => {
    assert.equal(isHostMessage({ type: 'report', report: { sections: 'no' } }), false);
    assert.equal(isHostMessage({ type: 'theme', kind: 'sepia' }), false);
    assert.equal(isHostMessage({ type: 'reply', id: 1, ok: false }), false);
    assert.equal(isHostMessage({ type: 'reply', ok: true }), false);
  });
});

describe('pngBytesFromDataUrl', () => {
  it('decodes the PNG signature', () => {
    assert.deepEqual([...pngBytesFromDataUrl(PNG).slice(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  });
});
