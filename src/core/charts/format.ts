/**
 * Number formatting shared by chart labels, tables and the Markdown/HTML renderers.
 */

/**
 * Formats a number for people: integers as they are, others with 4 significant digits,
 * exponent form only for very small or very large magnitudes. NaN and ±Infinity read "n/a"/"∞".
 */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '';
  if (Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) return value.toExponential(digits - 1);
  // Large non-integers: round to an integer rather than switching to exponent form.
  if (abs >= 10 ** digits) return String(Math.round(value));
  return value.toPrecision(digits);
}

/** Formats a fraction 0..1 as a percentage with one decimal ("45.2%"). */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return formatNumber(fraction);
  return `${(fraction * 100).toFixed(1)}%`;
}

/** Formats a byte count with a binary unit ("1.5 MiB"). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}
