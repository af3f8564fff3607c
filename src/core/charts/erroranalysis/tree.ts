/**
 * The error tree as a Vega-Lite chart with a layout computed here: leaves sit side by side in
 * order, a parent sits over the middle of its children, one row per depth. Nodes are rects
 * coloured by error rate with text labels; links are rule marks. No Vega expressions beyond
 * field access, so it renders under vega-interpreter (`ast: true`).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ErrorTree, ErrorTreeNode } from '../../erroranalysis/types';
import { VEGA_LITE_SCHEMA } from '../common';
import { formatPercent } from '../format';
import type { ChartEntry } from '../types';

/** Node position: x in leaf slots, y in depth rows. */
export interface NodePosition {
  id: number;
  x: number;
  depth: number;
}

/** Leaves in order at 0, 1, 2, …; each parent at the midpoint of its two children. */
export function layoutTree(nodes: readonly ErrorTreeNode[]): NodePosition[] {
  const x = new Float64Array(nodes.length);
  let next = 0;
  const place = (id: number): void => {
    const node = nodes[id];
    if (node.left === undefined || node.right === undefined) {
      x[id] = next++;
      return;
    }
    place(node.left);
    place(node.right);
    x[id] = (x[node.left] + x[node.right]) / 2;
  };
  if (nodes.length > 0) place(0);
  return nodes.map((n) => ({ id: n.id, x: x[n.id], depth: n.depth }));
}

/**
 * The split nodes (every node but the root) in the order the editor offers them as cohorts:
 * highest error rate first, ties by id. The tree chart's rows carry each node's position here
 * (`cohort_index`), so a click on a node names the same cohort as the picker.
 */
export function treeCohortOrder(nodes: readonly ErrorTreeNode[]): ErrorTreeNode[] {
  return nodes.filter((n) => n.cohort !== '').sort((a, b) => b.error_rate - a.error_rate || a.id - b.id);
}

const HALF_WIDTH = 0.42;
const HALF_HEIGHT = 0.32;
const ROW_PX = 96;

/** The error tree chart: nodes coloured by error rate, labelled with the rule, rate and counts. */
export function errorTreeChart(tree: ErrorTree): ChartEntry {
  const pos = layoutTree(tree.nodes);
  const leaves = tree.nodes.filter((n) => n.left === undefined).length;
  const maxDepth = Math.max(0, ...tree.nodes.map((n) => n.depth));
  const maxRate = Math.max(1e-9, ...tree.nodes.map((n) => (Number.isFinite(n.error_rate) ? n.error_rate : 0)));
  // -1 for the root (all rows): it is no cohort of its own.
  const cohortIndex = new Map(treeCohortOrder(tree.nodes).map((n, k) => [n.id, k]));
  const rows = tree.nodes.map((n, i) => ({
    id: n.id,
    x: pos[i].x - HALF_WIDTH,
    x2: pos[i].x + HALF_WIDTH,
    cx: pos[i].x,
    y: n.depth - HALF_HEIGHT,
    y2: n.depth + HALF_HEIGHT,
    cy: n.depth,
    condition: n.rule.length ? n.rule[n.rule.length - 1] : 'all rows',
    rule: n.rule.length ? n.rule.join(' and ') : 'all rows',
    rate_label: `${formatPercent(n.error_rate)} err`,
    count_label: `${n.errors}/${n.size} rows`,
    size: n.size,
    errors: n.errors,
    error_rate: n.error_rate,
    error_coverage: n.error_coverage,
    dark: n.error_rate > 0.55 * maxRate ? 1 : 0,
    cohort: n.cohort || '(all rows)',
    cohort_index: cohortIndex.get(n.id) ?? -1,
  }));
  const links = tree.nodes.filter((n) => n.parent !== null).map((n) => {
    const p = pos[n.parent!];
    const c = pos[n.id];
    return { x: p.x, y: p.depth + HALF_HEIGHT, x2: c.x, y2: c.depth - HALF_HEIGHT };
  });
  const xScale = { domain: [-0.5, Math.max(0.5, leaves - 0.5)], nice: false, zero: false };
  const yScale = { domain: [-0.5, maxDepth + 0.5], reverse: true, nice: false, zero: false };
  const tooltip = [
    { field: 'rule', title: 'Rule' },
    { field: 'size', title: 'Rows', type: 'quantitative' },
    { field: 'errors', title: 'Errors', type: 'quantitative' },
    { field: 'error_rate', title: 'Error rate', type: 'quantitative', format: '.1%' },
    { field: 'error_coverage', title: 'Share of all errors', type: 'quantitative', format: '.1%' },
    { field: 'cohort', title: 'Cohort' },
  ];
  const label = (field: string, dy: number, extra: object = {}) => ({
    mark: { type: 'text', dy, fontSize: 11, limit: 150, cursor: 'pointer', ...extra },
    encoding: {
      x: { field: 'cx', type: 'quantitative', scale: xScale, axis: null },
      y: { field: 'cy', type: 'quantitative', scale: yScale, axis: null },
      text: { field, type: 'nominal' },
      color: { condition: { test: 'datum.dark == 1', value: 'white' }, value: 'black' },
      tooltip,
    },
  });
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    width: 'container',
    height: ROW_PX * (maxDepth + 1),
    autosize: { type: 'fit-x', contains: 'padding' },
    description: 'Error tree: where the model errs, nodes coloured by error rate',
    layer: [
      {
        data: { values: links },
        mark: { type: 'rule', opacity: 0.6 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: xScale, axis: null },
          y: { field: 'y', type: 'quantitative', scale: yScale, axis: null },
          x2: { field: 'x2' },
          y2: { field: 'y2' },
        },
      },
      {
        data: { values: rows },
        layer: [
          {
            // The editor evaluates a node's cohort on click (webview/cohortBar.ts).
            mark: { type: 'rect', cornerRadius: 4, stroke: 'gray', strokeWidth: 0.5, cursor: 'pointer' },
            encoding: {
              x: { field: 'x', type: 'quantitative', scale: xScale, axis: null },
              x2: { field: 'x2' },
              y: { field: 'y', type: 'quantitative', scale: yScale, axis: null },
              y2: { field: 'y2' },
              color: { field: 'error_rate', type: 'quantitative', title: 'Error rate', scale: { scheme: 'orangered', domain: [0, maxRate] }, legend: { format: '.0%' } },
              tooltip,
            },
          },
          label('condition', -14, { fontWeight: 600 }),
          label('rate_label', 1),
          label('count_label', 15),
        ],
      },
    ],
  } as unknown as TopLevelSpec;
  const worst = tree.nodes.filter((n) => n.left === undefined).sort((a, b) => b.error_rate - a.error_rate)[0];
  return {
    id: 'error-tree',
    title: 'Error tree',
    summary: worst
      ? `${tree.nodes.length} nodes, ${leaves} leaves; worst leaf ${worst.rule.join(' and ') || 'all rows'}: ${formatPercent(worst.error_rate)} error rate on ${worst.size} rows`
      : 'empty tree',
    spec,
    table: {
      columns: ['Node', 'Rule', 'Rows', 'Errors', 'Error rate', 'Error coverage'],
      rows: tree.nodes.map((n) => [n.id, n.rule.join(' and ') || 'all rows', n.size, n.errors, n.error_rate, n.error_coverage]),
    },
  };
}
