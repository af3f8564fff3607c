/**
 * The what-if worker (bundled as dist/whatIfWorker.js): holds one {@link WhatIfSession} for the
 * life of its panel. A new evaluation aborts the one still running, so stale edits never queue.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorFields, type ErrorFields } from '../../core/workers/workerErrors';
import type { WhatIfOutcome, WhatIfSetup } from '../../shared/whatifProtocol';
import { WhatIfSession, type WhatIfInit } from './whatIfSession';

/** Host → worker: evaluate one row (after the session opened from workerData). */
export interface WhatIfWorkerRequest { id: number; values: number[] }

/** Worker → host: the setup (id 0) or an evaluation's outcome, or the error either threw. */
export type WhatIfWorkerReply =
  | { id: number; ok: true; value: WhatIfSetup | WhatIfOutcome }
  | ({ id: number; ok: false } & ErrorFields);

function serve(): void {
  const port = parentPort;
  if (!port) return;
  const fail = (id: number, e: unknown) => port.postMessage({ id, ok: false, ...errorFields(e) } satisfies WhatIfWorkerReply);
  const opening = WhatIfSession.open(workerData as WhatIfInit);
  opening.then((s) => port.postMessage({ id: 0, ok: true, value: s.setup } satisfies WhatIfWorkerReply), (e: unknown) => fail(0, e));
  let running: AbortController | undefined;
  port.on('message', (m: WhatIfWorkerRequest) => {
    running?.abort();
    const abort = (running = new AbortController());
    void opening
      .then((session) => session.evaluate(m.values, abort.signal))
      .then((value) => port.postMessage({ id: m.id, ok: true, value } satisfies WhatIfWorkerReply), (e: unknown) => fail(m.id, e));
  });
}

serve();
