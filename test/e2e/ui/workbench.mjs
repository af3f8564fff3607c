/**
 * Page helpers for driving the code-server workbench like a user: the Explorer, context menus,
 * quick picks, the command palette, CodeLens, and webview content. VS Code's DOM is not an API,
 * so the selectors live here only; each waits for elements rather than sleeping.
 */

const QUICK_INPUT = '.quick-input-widget';

/** Escapes a string for use inside a RegExp. */
const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
  }

  /** Waits until the workbench shows the workspace's files in the Explorer. */
  async ready(timeout = 60_000) {
    await this.page.waitForSelector('.monaco-workbench', { timeout });
    await this.explorerRow('model.onnx').waitFor({ state: 'visible', timeout });
  }

  /** The Explorer row of a file in the workspace root. */
  explorerRow(name) {
    return this.page.locator('.explorer-folders-view .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${literal(name)}$`) }) });
  }

  /**
   * Right-clicks an Explorer row and clicks a context-menu entry by its exact label. Menus only
   * list an extension's entries once the workbench has read its contributions, which can be
   * after the Explorer shows: reopen the menu a few times before giving up.
   */
  async explorerContextMenu(name, label, attempts = 4) {
    const item = this.page.locator('.context-view .monaco-menu .action-label', { hasText: new RegExp(`^${literal(label)}$`) }).first();
    for (let attempt = 1; ; attempt++) {
      await this.explorerRow(name).click({ button: 'right' });
      try {
        await item.waitFor({ state: 'visible', timeout: 3_000 });
        break;
      } catch (error) {
        await this.page.keyboard.press('Escape');
        if (attempt >= attempts) throw new Error(`the context menu of ${name} has no "${label}": ${error.message}`);
        await this.page.waitForTimeout(1_000);
      }
    }
    await item.click();
    // Under load the menu can re-render (context keys change as extensions activate) and swallow
    // the click; if it is still open, choose the item with the keyboard instead.
    const menu = this.page.locator('.context-view .monaco-menu');
    const closed = await menu.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false);
    if (!closed) {
      await item.hover().catch(() => undefined);
      await this.page.keyboard.press('Enter');
    }
  }

  /** Waits for a quick pick whose title contains `title` (any visible quick input when omitted). */
  async waitQuickPick(title, timeout = 30_000) {
    const widget = this.page.locator(QUICK_INPUT);
    await widget.waitFor({ state: 'visible', timeout });
    if (title) await this.page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: title }).waitFor({ state: 'visible', timeout });
  }

  /**
   * Types `text` into the open quick pick, waits until the focused row's label is `label`,
   * and accepts it. Typing into a picker that is still filling can be lost, so it retries once.
   */
  async pickQuickItem(text, label = text) {
    const input = this.page.locator(`${QUICK_INPUT} .quick-input-box input`);
    const focused = this.page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row.focused .label-name`, { hasText: new RegExp(`^${literal(label)}$`) });
    for (let attempt = 1; ; attempt++) {
      await input.fill(text);
      try {
        await focused.first().waitFor({ state: 'visible', timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt >= 2) throw new Error(`quick pick: no focused item "${label}" after typing "${text}": ${error.message}`);
      }
    }
    await input.press('Enter');
  }

  /**
   * Opens the palette (F1) and types a command's full title until it is the focused row, without
   * running it; returns the palette's input. An extension's commands appear only once the
   * workbench has read its contributions, so this reopens the palette for up to `timeout`.
   */
  async paletteSelect(title, timeout = 20_000) {
    const input = this.page.locator(`${QUICK_INPUT} .quick-input-box input`);
    const row = this.page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row.focused`, { hasText: title }).first();
    const until = Date.now() + timeout;
    for (;;) {
      await this.page.keyboard.press('F1');
      await this.waitQuickPick();
      await input.fill(`>${title}`);
      try {
        await row.waitFor({ state: 'visible', timeout: 3_000 });
        return input;
      } catch (error) {
        await this.page.keyboard.press('Escape');
        if (Date.now() > until) throw new Error(`the command palette has no "${title}": ${error.message}`);
        await this.page.waitForTimeout(500);
      }
    }
  }

  /** Runs a command from the palette by its full title, e.g. "View: Close All Editor Groups". */
  async runCommand(title) {
    const input = await this.paletteSelect(title);
    await input.press('Enter');
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }

  /** Opens a workspace file by name with Quick Open (Ctrl+P), as a user would. */
  async quickOpen(name) {
    await this.page.keyboard.press('Control+P');
    await this.waitQuickPick();
    await this.pickQuickItem(name, name);
  }

  /** Frames of the page right now, to tell webviews opened later from earlier ones. */
  frames() {
    return new Set(this.page.frames());
  }

  /**
   * The first frame (not in `exclude`) holding `selector`. Webviews nest: an outer iframe per
   * webview with the content in an inner `#active-frame`; Playwright lists both as frames.
   */
  async findFrame(selector, { exclude = new Set(), timeout = 30_000 } = {}) {
    const until = Date.now() + timeout;
    for (;;) {
      for (const frame of this.page.frames()) {
        if (exclude.has(frame) || frame.isDetached()) continue;
        const found = await frame.$(selector).catch(() => null);
        if (found) return frame;
      }
      if (Date.now() > until) throw new Error(`no webview frame with ${selector} after ${Math.round(timeout / 1000)} s`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Clicks the CodeLens whose text contains `text` in the active editor. */
  async clickCodeLens(text, timeout = 30_000) {
    const lens = this.page.locator('.monaco-editor .codelens-decoration a', { hasText: text });
    await lens.first().waitFor({ state: 'visible', timeout });
    await lens.first().click();
  }

  /** Expands a folder in the Explorer (a no-op when it is open already), as a click on its row does. */
  async expandExplorerFolder(name, timeout = 10_000) {
    const row = this.explorerRow(name);
    await row.waitFor({ state: 'visible', timeout });
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    await this.page.waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true', await row.elementHandle(), { timeout });
  }

  /** The title of the quick input showing now ('' when none is). */
  async quickInputTitle() {
    const title = this.page.locator(`${QUICK_INPUT}:visible .quick-input-title`);
    return (await title.count()) > 0 ? ((await title.first().textContent()) ?? '').trim() : '';
  }

  /**
   * Accepts an open quick pick as it stands (Enter in its input): for a multi-select, the
   * preselected items; waits until the widget closes or shows another step.
   */
  async acceptQuickPick(title) {
    if (title) await this.waitQuickPick(title);
    await this.page.locator(`${QUICK_INPUT} .quick-input-box input`).press('Enter');
  }

  /**
   * VS Code's save dialog as code-server shows it (the "simple file dialog": a quick input
   * holding a path): waits for it, types `file` (an absolute path) and accepts with Enter.
   * The dialog lists the folder as it goes; a short pause lets it settle before accepting.
   */
  async saveDialogEnter(file, timeout = 20_000) {
    const input = this.page.locator(`${QUICK_INPUT} .quick-input-box input`);
    // The dialog opens on the suggested file's path and then lists that folder, setting the
    // input again when the listing arrives: a path typed before that is overwritten. So wait for
    // the listing, and type again until the value stays put.
    await this.waitQuickPick(undefined, timeout);
    await this.page.waitForFunction((sel) => document.querySelector(sel)?.value.startsWith('/'), `${QUICK_INPUT} .quick-input-box input`, { timeout });
    await this.page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`).first().waitFor({ state: 'visible', timeout });
    for (let attempt = 1; ; attempt++) {
      await input.fill(file);
      await this.page.waitForTimeout(500);
      if ((await input.inputValue()) === file) break;
      if (attempt >= 5) throw new Error(`the save dialog keeps replacing the typed path: it shows "${await input.inputValue()}"`);
    }
    await input.press('Enter');
  }

  /**
   * The simple file dialog's "X already exists. Are you sure you want to overwrite it?" step:
   * waits for it, returns its title, and clicks its Cancel button (Escape when the button
   * cannot be clicked). The dialog itself stays open afterwards, as in VS Code.
   */
  async cancelOverwritePrompt(timeout = 15_000) {
    await this.page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: /already exists/ }).waitFor({ state: 'visible', timeout });
    const title = await this.quickInputTitle();
    const cancel = this.page.locator(`${QUICK_INPUT} .quick-input-action`, { hasText: /^Cancel$/ }).first();
    if (await cancel.isVisible()) await cancel.click();
    else await this.page.keyboard.press('Escape');
    await this.page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: /already exists/ }).waitFor({ state: 'hidden', timeout });
    return title;
  }

  /** Labels of the tabs in each editor group, left group first: [['report', 'Saliency: x.png'], …]. */
  async tabsByGroup() {
    return this.page.evaluate(() => [...document.querySelectorAll('.part.editor .editor-group-container')].map((g) => [...g.querySelectorAll('.tabs-container .tab')].map((t) => (t.getAttribute('aria-label') ?? t.textContent ?? '').trim())));
  }

  /** Closes every editor (reports included), so the next test starts from a clean layout. */
  async closeAllEditors() {
    await this.runCommand('View: Close All Editor Groups');
  }
}

/**
 * Reads what a report webview shows: headline cards and the metrics table, as
 * { cards: {label: {text, value}}, metrics: {label: {text, value}}, svgs }.
 * `value` is the full-precision number the HTML keeps in each cell's `title`.
 */
export async function readReport(frame) {
  return frame.evaluate(() => {
    const cell = (el) => ({ text: el.textContent?.trim() ?? '', value: Number(el.getAttribute('title')) });
    const cards = {};
    for (const card of document.querySelectorAll('.ph-card')) {
      const label = card.querySelector('.ph-card-label')?.textContent?.trim();
      const value = card.querySelector('.ph-card-value');
      if (label && value) cards[label] = cell(value);
    }
    const metrics = {};
    for (const row of document.querySelectorAll('#section-metrics table tbody tr')) {
      const label = row.querySelector('th')?.textContent?.trim();
      const value = row.querySelector('td.num');
      if (label && value) metrics[label] = cell(value);
    }
    return { cards, metrics, svgs: document.querySelectorAll('.vega-embed svg').length };
  });
}

/**
 * Reads what a saliency panel shows: the heading and subtitle, the status line, the input
 * canvas's size, and per class row its heading and cells { method, metrics (the list's lines),
 * width, height, coloured (pixels that differ from the input picture), hasSave, error }.
 */
export async function readSaliencyPanel(frame) {
  return frame.evaluate(() => {
    const text = (el) => el?.textContent?.trim() ?? '';
    const pixels = (canvas) => canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    const inputCanvas = document.querySelector('.ph-sal-input canvas');
    const base = inputCanvas ? pixels(inputCanvas) : undefined;
    const rows = [...document.querySelectorAll('.ph-sal-row')].map((row) => ({
      heading: text(row.querySelector('h2')),
      cells: [...row.querySelectorAll('.ph-sal-cell')].map((fig) => {
        const canvas = fig.querySelector('canvas.ph-sal-map');
        let coloured = 0;
        if (canvas && base) {
          const data = pixels(canvas);
          for (let i = 0; i < data.length; i += 4) if (data[i] !== base[i] || data[i + 1] !== base[i + 1] || data[i + 2] !== base[i + 2]) coloured++;
        }
        return {
          method: text(fig.querySelector('figcaption')),
          metrics: [...fig.querySelectorAll('.ph-sal-metrics li')].map(text),
          width: canvas?.width ?? 0,
          height: canvas?.height ?? 0,
          coloured,
          hasSave: [...fig.querySelectorAll('button')].some((b) => text(b) === 'Save PNG'),
          error: text(fig.querySelector('.ph-sal-error')),
        };
      }),
    }));
    return {
      title: text(document.querySelector('.ph-sal-header h1')),
      subtitle: text(document.querySelector('.ph-sal-subtitle')),
      status: text(document.getElementById('ph-sal-status')),
      input: { width: inputCanvas?.width ?? 0, height: inputCanvas?.height ?? 0 },
      rows,
    };
  });
}
