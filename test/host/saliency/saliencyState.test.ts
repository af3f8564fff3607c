// The saliency panel's saved webview state: what the page saves survives JSON (as VS Code
// stores it) and reads back bit-exact; anything with wrong sizes, extra or missing fields is refused.
// Base64 and Float32 bytes are checked against Node's Buffer, an independent implementation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytesBase64, float32ToBytes } from '../../../src/shared/base64';
import { base64Bytes, float32FromBytes } from '../../../src/host/saliency/stateBytes';
import type { SaliencyView } from '../../../src/shared/saliencyProtocol';
import { readSaliencyState } from '../../../src/host/saliency/saliencyState';
import { DEFAULT_SETTINGS, saliencyState, SALIENCY_STATE_LIMITS, type SaliencyState } from '../../../src/shared/saliencyState';

/** A small view like the command builds: 3 × 2 image, two maps and one failed map. */
function view(): SaliencyView {
  const w = 3;
  const h = 2;
  return {
    model: 'small_cnn.onnx', image: 'cnn_input.npy', width: w, height: h,
    rgb: Uint8Array.from({ length: w * h * 3 }, (_, i) => (i * 37) % 256),
    classes: ['cat', 'dog', 'class 2'], probabilities: [0.1, 0.2, 0.7], top: 2,
    cells: [
      { method: 'integrated-gradients', target: 2, heatmap: Float32Array.from([0.5, -1.25, 3e-8, 1e30, -0, 7]), sign: 'all', completenessGap: 0.01, relativeGap: 0.02, deletionAuc: 0.3, insertionAuc: 0.6, sanity: [{ layers: 1, spearman: 0.25 }, { layers: 2, spearman: -0.5 }], ms: 12.5 },
      { method: 'occlusion', target: 0, heatmap: Float32Array.from([1, 2, 3, 4, 5, 6]), sign: 'positive', ms: 3 },
      { method: 'grad-cam', target: 0, heatmap: new Float32Array(0), sign: 'positive', ms: 1, error: 'no convolution layer' },
    ],
  };
}

/** The state as VS Code hands it back: through JSON. */
const stored = (s: SaliencyState) => JSON.parse(JSON.stringify(s)) as Record<string, unknown> & { view: Record<string, unknown> & { cells: Record<string, unknown>[] } };

function refused(state: unknown, reason: RegExp): void {
  const r = readSaliencyState(state);
  assert.equal(r.ok, false, 'expected the state to be refused');
  if (!r.ok) assert.match(r.reason, reason);
}

describe('base64 and Float32 bytes', () => {
  it("match Node's Buffer for every length and byte value", () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 101 + n * 7) % 256);
      const b64 = bytesBase64(bytes);
      assert.equal(b64, Buffer.from(bytes).toString('base64'), `length ${n}`);
      assert.deepEqual(base64Bytes(b64, n), bytes);
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    assert.equal(bytesBase64(all), Buffer.from(all).toString('base64'));
  });
  it('refuses a wrong length, foreign characters and non-canonical padding', () => {
    assert.equal(base64Bytes('AAAA', 2), undefined);
    assert.equal(base64Bytes('AAA=', 3), undefined);
    assert.equal(base64Bytes('AA-A', 3), undefined);
    assert.equal(base64Bytes('AA A', 3), undefined);
    assert.equal(base64Bytes('AAé=', 2), undefined);
    assert.equal(base64Bytes('AB==', 1), undefined, 'stray bits under the padding');
    assert.equal(base64Bytes('AAB=', 2), undefined, 'stray bits under the padding');
    assert.equal(base64Bytes(12, 0), undefined);
    assert.deepEqual(base64Bytes('', 0), new Uint8Array(0));
  });
  it('keeps Float32 values little-endian and bit-exact (NaN and -0 included)', () => {
    const values = Float32Array.from([0, -0, 1.5, -3.25e-20, 3.4e38, Number.NaN, Number.POSITIVE_INFINITY]);
    const bytes = float32ToBytes(values);
    const ref = Buffer.alloc(values.length * 4);
    values.forEach((v, i) => ref.writeFloatLE(v, 4 * i));
    assert.deepEqual(Buffer.from(bytes), ref);
    assert.deepEqual(new Uint8Array(float32FromBytes(bytes).buffer), new Uint8Array(values.buffer));
  });
});

