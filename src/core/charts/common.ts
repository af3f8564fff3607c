/**
 * Small pieces every chart builder uses: the schema URL, container sizing and data hygiene.
 */

/** The `$schema` of every spec; Vega-Lite only reads it, nothing is fetched. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Default plot height in pixels; width follows the container. */
export const CHART_HEIGHT = 300;

/** Top-level sizing: fill the container's width, keep a fixed height. */
export function containerSized(height = CHART_HEIGHT) {
  return {
    width: 'container' as const,
    height,
    autosize: { type: 'fit-x' as const, contains: 'padding' as const },
  };
}

/** Curves longer than this are thinned: a few thousand points already look exact on screen. */
export const MAX_CURVE_POINTS = 1500;

/**
 * Indices to keep when thinning a series of `length` points to at most `max`, always keeping
 * the first and last point so curves still start and end where they should.
 */
export function thinnedIndices(length: number, max = MAX_CURVE_POINTS): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  const step = (length - 1) / (max - 1);
  const out: number[] = [];
  for (let k = 0; k < max; k++) out.push(Math.round(k * step));
  return out;
}

/** Non-finite numbers become null: JSON cannot carry them and tooltips should show a blank. */
export function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** Human names for the averaged curves of a multiclass result. */
export function curveName(key: string): string {
  if (key === 'micro') return 'micro-average';
  if (key === 'macro') return 'macro-average';
  return key;
}

/** Average curves first would hide classes; draw them last and in a stable order. */
export function orderedCurveKeys(keys: string[]): string[] {
  const averages = keys.filter((k) => k === 'micro' || k === 'macro');
  return [...keys.filter((k) => k !== 'micro' && k !== 'macro'), ...averages];
}

/** Legend placement: inside the plot for a few series, to the right for many. */
export function legendOrient(seriesCount: number, inside: 'bottom-right' | 'bottom-left') {
  return seriesCount <= 6 ? inside : 'right';
}
