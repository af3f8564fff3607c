/**
 * Theme detection in the page: VS Code puts `vscode-light` / `vscode-dark` /
 * `vscode-high-contrast` on the body and the colours in CSS variables; the standalone file
 * follows the system's colour scheme instead.
 */
import type { CssVars, ThemeKind } from '../src/core/charts/theme';

/** The CSS variables the chart theme reads. */
const THEME_VARS = ['--vscode-editor-foreground', '--vscode-foreground', '--vscode-descriptionForeground', '--vscode-font-family', '--vscode-font-size'];

/** True inside VS Code, where the body carries a theme class. */
export function hasVsCodeTheme(): boolean {
  return document.body.className.split(/\s+/).some((c) => c.startsWith('vscode-'));
}

/** The current theme kind, from the body class or, outside VS Code, from prefers-color-scheme. */
export function currentThemeKind(): ThemeKind {
  const cls = document.body.classList;
  if (cls.contains('vscode-high-contrast') || cls.contains('vscode-high-contrast-light')) return 'high-contrast';
  if (cls.contains('vscode-dark')) return 'dark';
  if (cls.contains('vscode-light')) return 'light';
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** True when the background is light (for the tooltip theme), including high-contrast light. */
export function isLightBackground(): boolean {
  const kind = currentThemeKind();
  return kind === 'light' || document.body.classList.contains('vscode-high-contrast-light');
}

/** Reads the theme's CSS variables from the page. */
export function readCssVars(): CssVars {
  const style = getComputedStyle(document.body);
  const vars: CssVars = {};
  for (const name of THEME_VARS) vars[name] = style.getPropertyValue(name);
  return vars;
}

/** What the charts depend on: theme kind, body class and the colours/fonts they read. */
function themeKey(): string {
  const vars = readCssVars();
  return [document.body.className, currentThemeKind(), ...THEME_VARS.map((n) => vars[n] ?? '')].join('|');
}

/**
 * Calls `onChange` when the theme changes: VS Code swaps the body class (light ↔ dark) and the
 * CSS variables on <html> (also between two themes of the same kind); a browser may switch its
 * colour scheme. Changes are batched to one call per frame. Returns a stop function.
 */
export function observeTheme(onChange: () => void): () => void {
  let last = themeKey();
  let scheduled = false;
  const check = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      const now = themeKey();
      if (now === last) return;
      last = now;
      onChange();
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  const media = window.matchMedia?.('(prefers-color-scheme: dark)');
  media?.addEventListener('change', check);
  return () => {
    observer.disconnect();
    media?.removeEventListener('change', check);
  };
}
