/** A page that cannot be scanned: unreachable, an error status, a certificate error, too slow. */
export class PageError extends Error {}

/** A banner was found but could not be answered. */
export class BannerError extends PageError {}

/** The first line of a browser error, without Playwright's call log. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).replace(/^[a-zA-Z.]+: /, '').trim();
}
