import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { buildReport, escapeHtml, inlineRawText, jsonForScript, renderHtml, webviewShellHtml } from '../../../src/core/report';
import { binaryResult, multiclassResult } from '../../fixtures/report/results';

const ROOT = join(__dirname, '..', '..', '..');
const css = readFileSync(join(ROOT, 'media/report.css'), 'utf8');
const XSS = '<img src=x onerror=alert(1)>';

function cspOf(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(m, 'CSP meta tag');
  return m[1];
}

describe('renderHtml', () => {
  let bundle: string;
  before(async () => {
    const out = await esbuild.build({ entryPoints: [join(ROOT, 'webview/main.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'es2022', write: false, minify: true });
    bundle = out.outputFiles[0].text;
  });

  it('is self-contained: the real webview bundle inline, no http(s) src or href', () => {
    const html = renderHtml(buildReport(binaryResult()), { webviewScript: bundle, css });
    assert.equal(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i.test(html), false);
    assert.equal(/<link\b/i.test(html), false);
    assert.equal(/<script[^>]*\ssrc=/i.test(html), false);
    assert.ok(html.includes('id="posthoc-report"'));
    const mapped = renderHtml(buildReport(binaryResult()), { webviewScript: 'void 0;\n//# sourceMappingURL=webview.js.map\n', css });
    assert.equal(mapped.includes('sourceMappingURL'), false);
  });

  it('has a nonce CSP without unsafe-eval or unsafe-inline, and the nonce on the script and style', () => {
    const html = renderHtml(buildReport(binaryResult()), { webviewScript: 'console.log(1)', css });
    const csp = cspOf(html);
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 22, 'random nonce');
    assert.ok(csp.includes(`style-src 'nonce-${nonce}'`));
    assert.ok(csp.includes("default-src 'none'"));
    assert.equal(/unsafe-eval|unsafe-inline/.test(csp), false);
    assert.ok(html.includes(`<script nonce="${nonce}">`));
    assert.ok(html.includes(`<style nonce="${nonce}">`));
    const other = renderHtml(buildReport(binaryResult()), { webviewScript: '', css });
    assert.notEqual(/nonce-([^']+)/.exec(cspOf(other))?.[1], nonce, 'fresh nonce per file');
  });

  it('escapes user strings (column names, file names, warnings)', () => {
    const html = renderHtml(buildReport(binaryResult()), { webviewScript: '', css });
    assert.equal(html.includes(XSS), false);
    assert.ok(html.includes(escapeHtml(XSS)));
    assert.ok(html.includes('churn &lt;model&gt;.onnx'));
    // Only our own script tags exist: the island and the bundle.
    assert.equal(html.match(/<script\b/gi)?.length, 2);
  });

  it('the JSON island cannot break out of its script element and parses back', () => {
    const report = buildReport(binaryResult());
    const html = renderHtml(report, { webviewScript: '', css });
    const m = /<script type="application\/json" id="posthoc-report">([\s\S]*?)<\/script>/.exec(html);
    assert.ok(m);
    assert.equal(/<\/?script|<!--/i.test(m[1]), false);
    assert.deepEqual(JSON.parse(m[1]), JSON.parse(JSON.stringify(report)));
    assert.equal(jsonForScript({ a: '</script><!-- \u2028' }), '{"a":"\\u003c/script\\u003e\\u003c!-- \\u2028"}');
  });

  it('inlined script and CSS cannot close their elements early', () => {
    const html = renderHtml(buildReport(multiclassResult()), { webviewScript: 'const s = "</script><script>alert(1)//";', css: '/* </style> */' });
    assert.equal(html.match(/<\/script>/gi)?.length, 2);
    assert.equal(html.match(/<\/style>/gi)?.length, 1);
    assert.equal(inlineRawText('a</SCRIPT>b<!--', 'script'), 'a\\x3C/SCRIPT>b\\x3C!--');
    // The escaped code still means the same thing.
    const code = 'globalThis.out = ["</script>", /<!--/u.test("<!--"), `</script`];';
    new Function(inlineRawText(code, 'script'))();
    assert.deepEqual((globalThis as unknown as { out: unknown[] }).out, ['</script>', true, '</script']);
  });

  it('pre-renders tables so the file reads without JavaScript', () => {
    const html = renderHtml(buildReport(binaryResult()), { webviewScript: '', css });
    assert.ok(html.includes('<th scope="col">95% CI</th>'));
    assert.ok(html.includes('title="0.87">0.8700</td>'));
    assert.ok(html.includes('data-chart-id="roc"'));
  });
});

describe('webviewShellHtml', () => {
  it('loads script and style from the webview origin under a nonce CSP', () => {
    const html = webviewShellHtml({ nonce: 'abc123', cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://x/dist/webview.js', styleUri: 'https://x/media/report.css' });
    const csp = cspOf(html);
    assert.ok(csp.includes("script-src 'nonce-abc123'"));
    assert.equal(csp.includes('unsafe-eval'), false);
    assert.ok(html.includes('<script nonce="abc123" src="https://x/dist/webview.js"></script>'));
    assert.ok(html.includes('id="posthoc-root"'));
  });
});
