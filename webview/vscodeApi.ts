/**
 * The VS Code webview API, when there is one. The same script runs in the exported HTML file,
 * where `acquireVsCodeApi` does not exist.
 */
import type { HostToWebview, WebviewToHost } from '../src/shared/protocol';
import type { EvaluationResult } from '../src/core/evaluate/types';
import type { ExplainResult } from '../src/core/explain/pipeline/options';
import type { Report } from '../src/core/report/types';

/** What the webview keeps across reloads (hidden tabs, window reloads). */
export interface WebviewState {
  report?: Report;
  /** Kept only so the host can rebuild the panel with its result (JSON export) after a reload. */
  result?: EvaluationResult;
  /** The same for an explain report's raw explanation. */
  explain?: ExplainResult;
}

export interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): WebviewState | undefined;
  setState(state: WebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Returns the API inside VS Code (it may be acquired only once), or undefined in a plain page. */
export function getVsCodeApi(): VsCodeApi | undefined {
  return typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
}

/** The part of a webview API that requests need: posting a message. */
export interface MessagePoster<Out> {
  postMessage(message: Out): void;
}

/**
 * Request/reply bookkeeping: each request gets an id; the host's `reply` settles it. The report
 * pages use the defaults; another page (saliency) names its own message and reply types.
 */
export class HostRequests<Out = WebviewToHost, Reply extends { type: 'reply'; id: number } = Extract<HostToWebview, { type: 'reply' }>> {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  constructor(private readonly api: MessagePoster<Out>) {}

  /** Posts a message built around a fresh id and resolves with the host's reply. */
  request(build: (id: number) => Out): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.api.postMessage(build(id));
    });
  }

  /** Settles the request a reply belongs to; replies to unknown ids are ignored. */
  settle(reply: Reply): void {
    const resolve = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    resolve?.(reply);
  }
}
