/**
 * The typed message protocol between the extension host and the report webview. Both sides
 * import this file. Messages from a webview are untrusted: the host must pass them through
 * {@link isWebviewMessage} before use.
 */
import type { ThemeKind } from '../core/charts/theme';
import type { CurvesView } from '../core/curves/curvesSession';
import type { EvaluationResult } from '../core/evaluate/types';
import type { ExplainResult } from '../core/explain/pipeline/options';
import type { Report } from '../core/report/types';
import { isExplainImageMessage, type ExplainImageMessage } from './saliencyProtocol';
import { hasExactKeys, isBoundedString, isReadyOrError, isRecord, isReplyShape, isRequestId, PNG_DATA_URL } from './validate';

export type { ThemeKind };
export type ReportExportFormat = 'html' | 'json' | 'md';
export type ChartExportFormat = 'png' | 'svg';

// ---- host → webview ----

/** A finished report to render (charts carry their Vega-Lite specs inline). */
export interface ReportMessage {
  type: 'report';
  report: Report;
  /** The raw result, which the webview keeps in its state so JSON export survives a window reload. */
  result?: EvaluationResult;
  /** The raw explanation of an explain report, kept in the webview state for the same reason. */
  explain?: ExplainResult;
  /** Error-analysis reports: the cohorts (tree nodes, slices) the "Evaluate cohort" control offers, by label. */
  cohorts?: CohortLabel[];
  /** Evaluation reports: the cohort bar (which cohort is shown, which others can be). */
  cohortBar?: CohortBarView;
}
/**
 * The cohort bar of an evaluation report: choice 0 is all rows. The host keeps the expressions;
 * the webview answers with a `selectCohort` index.
 */
export interface CohortBarView {
  choices: CohortLabel[];
  /** The choice shown, or being evaluated while `busy`. */
  selected: number;
  busy: boolean;
  /** What the bar says: the cohort and its rows, progress, or why a cohort cannot be shown. */
  status: string;
  /** True when `status` explains a cohort that could not be shown. */
  problem: boolean;
}
/** The cohort bar changed without a new report (evaluating, a problem, a new cohort to offer). */
export interface CohortBarMessage { type: 'cohortBar'; bar: CohortBarView }
/** A cohort as the webview shows it; the host keeps the expression and is answered with the index. */
export interface CohortLabel { label: string; description: string }
/** The colour theme changed; the webview also watches the body class itself. */
export interface ThemeMessage { type: 'theme'; kind: ThemeKind }
/** The answer to a webview request with the same id. */
export type ReplyMessage =
  | { type: 'reply'; id: number; ok: true; value?: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };

export type HostToWebview = ReportMessage | ThemeMessage | ReplyMessage | CohortBarMessage;

// ---- webview → host ----

/** Sent once the webview script runs; the host answers with a `report` message. */
export interface ReadyMessage { type: 'ready' }
/** Save the whole report in a format; the host asks for a file name and replies. */
export interface ExportMessage { type: 'export'; id: number; format: ReportExportFormat }
/** Save one chart image: PNG as a data URL, SVG as text. */
export type ExportChartMessage =
  | { type: 'exportChart'; id: number; chartId: string; format: 'png'; dataUrl: string }
  | { type: 'exportChart'; id: number; chartId: string; format: 'svg'; svg: string };
/** Something failed in the webview (a chart did not render); the host logs it. */
export interface ErrorMessage { type: 'error'; message: string }

/** Evaluate the model on the report's cohort number `index` (of the `cohorts` the host sent). */
export interface EvaluateCohortMessage { type: 'evaluateCohort'; index: number }

/** Show the evaluation report's cohort bar choice number `index` in this panel. */
export interface SelectCohortMessage { type: 'selectCohort'; index: number }
/** The webview drew a report with its cohort bar at choice `index` (tests and diagnostics read it). */
export interface CohortShownMessage { type: 'cohortShown'; index: number }

/**
 * Explain data row `row` (0-based, as `posthoc explain --rows`) of the evaluation report's "Rows to
 * inspect"; the host accepts only rows the report lists, and replies when the explanation is open.
 */
export interface ExplainRowMessage { type: 'explainRow'; id: number; row: number }

/** "Explain this image" on gallery thumbnail `index` (validated in ./saliencyProtocol.ts). */
export type { ExplainImageMessage };

export type WebviewToHost = ReadyMessage | ExportMessage | ExportChartMessage | ErrorMessage | EvaluateCohortMessage | SelectCohortMessage | CohortShownMessage | ExplainRowMessage | ExplainImageMessage;

/** Limits on what a webview may send, so a broken or hostile page cannot flood the host. */
export const MESSAGE_LIMITS = {
  maxImageChars: 64 * 1024 * 1024,
  maxMessageChars: 10_000,
  maxChartIdChars: 100,
  maxCohortIndex: 10_000,
  /** Data rows are indexed with 32-bit integers. */
  maxRowIndex: 2 ** 31 - 1,
} as const;

const CHART_ID = /^[A-Za-z0-9_.-]+$/;

