// Bundles the scanner into dist/ with the service registry compiled in (from the widget's source,
// one registry for both), so the packed package runs on its own. Playwright and autoconsent stay
// dependencies: they are loaded from node_modules at run time.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

await build({
  entryPoints: { cli: here('src/cli.ts') },
  outdir: here('dist'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  alias: { 'carat-consent/services': here('../src/services/index.ts') },
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
