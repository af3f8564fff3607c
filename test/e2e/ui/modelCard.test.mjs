/**
 * Double-clicking model.onnx in the Explorer opens Posthoc's model card (custom editor
 * `posthoc.modelCard`): inputs, outputs, class labels and operators read from the file, and an
 * "Evaluate…" button that starts the evaluate flow for this model.
 */
import * as assert from 'node:assert/strict';

export default {
  title: 'Explorer: double-click model.onnx → the model card shows inputs, outputs, labels and operators',
  skip: ({ manifest }) => (manifest.contributes?.customEditors ?? []).some((e) => e.viewType === 'posthoc.modelCard') ? undefined : 'posthoc.modelCard is not in the packaged manifest',
  async run({ wb, page, screenshot }) {
    const before = wb.frames();
    await wb.explorerRow('model.onnx').dblclick();
    // The card renders once the host has parsed the model in a worker (aria-busy turns false).
    const frame = await wb.findFrame('#ph-card[aria-busy="false"]', { exclude: before, timeout: 30_000 });
    const card = await frame.evaluate(() => {
      const texts = (sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent?.trim() ?? '');
      const facts = {};
      const dl = document.querySelector('.ph-card-facts');
      for (const dt of dl?.querySelectorAll('dt') ?? []) facts[dt.textContent ?? ''] = dt.nextElementSibling?.textContent ?? '';
      const sections = {};
      for (const s of document.querySelectorAll('.ph-card-section')) sections[s.querySelector('h2')?.textContent ?? ''] = s.textContent ?? '';
      return { title: texts('.ph-card-header h1')[0], facts, sections, ops: texts('.ph-hist-op'), error: texts('.ph-card-error').join(' ') };
    });
    assert.equal(card.error, '', `the card shows an error: ${card.error}`);
    assert.equal(card.title, 'model.onnx');
    assert.equal(card.facts['Class labels'], 'malignant, benign');
    assert.match(card.sections.Inputs ?? '', /input.*\[\?, 30\]|input.*30/s, 'the Inputs table lacks input [?, 30]');
    assert.match(card.sections.Outputs ?? '', /probabilities/, 'the Outputs table lacks probabilities');
    assert.ok(card.ops.includes('Gemm') || card.ops.includes('MatMul'), `unexpected operators: ${card.ops.join(', ')}`);
    // The tab is the custom editor, not the text editor's "binary file" notice.
    await page.locator('.tabs-container .tab.active', { hasText: 'model.onnx' }).waitFor({ state: 'visible', timeout: 5_000 });
    await screenshot('model-card');

    // "Evaluate…" on the card starts the flow with this model: the dataset picker comes next.
    await frame.locator('.ph-card-actions button', { hasText: 'Evaluate…' }).click();
    await wb.waitQuickPick('(2/3)', 15_000);
    await page.keyboard.press('Escape');
  },
};
