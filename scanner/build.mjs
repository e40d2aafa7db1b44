// Bundles the scanner into dist/ with the service registry compiled in (from the widget's source,
// one registry for both), so the packed package runs on its own. Playwright and autoconsent stay
// dependencies: they are loaded from node_modules at run time.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** esbuild options shared by the CLI build and the tests that load the pipeline's pure modules. */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  alias: { 'carat-consent/services': here('../src/services/index.ts') },
  logLevel: 'warning',
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await build({ ...bundleOptions, entryPoints: { cli: here('src/cli.ts') }, outdir: here('dist'), banner: { js: '#!/usr/bin/env node' } });
}
