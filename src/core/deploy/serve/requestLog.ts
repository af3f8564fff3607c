/**
 * Request/response logging to JSON Lines: one object per inference request, appended to a file
 * a later drift analysis reads. Lines: {timestamp, model, id?, status, latency_ms, inputs,
 * outputs?, error?}; each tensor {name, shape, datatype, data, truncated?}.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { LogDataMode, V2Tensor } from './types';

/** One line of the log. */
export interface RequestLogLine {
  timestamp: string;
  model: string;
  id?: string;
  status: number;
  latency_ms: number;
  inputs?: LoggedTensor[];
  outputs?: LoggedTensor[];
  error?: string;
}

/** A tensor as logged: `data` may be cut to the first values (then `truncated` is true) or left out. */
export interface LoggedTensor {
  name: string;
  shape: number[];
  datatype: string;
  data?: V2Tensor['data'];
  truncated?: boolean;
}

/** Appends request lines to a JSONL file. */
export class RequestLog {
  private readonly stream: WriteStream;
  private failed?: Error;

  constructor(file: string, private readonly mode: LogDataMode, private readonly maxValues: number, onError: (err: Error) => void) {
    this.stream = createWriteStream(file, { flags: 'a' });
    // A broken log (disk full, bad path) must not take the server down: report once, stop logging.
    this.stream.on('error', (err) => {
      if (!this.failed) onError(err);
      this.failed = err;
    });
  }

  /** Cuts a tensor's data down according to the log mode. */
  tensor(t: V2Tensor): LoggedTensor {
    const out: LoggedTensor = { name: t.name, shape: t.shape, datatype: t.datatype };
    if (this.mode === 'full') out.data = t.data;
    else if (this.mode === 'truncate') {
      out.data = t.data.length > this.maxValues ? t.data.slice(0, this.maxValues) : t.data;
      if (t.data.length > this.maxValues) out.truncated = true;
    }
    return out;
  }

  /** Appends one line. */
  write(line: RequestLogLine): void {
    if (!this.failed) this.stream.write(JSON.stringify(line) + '\n');
  }

  /** Flushes and closes the file. */
  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(() => resolve()));
  }
}
