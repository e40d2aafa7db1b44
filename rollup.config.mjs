import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { transform } from 'esbuild';
import { fileURLToPath } from 'node:url';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import minifyTemplates from './scripts/minify-templates.js';

const languages = readdirSync('src/i18n').filter((f) => /^[a-z]{2}\.ts$/.test(f) && f !== 'en.ts');

const minify = () => terser({ ecma: 2021, compress: { passes: 3, unsafe_arrows: true }, format: { comments: false } });
const compile = (overrides = {}) => typescript({ tsconfig: './tsconfig.build.json', declaration: false, ...overrides });
const squeeze = (options = { include: /src[\\/]ui[\\/]/ }) => minifyTemplates(options);
/**
 * What `lit` re-exports besides lit-html (LitElement, ReactiveElement, its styles) is left
 * out with its registration side effects: nothing here uses them.
 */
const litHtmlOnly = { moduleSideEffects: (id) => !/[\\/]node_modules[\\/](lit|lit-element|@lit[\\/]reactive-element)[\\/]/.test(id) };

/** In the embed, the lazy parts come from files of their own beside it, fetched on first use. */
const embedLazy = {
  name: 'embed-lazy',
  resolveId(source) {
    return /(^|\/)lazy\.js$/.test(source) ? fileURLToPath(new URL('src/lazy.embed.ts', import.meta.url)) : null;
  },
};

/**
 * The services part takes the dialogs part's Lit (see dialogs.embed.ts) instead of carrying its
 * own: its templates are made only while the dialogs render, so `html` is looked up then.
 * `nothing` is a registered symbol, the same in every copy of Lit.
 */
const dialogsLit = {
  name: 'dialogs-lit',
  resolveId: (source) => (source === 'lit' ? '\0dialogs-lit' : null),
  load: (id) =>
    id === '\0dialogs-lit'
      ? `export const html = (...template) => globalThis[Symbol.for('carat-consent.lit')].html(...template);
         export const nothing = Symbol.for('lit-nothing');`
      : null,
};

/**
 * A part beside the embed, loaded with `<script src>` (no CORS needed, unlike a module): a classic
 * script that registers its exports as `self.caratConsentParts[name]` (see load-script.ts).
 */
const part = (name) => ({ format: 'iife', name: `caratConsentParts.${name}`, extend: true, exports: 'named' });

/** Languages are data: stripping the types is all their TypeScript needs. */
const stripTypes = {
  name: 'strip-types',
  transform: async (code, id) => (id.endsWith('.ts') ? { code: (await transform(code, { loader: 'ts' })).code, map: null } : null),
};

/** CSS files as strings, for the console's shadow roots (uPlot's own stylesheet). */
const cssText = {
  name: 'css-text',
  transform: (code, id) => (id.endsWith('.css') ? { code: `export default ${JSON.stringify(code)};`, map: null } : null),
};

/**
 * The console's pages, and a copy of the built widget for its live preview: the collector package
 * serves both from `server/console/`, with no need for the widget's `dist/` beside it.
 */
const consoleFiles = {
  name: 'console-files',
  writeBundle() {
    for (const file of ['index.html', 'preview.html', 'console.css']) cpSync(`admin/${file}`, `server/console/${file}`);
    mkdirSync('server/console/widget', { recursive: true });
    for (const file of readdirSync('dist').filter((f) => /^carat-consent.*\.js$/.test(f))) {
      cpSync(`dist/${file}`, `server/console/widget/${file}`);
    }
    cpSync('dist/i18n', 'server/console/widget/i18n', { recursive: true });
  },
};

export default [
  // The one file a shop adds with a script tag: idb-keyval, styles and English inside. No Lit:
  // the element builds its banner itself (src/ui/dom.ts); Lit comes with the dialogs.
  {
    input: 'src/embed.ts',
    output: { file: 'dist/carat-consent.js', format: 'iife' },
    plugins: [embedLazy, resolve(), squeeze(), compile({ removeComments: true }), minify()],
  },
  {
    input: 'src/ui/dialogs.embed.ts',
    output: { file: 'dist/carat-consent-dialogs.js', ...part('dialogs') },
    plugins: [resolve(), compile({ removeComments: true }), squeeze(), minify()],
    treeshake: litHtmlOnly,
  },
  {
    input: 'src/services/part.ts',
    output: { file: 'dist/carat-consent-services.js', ...part('services') },
    plugins: [dialogsLit, resolve(), compile({ removeComments: true }), squeeze({ include: /src[\\/](ui|services)[\\/]/ }), minify()],
  },
  ...['choice', 'delivery', 'cookie-storage', 'placeholder', 'cookies', 'policy-text'].map((name) => ({
    input: `src/${name}.ts`,
    output: { file: `dist/carat-consent-${name}.js`, ...part(name) },
    plugins: [compile({ removeComments: true }), minify()],
  })),
  // For bundlers: ESM with types; Lit and idb-keyval stay imports so the app shares them. Each
  // part and each language is a chunk the app's bundler splits off in turn.
  // `services.js` is the service registry alone, for Node tools such as the scanner.
  {
    input: { index: 'src/index.ts', services: 'src/services/index.ts' },
    output: { dir: 'dist', format: 'es', chunkFileNames: 'chunks/[name].js' },
    external: [/^lit/, /^idb-keyval/],
    plugins: [compile({ declaration: true, outDir: 'dist' })],
  },
  // Lit and idb-keyval as browser modules, for pages that use dist/index.js with an import map
  // and no bundler (the demo's privacy page does).
  {
    input: { lit: 'lit', 'idb-keyval': 'idb-keyval' },
    output: { dir: 'dist/vendor', format: 'es', chunkFileNames: '[name].js' },
    preserveEntrySignatures: 'strict',
    plugins: [resolve(), minify()],
  },
  // One small classic script per language beside the embed, fetched only by visitors who need it.
  ...languages.map((f) => ({
    input: `src/i18n/${f}`,
    output: { file: `dist/i18n/${f.slice(0, 2)}.js`, ...part(f.slice(0, 2)) },
    plugins: [stripTypes, minify()],
  })),
  // The site owner's console at /admin/ (SPEC §9), last: it copies the widget built above.
  {
    input: { console: 'admin/src/main.ts', preview: 'admin/src/preview.ts' },
    output: { dir: 'server/console', format: 'es', chunkFileNames: '[name].js' },
    plugins: [
      cssText,
      resolve(),
      typescript({ tsconfig: './admin/tsconfig.json', declaration: false, outDir: 'server/console' }),
      minify(),
      consoleFiles,
    ],
  },
];
