/** Finds the files a self-contained HTML report inlines: the webview bundle and its stylesheet. */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PosthocError } from '../core/errors';

/** The Posthoc package folder: the nearest parent of this file holding dist/webview.js. */
function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'dist', 'webview.js'))) return dir;
    dir = path.dirname(dir);
  }
  throw new PosthocError('dist/webview.js not found; run `npm run build` in the Posthoc folder first.', 'build');
}

/** Reads the webview script and CSS that the HTML renderer inlines. */
export async function loadReportAssets(): Promise<{ webviewScript: string; css: string }> {
  const root = packageRoot();
  const [webviewScript, css] = await Promise.all([
    fs.readFile(path.join(root, 'dist', 'webview.js'), 'utf8'),
    fs.readFile(path.join(root, 'media', 'report.css'), 'utf8'),
  ]);
  return { webviewScript, css };
}
