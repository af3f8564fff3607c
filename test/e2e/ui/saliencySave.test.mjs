/**
 * Saliency panel → "Save PNG", as a user does it: right-click fashion/fashion.onnx, "Explain
 * Image (Saliency)…", pick shirt_3.png and keep the preselected methods and class; click "Save
 * PNG" under the first map. code-server's save dialog (the simple file dialog, a quick input
 * holding a path) takes a typed path in the workspace. The file must be a valid PNG (signature,
 * chunk CRCs, IHDR, IDAT that inflates to the right size) whose size is the panel's picture scaled
 * by the whole factor draw.ts documents, and whose pixels, decoded by sharp, are the map's canvas.
 * Saving again onto the same path must ask before overwriting; cancelling leaves the file as it was.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { copyFashion } from './galleryExplain.test.mjs';
import { readSaliencyPanel } from './workbench.mjs';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS = { 0: 1, 2: 3, 4: 2, 6: 4 }; // PNG colour type → samples per pixel (8-bit, no palette)

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
/** CRC-32 as the PNG specification (ISO/IEC 15948, annex D) defines it. */
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Checks a PNG's structure; returns its IHDR fields. Throws with the first defect found. */
function checkPng(buf) {
  assert.ok(buf.subarray(0, 8).equals(SIGNATURE), `not a PNG signature: ${buf.subarray(0, 8).toString('hex')}`);
  const chunks = [];
  for (let at = 8; at < buf.length;) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const body = buf.subarray(at + 4, at + 8 + length);
    assert.equal(buf.readUInt32BE(at + 8 + length), crc32(body), `bad CRC in chunk ${type}`);
    chunks.push({ type, data: buf.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  assert.equal(chunks[0]?.type, 'IHDR', 'the first chunk is not IHDR');
  assert.equal(chunks.at(-1)?.type, 'IEND', 'the last chunk is not IEND');
  const ihdr = chunks[0].data;
  const h = { width: ihdr.readUInt32BE(0), height: ihdr.readUInt32BE(4), bitDepth: ihdr[8], colourType: ihdr[9], interlace: ihdr[12] };
  const channels = CHANNELS[h.colourType];
  assert.ok(h.bitDepth === 8 && channels, `unexpected bit depth ${h.bitDepth} / colour type ${h.colourType}`);
  if (h.interlace === 0) {
    // Each scanline is a filter byte plus width × channels samples.
    const raw = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
    assert.equal(raw.length, h.height * (1 + h.width * channels), 'IDAT does not inflate to height × (1 + width × channels) bytes');
  }
  return h;
}

const status = (frame) => frame.evaluate(() => document.getElementById('ph-sal-status')?.textContent ?? '');

export default {
  title: 'Saliency panel: "Save PNG" → save dialog → valid PNG of the map; saving again asks before overwriting',
  skip: ({ manifest }) => (manifest.contributes?.commands ?? []).some((c) => c.command === 'posthoc.saliency') ? undefined : 'posthoc.saliency is not in the packaged manifest',
  setup({ ws }) {
    copyFashion(ws);
  },
  async run({ wb, sandbox, screenshot }) {
    await wb.expandExplorerFolder('fashion');
    const opened = wb.frames();
    await wb.explorerContextMenu('fashion.onnx', 'Explain Image (Saliency)…');
    await wb.waitQuickPick('— image');
    await wb.pickQuickItem('shirt_3.png');
    await wb.acceptQuickPick('— methods');
    await wb.acceptQuickPick('— classes');
    const panel = await wb.findFrame('#ph-saliency[aria-busy="false"] canvas.ph-sal-map', { exclude: opened, timeout: 60_000 });
    const shown = await readSaliencyPanel(panel);
    assert.equal(shown.title, 'Saliency: shirt_3.png');
    const cell = shown.rows[0]?.cells[0];
    assert.ok(cell?.hasSave, `the first map has no Save PNG button: ${JSON.stringify(shown.rows)}`);
    // The pixels the first map shows, to compare with the saved file.
    const canvas = await panel.evaluate(() => {
      const c = document.querySelector('canvas.ph-sal-map');
      return { width: c.width, height: c.height, rgba: Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data) };
    });
    const save = panel.locator('.ph-sal-cell button', { hasText: 'Save PNG' }).first();

    const target = path.join(sandbox.ws, 'saliency-saved.png');
    fs.rmSync(target, { force: true });
    await save.click();
    await wb.saveDialogEnter(target);
    await panel.waitForFunction((t) => document.getElementById('ph-sal-status')?.textContent === `Saved ${t}`, target, { timeout: 15_000 })
      .catch(async (e) => assert.fail(`after saving, the panel's status is "${await status(panel)}": ${e.message}`));
    assert.ok(fs.existsSync(target), `${target} was not written`);
    const bytes = fs.readFileSync(target);
    const png = checkPng(bytes);
    // Exported maps are scaled up by a whole factor until the long side is at least 256 px (draw.ts canvasPng).
    const factor = Math.max(1, Math.ceil(256 / Math.max(canvas.width, canvas.height)));
    assert.deepEqual([png.width, png.height], [canvas.width * factor, canvas.height * factor], `PNG ${png.width}×${png.height} vs the panel's ${canvas.width}×${canvas.height} picture`);
    assert.deepEqual([canvas.width, canvas.height], [shown.input.width, shown.input.height]);
    // An independent decoder reads the same picture: every block of factor × factor pixels is the canvas pixel.
    const { default: sharp } = await import('sharp');
    const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([info.width, info.height], [png.width, png.height]);
    let differing = 0;
    for (let y = 0; y < canvas.height; y++) {
      for (let x = 0; x < canvas.width; x++) {
        const c = (y * canvas.width + x) * 4;
        const p = ((y * factor + factor - 1) * info.width + x * factor) * 4;
        for (let k = 0; k < 4; k++) if (Math.abs(data[p + k] - canvas.rgba[c + k]) > 1) differing++;
      }
    }
    assert.equal(differing, 0, `${differing} samples of the saved PNG differ from the map on screen`);
    await screenshot('saliency-saved');

    // Again onto the same path: the dialog asks; Cancel, then close the dialog: nothing changes.
    const mtime = fs.statSync(target).mtimeMs;
    await save.click();
    await wb.saveDialogEnter(target);
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: /already exists/ }).waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot('saliency-overwrite-prompt');
    const question = await wb.cancelOverwritePrompt();
    assert.match(question, /saliency-saved\.png already exists/);
    await wb.page.keyboard.press('Escape');
    await panel.waitForFunction(() => document.getElementById('ph-sal-status')?.textContent === 'Not saved.', null, { timeout: 15_000 })
      .catch(async (e) => assert.fail(`after cancelling, the panel's status is "${await status(panel)}": ${e.message}`));
    assert.ok(fs.readFileSync(target).equals(bytes), 'the file changed although overwriting was cancelled');
    assert.equal(fs.statSync(target).mtimeMs, mtime, 'the file was rewritten although overwriting was cancelled');
  },
};
