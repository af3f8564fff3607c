/**
 * Report → GitHub-flavoured Markdown, for pull requests and notes. Charts become one line of
 * text each ("ROC AUC 0.9812"); tables become pipe tables.
 */
import { formatNumber } from '../charts/format';
import type { Cell, DataTable } from '../charts/types';
import { footerText } from './strings';
import type { Report, ReportSection } from './types';

/** Rows per Markdown table; chart data is summarised, so only very long class lists are cut. */
const MAX_MD_ROWS = 200;

/**
 * Escapes text for a Markdown table cell or line: pipes, backslashes and Markdown punctuation,
 * and `<`/`>` so user strings can never become HTML. Newlines would end the row: they become spaces.
 */
export function escapeMarkdown(text: string): string {
  // Brackets only matter when they could form a link ("[text](url)" or "[text][ref]").
  const linkish = /\]\s*[([]/.test(text);
  return text
    .replace(linkish ? /[\\`*_[\]|~]/g : /[\\`*_|~]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n|\r/g, ' ');
}

function cellText(cell: Cell): string {
  if (typeof cell === 'number') return formatNumber(cell);
  return escapeMarkdown(cell ?? '');
}

/** A GFM pipe table; numeric columns are right-aligned. */
export function markdownTable(table: DataTable, maxRows = MAX_MD_ROWS): string {
  if (table.rows.length === 0) return '';
  const numeric = table.columns.map((_, i) => table.rows.every((r) => typeof r[i] === 'number' || r[i] === null));
  const lines = [
    `| ${table.columns.map(escapeMarkdown).join(' | ')} |`,
    `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`,
    ...table.rows.slice(0, maxRows).map((r) => `| ${r.map(cellText).join(' | ')} |`),
  ];
  if (table.rows.length > maxRows) lines.push('', `_${table.rows.length - maxRows} more rows not shown._`);
  return lines.join('\n');
}

function sectionMarkdown(s: ReportSection): string[] {
  const out = [`## ${escapeMarkdown(s.title)}`, ''];
  switch (s.kind) {
    case 'summary':
      for (const [k, v] of s.facts) out.push(`- **${escapeMarkdown(k)}:** ${escapeMarkdown(v)}`);
      if (s.cards.length > 0) {
        out.push('');
        const withCi = s.cards.some((c) => c.ci);
        const rows = s.cards.map((c) => [c.label, c.value, ...(withCi ? [c.ci ? `[${formatNumber(c.ci[0])}, ${formatNumber(c.ci[1])}]` : ''] : [])]);
        out.push(markdownTable({ columns: withCi ? ['Headline metric', 'Value', 'CI'] : ['Headline metric', 'Value'], rows }));
      }
      break;
    case 'tables':
      for (const t of s.tables) {
        if (t.caption) out.push(`### ${escapeMarkdown(t.caption)}`, '');
        const md = markdownTable(t.table);
        if (md) out.push(md, '');
      }
      break;
    case 'charts':
      for (const c of s.charts) out.push(`- **${escapeMarkdown(c.title)}:** ${escapeMarkdown(c.summary)}`);
      break;
    case 'warnings':
      for (const w of s.items) out.push(`- ⚠️ ${escapeMarkdown(w)}`);
      break;
    case 'gallery':
      // Thumbnails stay in the HTML report; Markdown lists the image names.
      for (const g of s.grids) {
        if (g.caption) out.push(`### ${escapeMarkdown(g.caption)}`, '');
        const rows = g.rows.map((r) => r.map((c) => (c !== null && typeof c === 'object' ? c.images.map((i) => i.alt).join(', ') : c)));
        const md = markdownTable({ columns: g.columns, rows });
        if (md) out.push(md, '');
      }
      break;
  }
  while (out[out.length - 1] === '') out.pop();
  out.push('');
  return out;
}

/** Renders the report as Markdown text ending with a newline. */
export function renderMarkdown(report: Report): string {
  const lines = [`# ${escapeMarkdown(report.title)}`, '', `_${escapeMarkdown(report.subtitle)}_`, ''];
  for (const s of report.sections) lines.push(...sectionMarkdown(s));
  lines.push('---', '', `<sub>${escapeMarkdown(footerText(report.created, report.posthoc_version))}</sub>`, '');
  return lines.join('\n');
}