/** Validates a message that arrived from a webview: type, every field, and nothing extra. */
export function isWebviewMessage(x: unknown): x is WebviewToHost {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'ready':
    case 'error':
      return isReadyOrError(x, MESSAGE_LIMITS.maxMessageChars);
    case 'export':
      return hasExactKeys(x, ['type', 'id', 'format']) && isRequestId(x.id) && (x.format === 'html' || x.format === 'json' || x.format === 'md');
    case 'exportChart': {
      const common = isRequestId(x.id) && isBoundedString(x.chartId, MESSAGE_LIMITS.maxChartIdChars, 1) && CHART_ID.test(x.chartId);
      if (!common) return false;
      if (x.format === 'png') {
        return hasExactKeys(x, ['type', 'id', 'chartId', 'format', 'dataUrl'])
          && isBoundedString(x.dataUrl, MESSAGE_LIMITS.maxImageChars) && PNG_DATA_URL.test(x.dataUrl);
      }
      if (x.format === 'svg') {
        return hasExactKeys(x, ['type', 'id', 'chartId', 'format', 'svg'])
          && isBoundedString(x.svg, MESSAGE_LIMITS.maxImageChars) && /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(x.svg);
      }
      return false;
    }
    case 'evaluateCohort':
    case 'selectCohort':
    case 'cohortShown':
      return hasExactKeys(x, ['type', 'index']) && isRequestId(x.index) && x.index < MESSAGE_LIMITS.maxCohortIndex;
    case 'explainRow':
      return hasExactKeys(x, ['type', 'id', 'row']) && isRequestId(x.id) && isRequestId(x.row) && x.row <= MESSAGE_LIMITS.maxRowIndex;
    case 'explainImage':
      return isExplainImageMessage(x);
    default:
      return false;
  }
}

const THEME_KINDS: readonly string[] = ['light', 'dark', 'high-contrast'];

/**
 * Validates a message that arrived from the host. The host is trusted, so this checks the shape
 * the webview relies on (the report's sections array), not every chart spec.
 */
export function isHostMessage(x: unknown): x is HostToWebview {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'report':
      return isRecord(x.report) && Array.isArray(x.report.sections) && typeof x.report.title === 'string';
    case 'theme':
      return typeof x.kind === 'string' && THEME_KINDS.includes(x.kind);
    case 'cohortBar':
      return isRecord(x.bar) && Array.isArray(x.bar.choices) && typeof x.bar.selected === 'number' && typeof x.bar.status === 'string';
    case 'reply':
      return isReplyShape(x);
    default:
      return false;
  }
}

/** Decodes a validated PNG data URL to bytes (host side, before writing the file). */
export function pngBytesFromDataUrl(dataUrl: string): Uint8Array {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

// ---- training-curves panel (posthoc.showTrainingCurves) ----

/** The curves panel's view: what the controls set (runs and tags to hide, smoothing, axes). */
export type CurvesViewState = CurvesView;

/** Host → curves webview: the report for the current view, and every run and tag to pick from. */
export interface CurvesMessage {
  type: 'curves';
  report: Report;
  runs: { key: string; label: string }[];
  tags: string[];
  view: CurvesViewState;
  /** Points read so far; a status line shows it. */
  points: number;
}

export type CurvesHostToWebview = CurvesMessage | CurvesStatusMessage | ThemeMessage | ReplyMessage;

/** Curves webview → host: the user changed a control (the webview debounces the slider). */
export interface CurvesViewMessage { type: 'curvesView'; view: CurvesViewState }

export type CurvesWebviewToHost = WebviewToHost | CurvesViewMessage | CurvesRenderedMessage;

/** Limits on a curves view sent by the webview. */
export const CURVES_LIMITS = { maxNames: 10_000, maxNameChars: 1_000 } as const;

function isNameList(x: unknown): x is string[] {
  return Array.isArray(x) && x.length <= CURVES_LIMITS.maxNames && x.every((s) => isBoundedString(s, CURVES_LIMITS.maxNameChars));
}

/** Validates a curves view: smoothing in [0, 0.99], a known axis, and bounded name lists. */
export function isCurvesView(x: unknown): x is CurvesViewState {
  return isRecord(x) && hasExactKeys(x, ['smoothing', 'x', 'logY', 'hiddenRuns', 'hiddenTags'])
    && typeof x.smoothing === 'number' && Number.isFinite(x.smoothing) && x.smoothing >= 0 && x.smoothing <= 0.99
    && (x.x === 'step' || x.x === 'wall') && typeof x.logY === 'boolean'
    && isNameList(x.hiddenRuns) && isNameList(x.hiddenTags);
}

/** Validates a message from the curves webview: the report messages plus `curvesView`. */
export function isCurvesWebviewMessage(x: unknown): x is CurvesWebviewToHost {
  if (isRecord(x) && x.type === 'curvesView') return hasExactKeys(x, ['type', 'view']) && isCurvesView(x.view);
  if (isRecord(x) && x.type === 'curvesRendered') return isCurvesRendered(x);
  return isWebviewMessage(x);
}

/** Validates a message from the host to the curves webview (shape only: the host is trusted). */
export function isCurvesHostMessage(x: unknown): x is CurvesHostToWebview {
  if (isRecord(x) && x.type === 'curves') {
    return isRecord(x.report) && Array.isArray(x.report.sections) && Array.isArray(x.runs) && Array.isArray(x.tags) && isCurvesView(x.view) && typeof x.points === 'number';
  }
  if (isRecord(x) && x.type === 'curvesStatus') return typeof x.text === 'string';
  return isHostMessage(x) && x.type !== 'report';
}

/** Host → curves webview: a status line (waiting for logs, a read error) when there is no report to show. */
export interface CurvesStatusMessage { type: 'curvesStatus'; text: string }

/** Curves webview → host: charts drawn after a `curves` message (tests and diagnostics read it). */
export interface CurvesRenderedMessage { type: 'curvesRendered'; charts: number }

/** Validates a `curvesRendered` message. */
export function isCurvesRendered(x: unknown): x is CurvesRenderedMessage {
  return isRecord(x) && x.type === 'curvesRendered' && hasExactKeys(x, ['type', 'charts']) && isRequestId(x.charts);
}
