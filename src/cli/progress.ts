/** Progress lines on stderr, only when stderr is a terminal (CI logs stay clean). */
export interface ProgressPrinter {
  update: (message: string, fraction?: number) => void;
  done: () => void;
}

/** Prints one self-overwriting progress line on a TTY stream; does nothing otherwise. */
export function progressPrinter(stream: NodeJS.WriteStream): ProgressPrinter {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  let shown = false;
  return {
    update(message, fraction) {
      const now = Date.now();
      if (now - last < 100 && fraction !== undefined && fraction < 1) return;
      last = now;
      const pct = fraction === undefined ? '' : ` ${Math.round(fraction * 100)}%`;
      stream.write(`\r\x1b[K${message}${pct}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
