/**
 * Progress on standard error: a bar redrawn in place on a terminal; elsewhere (a log file, a batch
 * job) one plain line at most every `LOG_INTERVAL_MS`, so an hours-long run shows it is alive
 * without filling the log; nothing with `quiet`.
 */
export interface Progress {
  update(done: number, total: number, label?: string): void;
  finish(): void;
}

const LOG_INTERVAL_MS = 60_000;

/** Where progress goes and how often, for tests; the defaults are standard error and the clock. */
export interface ProgressOptions {
  readonly terminal?: boolean;
  readonly intervalMs?: number;
  readonly now?: () => number;
  readonly write?: (text: string) => void;
}

export function createProgress(title: string, quiet: boolean, options: ProgressOptions = {}): Progress {
  if (quiet) return { update() {}, finish() {} };
  const clock = options.now ?? Date.now;
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const start = clock();
  if (!(options.terminal ?? process.stderr.isTTY === true)) {
    const interval = options.intervalMs ?? LOG_INTERVAL_MS;
    let logged = start;
    return {
      update(done, total, label = '') {
        const now = clock();
        if (now - logged < interval || done >= total) return;
        logged = now;
        const elapsed = (now - start) / 1000;
        const eta = done > 0 ? (elapsed * (total - done)) / done : NaN;
        const frac = total > 0 ? done / total : 1;
        write(`${title}: ${label || `${done}/${total}`} (${(100 * frac).toFixed(1)}%), ${elapsed.toFixed(0)} s elapsed${Number.isFinite(eta) ? `, ~${eta.toFixed(0)} s left` : ''}\n`);
      },
      finish() {},
    };
  }
  let last = 0;
  let drawn = false;
  return {
    update(done, total, label = '') {
      const now = clock();
      if (now - last < 100 && done < total) return;
      last = now;
      const frac = total > 0 ? Math.min(1, done / total) : 1;
      const width = 30;
      const fill = Math.round(frac * width);
      const elapsed = (now - start) / 1000;
      const eta = frac > 0 ? (elapsed * (1 - frac)) / frac : 0;
      write(`\r${title} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${(100 * frac).toFixed(1)}% ${label} ` +
        `${elapsed.toFixed(1)}s elapsed, ~${eta.toFixed(1)}s left   `);
      drawn = true;
    },
    finish() {
      if (drawn) write('\n');
    },
  };
}
