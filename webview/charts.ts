/**
 * Draws the report's charts with vega-embed. Vega runs with vega-interpreter (`ast: true`), so
 * neither the webview nor the exported file needs 'unsafe-eval' in its CSP.
 */
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { ChartEntry } from '../src/core/charts/types';
import { vscodeThemeConfig } from '../src/core/charts/theme';
import { currentThemeKind, isLightBackground, readCssVars } from './theme';

/** A data row of a chart mark (the Vega-Lite row with its fields). */
export type Datum = Record<string, unknown>;

/** Holds the live Vega views so charts can be exported and redrawn on theme changes. */
export class ChartViews {
  private readonly results = new Map<string, Result>();
  private readonly clickListeners = new Map<string, (datum: Datum) => void>();
  private generation = 0;

  /**
   * Calls `listener` with the data row under the pointer when chart `chartId` is clicked; kept
   * across redraws (theme changes, new reports). Undefined stops listening.
   */
  onDatumClick(chartId: string, listener: ((datum: Datum) => void) | undefined): void {
    if (listener) this.clickListeners.set(chartId, listener);
    else this.clickListeners.delete(chartId);
  }

  /** The live view of a chart, if it rendered. */
  view(chartId: string): Result['view'] | undefined {
    return this.results.get(chartId)?.view;
  }

  /**
   * (Re)draws every chart into its `.ph-chart-view` under `root` with the current theme.
   * Failures are shown in place and passed to `onError`; one bad chart does not stop the others.
   */
  async renderAll(root: HTMLElement, charts: ChartEntry[], onError: (message: string) => void): Promise<void> {
    this.finalizeAll();
    const generation = ++this.generation;
    const config = vscodeThemeConfig(currentThemeKind(), readCssVars());
    const tooltipTheme = isLightBackground() ? 'light' : 'dark';
    await Promise.all(charts.map(async (chart) => {
      const figure = root.querySelector<HTMLElement>(`figure[data-chart-id="${CSS.escape(chart.id)}"]`);
      const target = figure?.querySelector<HTMLElement>('.ph-chart-view');
      if (!target) return;
      target.replaceChildren();
      try {
        const result = await embed(target, chart.spec, {
          ast: true,
          expr: expressionInterpreter,
          renderer: 'svg',
          actions: false,
          // Styles live in media/report.css: injected <style> tags would be blocked by the CSP.
          defaultStyle: false,
          tooltip: { theme: tooltipTheme, disableDefaultStyle: true },
          config,
        });
        // A newer render started while this one was loading: drop the stale view.
        if (generation !== this.generation) result.finalize();
        else {
          this.results.set(chart.id, result);
          // Looked up at click time, so a listener set after the draw still hears it.
          result.view.addEventListener('click', (_event, item) => {
            const datum = (item as { datum?: unknown } | null | undefined)?.datum;
            const listener = this.clickListeners.get(chart.id);
            if (listener && typeof datum === 'object' && datum !== null) listener(datum as Datum);
          });
        }
      } catch (err) {
        const message = `Chart "${chart.title}" could not be drawn: ${err instanceof Error ? err.message : String(err)}`;
        const p = document.createElement('p');
        p.className = 'ph-error';
        p.textContent = message;
        target.replaceChildren(p);
        onError(message);
      }
    }));
  }

  /** Releases every view (timers, listeners) before a redraw or a new report. */
  finalizeAll(): void {
    for (const r of this.results.values()) r.finalize();
    this.results.clear();
  }
}
