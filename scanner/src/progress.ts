import type { ScanProgress } from './scan.js';

/**
 * Progress on stderr: a bar redrawn in place on a terminal, one line per page elsewhere (CI logs,
 * pipes), so stdout stays the report alone.
 */
export function progressOn(stream: NodeJS.WriteStream): ScanProgress {
  const bar = (done: number, planned: number) => {
    const width = 20;
    const filled = Math.round((done / Math.max(planned, 1)) * width);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${planned}`;
  };
  if (stream.isTTY) {
    return {
      pageStarted: (page, done, planned) => stream.write(`\r\x1b[K${bar(done, planned)} ${page}`.slice(0, (stream.columns || 80) + 4)),
      pageDone: (_page, done, planned) => stream.write(`\r\x1b[K${bar(done, planned)}${done >= planned ? '\n' : ''}`),
    };
  }
  return {
    pageStarted: () => undefined,
    pageDone: (page, done, planned, ms, failure) =>
      stream.write(`[${done}/${planned}] ${page} ${failure ? `not scanned: ${failure}` : `scanned in ${(ms / 1000).toFixed(1)} s`}\n`),
  };
}
