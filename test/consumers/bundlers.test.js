/**
 * carat-consent as an npm user meets it: the packed package installed into small apps, each built
 * in production mode by a real bundler, each loaded in Chromium. `import 'carat-consent'` must
 * survive tree shaking, and the lazily loaded parts and languages must be found with no extra step.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import webpack from 'webpack';
import { rollup } from 'rollup';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { currentRecordId, launchChromium, root, serve, startCollector, tempDir, watchPage } from './harness.js';

const temp = tempDir();
const app = join(temp.dir, 'app');

/** The page every app is served in: German, with the collector's endpoint filled in per run. */
const page = (script) => `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A bundled shop</title></head>
<body>
<h1>A bundled shop</h1>
<template id="policy"># Datenschutz

Wir schützen Ihre Daten.</template>
<carat-consent endpoint="__ENDPOINT__" policy="#policy" site-name="Bundled shop"></carat-consent>
${script}
</body>
</html>`;

const moduleTag = '<script type="module" src="./main.js"></script>';

/** `npm pack` of this repository, unpacked into the app's node_modules as npm install would. */
function installPackedPackage() {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', temp.dir], { cwd: root, encoding: 'utf8' }));
  const modules = join(app, 'node_modules');
  mkdirSync(modules, { recursive: true });
  execFileSync('tar', ['-xzf', join(temp.dir, packed[0].filename), '-C', temp.dir]);
  renameSync(join(temp.dir, 'package'), join(modules, 'carat-consent'));
  // Its dependencies, as npm would install them beside it.
  for (const name of ['lit', 'idb-keyval']) symlinkSync(join(root, 'node_modules', name), join(modules, name), 'dir');
}

/** Each build: its name, how it runs, and whether it splits lazily loaded code into chunks. */
const builds = {
  'esbuild-esm': {
    splits: true,
    async run(out) {
      await esbuild({ entryPoints: [join(app, 'main.js')], bundle: true, minify: true, format: 'esm', splitting: true, outdir: out, logLevel: 'silent' });
      writeFileSync(join(out, 'index.html'), page(moduleTag));
    },
  },
  'esbuild-iife': {
    splits: false,
    async run(out) {
      await esbuild({ entryPoints: [join(app, 'main.js')], bundle: true, minify: true, format: 'iife', outdir: out, logLevel: 'silent' });
      writeFileSync(join(out, 'index.html'), page('<script src="./main.js" defer></script>'));
    },
  },
  vite: {
    splits: true,
    async run(out) {
      const source = join(temp.dir, 'vite-app');
      cpSync(app, source, { recursive: true, verbatimSymlinks: true });
      writeFileSync(join(source, 'index.html'), page('<script type="module" src="/main.js"></script>'));
      await vite({ root: source, configFile: false, logLevel: 'silent', mode: 'production', build: { outDir: out, emptyOutDir: true } });
    },
  },
  webpack: {
    splits: true,
    async run(out) {
      const compiler = webpack({ mode: 'production', context: app, entry: './main.js', output: { path: out, filename: 'main.js' } });
      const stats = await new Promise((resolve, reject) => compiler.run((error, result) => (error ? reject(error) : resolve(result))));
      if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
      writeFileSync(join(out, 'index.html'), page('<script src="./main.js" defer></script>'));
    },
  },
  'vite-ssr': {
    splits: true,
    // Server rendering (SvelteKit, Nuxt, Astro, Remix build on this) in miniature: one module of the
    // shop renders the page on the server, where there is no DOM, and brings it to life in the browser.
    async run(out) {
      const source = join(temp.dir, 'vite-ssr-app');
      cpSync(app, source, { recursive: true, verbatimSymlinks: true });
      const [head, markup, tail] = page(moduleTag).split(/(<carat-consent[^]*?<\/carat-consent>)/);
      writeFileSync(join(source, 'shop.js'), `import 'carat-consent';\nexport const render = () => ${JSON.stringify(markup)};\n`);
      writeFileSync(join(source, 'main.js'), "import './shop.js';\n");
      writeFileSync(join(source, 'index.html'), `${head}<!--app-->${tail}`);
      const options = { root: source, configFile: false, logLevel: 'silent', mode: 'production' };
      await vite({ ...options, build: { outDir: out, emptyOutDir: true } });
      await vite({ ...options, build: { ssr: 'shop.js', outDir: join(source, 'server') } });
      // Rendered here, in Node, as the shop's server would: importing the widget must not throw.
      const { render } = await import(pathToFileURL(join(source, 'server', 'shop.js')).href);
      const html = join(out, 'index.html');
      writeFileSync(html, readFileSync(html, 'utf8').replace('<!--app-->', render()));
    },
  },
  rollup: {
    splits: true,
    async run(out) {
      const bundle = await rollup({ input: join(app, 'main.js'), plugins: [nodeResolve({ browser: true }), terser()], onwarn: () => {} });
      await bundle.write({ dir: out, format: 'es', entryFileNames: 'main.js' });
      writeFileSync(join(out, 'index.html'), page(moduleTag));
    },
  },
};

