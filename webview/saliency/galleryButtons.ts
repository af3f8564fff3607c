/**
 * "Explain this image" on the report gallery's thumbnails (evaluation reports of image
 * datasets, inside VS Code only). Thumbnails are numbered in page order, the order
 * galleryImageNames (src/core/report/gallery.ts) lists them on the host; a click posts only that
 * number, and the host finds the file and runs the saliency command.
 */
import type { ExplainImageMessage } from '../../src/shared/saliencyProtocol';

const STYLE_ID = 'ph-explain-thumb-style';
const CSS = `.ph-explain-thumb { display: inline-flex; flex-direction: column; align-items: center; gap: 0.15rem; margin: 0 0.25rem 0.3rem 0; vertical-align: top; }
.ph-explain-thumb button { font-size: 0.8em; padding: 0.05rem 0.35rem; cursor: pointer; white-space: nowrap; }`;

/** Adds the style once, under the page's CSP nonce (published in a meta tag by the page shell). */
function ensureStyle(): void {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  if (nonce) style.nonce = nonce;
  style.textContent = CSS;
  document.head.append(style);
}

/**
 * Wraps every gallery thumbnail under `root` with an "Explain" button that calls `post` with
 * the thumbnail's number. Returns how many buttons were added.
 */
export function addExplainImageButtons(root: HTMLElement, post: (message: ExplainImageMessage) => void): number {
  const thumbs = Array.from(root.querySelectorAll<HTMLImageElement>('section.ph-section-gallery img.ph-thumb'));
  if (thumbs.length === 0) return 0;
  ensureStyle();
  thumbs.forEach((img, index) => {
    const wrap = document.createElement('span');
    wrap.className = 'ph-explain-thumb';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Explain';
    button.title = `Explain this image: saliency maps of ${img.alt}`;
    button.setAttribute('aria-label', `Explain ${img.alt} (saliency)`);
    button.dataset.explainImage = String(index);
    // Its own listener: the report's click handler only looks at chart, cohort and export buttons.
    button.addEventListener('click', () => post({ type: 'explainImage', index }));
    img.replaceWith(wrap);
    wrap.append(img, button);
  });
  return thumbs.length;
}