describe('saliency panel state', () => {
  it('accepts what the page saves, after JSON, and gives back the same view', () => {
    const v = view();
    const settings = { opacity: 0.3, sign: 'negative' as const, clip: 95, colormap: 'viridis' as const };
    const r = readSaliencyState(stored(saliencyState(v, settings)));
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.deepEqual(r.state.settings, settings);
    assert.deepEqual(r.state.view, v);
    assert.ok(r.state.view.cells[0].heatmap instanceof Float32Array && r.state.view.rgb instanceof Uint8Array);
  });
  it('does not save metrics JSON would turn into null', () => {
    const v = view();
    v.cells[0].completenessGap = Number.NaN;
    const s = stored(saliencyState(v, DEFAULT_SETTINGS));
    assert.equal('completenessGap' in s.view.cells[0], false);
    assert.ok(readSaliencyState(s).ok);
  });
  it('keeps only the settings when the maps are over the byte budget, and then refuses to restore', () => {
    const side = 1024;
    const big: SaliencyView = { ...view(), width: side, height: side, rgb: new Uint8Array(side * side * 3),
      cells: Array.from({ length: 2 }, () => ({ method: 'occlusion' as const, target: 0, heatmap: new Float32Array(side * side), sign: 'positive' as const, ms: 1 })) };
    assert.ok(3 * side * side + 2 * 4 * side * side > SALIENCY_STATE_LIMITS.maxBytes);
    const s = saliencyState(big, DEFAULT_SETTINGS);
    assert.equal(s.view, undefined);
    refused(stored(s), /over the size kept/);
  });
  it('refuses sizes that do not match the declared dims', () => {
    const bad = (edit: (s: ReturnType<typeof stored>) => void, reason: RegExp) => {
      const s = stored(saliencyState(view(), DEFAULT_SETTINGS));
      edit(s);
      refused(s, reason);
    };
    bad((s) => (s.view.width = 4), /rgb is not base64 of 4×2×3 bytes/);
    bad((s) => (s.view.rgb = bytesBase64(new Uint8Array(3 * 6 + 1))), /rgb is not base64/);
    bad((s) => (s.view.cells[1].heatmap = bytesBase64(float32ToBytes(new Float32Array(5)))), /map 1: heatmap is not base64 of 6 Float32/);
    bad((s) => (s.view.cells[2].heatmap = bytesBase64(float32ToBytes(new Float32Array(6)))), /map 2: heatmap is not base64 of 0/);
    bad((s) => (s.view.probabilities = [0.5, 0.5]), /probabilities must be 3 numbers/);
    bad((s) => (s.view.cells[0].target = 3), /map 0: target is not a class index/);
    bad((s) => (s.view.top = -1), /top is not a class index/);
    bad((s) => (s.view.height = 0), /width and height/);
    bad((s) => (s.view.width = SALIENCY_STATE_LIMITS.maxSide + 1), /width and height/);
    bad((s) => (s.view.width = 1.5), /width and height/);
    bad((s) => (s.view.cells = Array.from({ length: SALIENCY_STATE_LIMITS.maxCells + 1 }, () => s.view.cells[1])), /at most/);
    // Declared dims whose maps would be over the budget are refused before any decoding.
    bad((s) => Object.assign(s.view, { width: 4096, height: 4096 }), /byte budget/);
  });
  it('refuses extra and missing fields at every level', () => {
    const bad = (edit: (s: ReturnType<typeof stored>) => void, reason: RegExp) => {
      const s = stored(saliencyState(view(), DEFAULT_SETTINGS));
      edit(s);
      refused(s, reason);
    };
    bad((s) => (s.extra = 1), /state: unexpected field 'extra'/);
    bad((s) => delete s.settings, /state: 'settings' is missing/);
    bad((s) => (s.version = 2), /unknown version/);
    bad((s) => ((s.settings as Record<string, unknown>).script = 'x'), /settings: unexpected field 'script'/);
    bad((s) => delete (s.settings as Record<string, unknown>).clip, /settings: 'clip' is missing/);
    bad((s) => ((s.settings as Record<string, unknown>).colormap = 'jet'), /unknown colour map/);
    bad((s) => (s.view.html = '<script>'), /view: unexpected field 'html'/);
    bad((s) => delete s.view.classes, /view: 'classes' is missing/);
    bad((s) => (s.view.cells[0].url = 'https://x'), /map 0: unexpected field 'url'/);
    bad((s) => delete s.view.cells[1].ms, /map 1: 'ms' is missing/);
    bad((s) => (s.view.cells[0].method = 'magic'), /map 0: unknown method/);
    bad((s) => (s.view.cells[0].sanity = [{ layers: 2, spearman: 0.1 }]), /map 0: sanity is not a list/);
    bad((s) => (s.view.cells[0].sanity = [{ layers: 1, spearman: 3 }]), /map 0: sanity is not a list/);
    bad((s) => (s.view.cells[0].sanity = [{ layers: 1, spearman: 0.1, note: '<b>' }]), /map 0: sanity is not a list/);
    bad((s) => (s.view.cells[0].sanity = 'high'), /map 0: sanity is not a list/);
    bad((s) => (s.view.cells[0].deletionAuc = null), /deletionAuc is not a number/);
    bad((s) => (s.view.classes = [1, 2, 3]), /classes must be a list of short texts/);
    bad((s) => (s.view.image = 'x'.repeat(SALIENCY_STATE_LIMITS.maxTextChars + 1)), /short texts/);
    for (const junk of [undefined, null, 'state', [], { settings: DEFAULT_SETTINGS }]) refused(junk, /./);
  });
});
