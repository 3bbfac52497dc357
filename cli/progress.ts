/**
 * A progress bar on standard error when it is a terminal; silent otherwise (logs and CI stay clean).
 */
export interface Progress {
  update(done: number, total: number, label?: string): void;
  finish(): void;
}

export function createProgress(title: string, enabled = process.stderr.isTTY === true): Progress {
  if (!enabled) return { update() {}, finish() {} };
  const start = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(done, total, label = '') {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const frac = total > 0 ? Math.min(1, done / total) : 1;
      const width = 30;
      const fill = Math.round(frac * width);
      const elapsed = (now - start) / 1000;
      const eta = frac > 0 ? (elapsed * (1 - frac)) / frac : 0;
      process.stderr.write(`\r${title} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${(100 * frac).toFixed(1)}% ${label} ` +
        `${elapsed.toFixed(1)}s elapsed, ~${eta.toFixed(1)}s left   `);
      drawn = true;
    },
    finish() {
      if (drawn) process.stderr.write('\n');
    },
  };
}
