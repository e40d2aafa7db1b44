/** Reports a problem a site owner can fix, once, in the console, with its cause when there is one. */
export function report(message: string, cause?: unknown): void {
  console.error(`[carat-consent] ${message}${cause === undefined ? '' : ` (${String(cause)})`}`);
}
