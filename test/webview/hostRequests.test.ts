// The webviews' shared request/reply bookkeeping (report, curves and saliency pages).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SaliencyHostMessage, SaliencyWebviewMessage } from '../../src/shared/saliencyProtocol';
import { HostRequests } from '../../webview/vscodeApi';

type SaliencyReply = Extract<SaliencyHostMessage, { type: 'reply' }>;

describe('HostRequests', () => {
  it('gives each request a fresh id and settles it with the reply of that id', async () => {
    const sent: SaliencyWebviewMessage[] = [];
    const host = new HostRequests<SaliencyWebviewMessage, SaliencyReply>({ postMessage: (m) => sent.push(m) });
    const a = host.request((id) => ({ type: 'savePng', id, name: 'a', dataUrl: 'data:image/png;base64,AA==' }));
    const b = host.request((id) => ({ type: 'savePng', id, name: 'b', dataUrl: 'data:image/png;base64,AA==' }));
    assert.deepEqual(sent.map((m) => (m.type === 'savePng' ? [m.id, m.name] : m.type)), [[1, 'a'], [2, 'b']]);
    // Replies may come in any order; each goes to its own request.
    host.settle({ type: 'reply', id: 2, ok: false, error: 'refused' });
    host.settle({ type: 'reply', id: 1, ok: true, value: '/tmp/a.png' });
    assert.deepEqual(await a, { type: 'reply', id: 1, ok: true, value: '/tmp/a.png' });
    assert.deepEqual(await b, { type: 'reply', id: 2, ok: false, error: 'refused' });
  });
  it('ignores replies to unknown or already settled ids', async () => {
    const host = new HostRequests({ postMessage: () => undefined });
    const r = host.request((id) => ({ type: 'export', id, format: 'md' }));
    host.settle({ type: 'reply', id: 99, ok: true });
    host.settle({ type: 'reply', id: 1, ok: true, value: 'first' });
    host.settle({ type: 'reply', id: 1, ok: true, value: 'second' });
    assert.deepEqual(await r, { type: 'reply', id: 1, ok: true, value: 'first' });
  });
});