/** @type {Awaited<ReturnType<typeof startCollector>>} */
let collector;
/** @type {Record<string, Awaited<ReturnType<typeof serve>>>} */
const servers = {};
/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  mkdirSync(app, { recursive: true });
  installPackedPackage();
  // What the README tells a bundler user to write.
  writeFileSync(join(app, 'main.js'), "import 'carat-consent';\n");
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'bundled-shop', private: true, type: 'module' }));
  // Every app is built once per run, all at the same time.
  await Promise.all(Object.entries(builds).map(([name, { run }]) => run(join(temp.dir, 'out', name))));
  for (const name of Object.keys(builds)) {
    const out = join(temp.dir, 'out', name);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    servers[name] = await serve({ dir: out, pages: { '/': () => html.replace('__ENDPOINT__', collector.endpoint) } });
  }
  [collector, browser] = await Promise.all([startCollector(Object.values(servers).map((s) => s.origin)), launchChromium()]);
});

after(async () => {
  await browser?.close();
  await collector?.stop();
  await Promise.all(Object.values(servers).map((s) => s.close()));
  temp.remove();
});

describe('import "carat-consent" in a production build', () => {
  for (const [name, { splits }] of Object.entries(builds)) {
    it(`${name}: banner, Customize, German from <html lang="de">, a record at the collector`, async () => {
      const context = await browser.newContext();
      const tab = await context.newPage();
      const seen = watchPage(tab);
      try {
        await tab.goto(servers[name].origin + '/');
        const banner = tab.locator('carat-consent [part~="banner"]');
        await banner.getByRole('button', { name: 'Alle akzeptieren' }).waitFor({ timeout: 10000 });
        await banner.getByRole('button', { name: 'Anpassen' }).click();
        const preferences = tab.getByRole('dialog', { name: 'Datenschutzeinstellungen' });
        await preferences.waitFor({ timeout: 10000 });
        await preferences.getByRole('button', { name: 'Auswahl speichern' }).click();
        await tab.locator('carat-consent [part~="reopen"]').waitFor({ timeout: 10000 });
        const id = await currentRecordId(tab);
        const stored = await collector.record(id);
        assert.equal(stored.id, id);
        assert.equal(stored.language, 'de');
        assert.equal(stored.method, 'custom');
        assert.deepEqual(seen.errors, []);
      } finally {
        await context.close();
      }
      if (splits) {
        // The language is a chunk of its own, fetched only by German visitors.
        const out = join(temp.dir, 'out', name);
        const files = readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.js')).map(String);
        const german = files.filter((f) => readFileSync(join(out, f), 'utf8').includes('Alle akzeptieren'));
        assert.equal(german.length, 1, `one chunk holds the German wording: ${german.join(', ')}`);
        assert.ok(!readFileSync(join(out, german[0]), 'utf8').includes('Accept all'), `${german[0]} holds German alone`);
      }
    });
  }
});
