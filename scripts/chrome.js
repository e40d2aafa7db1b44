/** The Chromium every browser-driving tool here uses: Debian's, never a downloaded one. */
export const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Flags for root in a sandboxless container on a closed network. */
export const chromeArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
