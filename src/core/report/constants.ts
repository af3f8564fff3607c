/**
 * DOM ids shared by the HTML renderers and the webview script (kept free of Node imports).
 */

/** Id of the `<script type="application/json">` island that carries the report in a file. */
export const REPORT_ISLAND_ID = 'posthoc-report';
/** Id of the element the webview renders into. */
export const REPORT_ROOT_ID = 'posthoc-root';
