/**
 * A Vega config that follows the VS Code colour theme. The webview computes it from the
 * theme's CSS variables; without them (tests, CLI) it falls back to VS Code's default colours.
 */
import type { Config } from 'vega-lite';

export type ThemeKind = 'light' | 'dark' | 'high-contrast';

/** CSS custom properties by name, e.g. `{'--vscode-editor-foreground': '#cccccc'}`. */
export type CssVars = Record<string, string | undefined>;

/** VS Code's default foregrounds, used when a CSS variable is missing (standalone HTML). */
const FALLBACK_FOREGROUND: Record<ThemeKind, string> = {
  light: '#3b3b3b',
  dark: '#cccccc',
  'high-contrast': '#ffffff',
};
const FALLBACK_FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", Ubuntu, "Helvetica Neue", sans-serif';

function cssVar(vars: CssVars | undefined, name: string): string | undefined {
  const value = vars?.[name]?.trim();
  return value ? value : undefined;
}

/**
 * Returns a Vega-Lite config whose text, axes, grid and legend use the theme's foreground and
 * font. The background stays transparent so charts sit on the editor background; category
 * colours keep Vega's defaults, which read on light and dark backgrounds alike.
 */
export function vscodeThemeConfig(kind: ThemeKind, cssVars?: CssVars): Config {
  const fg = cssVar(cssVars, '--vscode-editor-foreground') ?? cssVar(cssVars, '--vscode-foreground') ?? FALLBACK_FOREGROUND[kind];
  const muted = cssVar(cssVars, '--vscode-descriptionForeground') ?? fg;
  const font = cssVar(cssVars, '--vscode-font-family') ?? FALLBACK_FONT;
  const fontSize = Number.parseFloat(cssVar(cssVars, '--vscode-font-size') ?? '') || 13;
  const highContrast = kind === 'high-contrast';
  // Grid and domain lines reuse the foreground at low opacity, so they work on any background.
  const gridOpacity = highContrast ? 0.45 : 0.15;
  const labelSize = Math.max(10, fontSize - 2);

  return {
    background: 'transparent',
    font,
    padding: 8,
    view: { stroke: 'transparent' },
    title: { color: fg, subtitleColor: muted, fontSize: fontSize + 1, anchor: 'start', fontWeight: 600 },
    axis: {
      labelColor: muted,
      titleColor: fg,
      domainColor: fg,
      domainOpacity: highContrast ? 1 : 0.4,
      tickColor: fg,
      tickOpacity: highContrast ? 1 : 0.4,
      gridColor: fg,
      gridOpacity,
      labelFontSize: labelSize,
      titleFontSize: labelSize + 1,
      titleFontWeight: 500,
    },
    legend: { labelColor: fg, titleColor: fg, labelFontSize: labelSize, titleFontSize: labelSize + 1, labelLimit: 260 },
    header: { labelColor: fg, titleColor: fg },
    text: { color: fg, fontSize: labelSize },
    rule: { color: fg },
    point: { filled: true },
    line: { strokeWidth: highContrast ? 2.5 : 2 },
  };
}
