import { existsSync } from 'node:fs';

/** Flags for headless Chromium in a container (root, no sandbox, small /dev/shm). */
export const chromeArgs = [
  '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  // Shops' consent tools hide their banner from automation (vanilla-cookieconsent's hideFromBots): the scanner must see what visitors see.
  '--disable-blink-features=AutomationControlled',
];

/** The system's Chromium: `CHROME_PATH`, else Debian's. The scanner never downloads a browser. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const path = env.CHROME_PATH || '/usr/bin/chromium';
  return existsSync(path) ? path : null;
}
