import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the static server serves it and asset paths are relative to it. */
export const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

const versionOf = (packageJson) =>
  existsSync(join(root, packageJson)) ? JSON.parse(readFileSync(join(root, packageJson), 'utf8')).version : '(not installed)';

/**
 * A widget under test.
 * @typedef {object} Widget
 * @property {string} name
 * @property {string} version
 * @property {string} page path of its bench page on the static server (tags in `<head>`)
 * @property {string} bodyPage the same page with the tags at the end of `<body>`
 * @property {string[]} assets repo-relative files a site downloads for it (JS and CSS)
 * @property {string[]} onOpen further files fetched when the visitor opens the preferences
 * @property {string | null} missing why it cannot be measured, or null when it can
 * @property {() => boolean | Promise<boolean>} stored runs in the page: is an "accept all" choice persisted?
 */

/** @returns {Widget} */
function widget({ name, packageJson, version = versionOf(packageJson), page, assets, onOpen = [], stored }) {
  const bodyPage = page.replace(/\.html$/, '-body.html');
  const absent = assets.find((asset) => !existsSync(join(root, asset)));
  return {
    name,
    version,
    page,
    bodyPage,
    assets,
    onOpen,
    missing: absent ? `${absent} not found` : null,
    stored,
  };
}

/**
 * Ours first, then the competitors and the floor, each with the same page setup (see bench/pages/).
 * @returns {Widget[]}
 */
export function widgets() {
  return [
    widget({
      name: 'carat-consent',
      packageJson: 'package.json',
      page: '/bench/pages/ours.html',
      assets: ['dist/carat-consent.js'],
      // The preferences and policy dialogs are their own file, fetched on the first click.
      onOpen: ['dist/carat-consent-dialogs.js'],
      // SPEC §3: the latest record is kept in IndexedDB `carat-consent`, store `consent`, key `current`.
      // Opening a database that does not exist would create it empty and break the widget's own
      // upgrade, hence the `databases()` check first.
      stored: async () => {
        const names = (await indexedDB.databases()).map((database) => database.name);
        if (!names.includes('carat-consent')) return false;
        return new Promise((resolve) => {
          const open = indexedDB.open('carat-consent');
          open.onerror = () => resolve(false);
          open.onsuccess = () => {
            const database = open.result;
            if (!database.objectStoreNames.contains('consent')) return resolve(false);
            const read = database.transaction('consent').objectStore('consent').get('current');
            read.onsuccess = () => resolve(read.result != null);
            read.onerror = () => resolve(false);
          };
        });
      },
    }),
    widget({
      name: 'vanilla-cookieconsent',
      packageJson: 'node_modules/vanilla-cookieconsent/package.json',
      page: '/bench/pages/vanilla.html',
      assets: ['node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js', 'node_modules/vanilla-cookieconsent/dist/cookieconsent.css'],
      stored: () => document.cookie.includes('cc_cookie='),
    }),
    widget({
      name: 'Klaro',
      packageJson: 'node_modules/klaro/package.json',
      page: '/bench/pages/klaro.html',
      // Klaro's default build carries its CSS inside the script.
      assets: ['node_modules/klaro/dist/klaro.js'],
      stored: () => document.cookie.includes('klaro='),
    }),
    // Not a product: the least a banner can be (bench/floor.js), so each row shows how far above
    // it every widget is on this machine in this run.
    widget({
      name: 'floor',
      version: '(a bare custom element)',
      page: '/bench/pages/floor.html',
      assets: ['bench/floor.js'],
      stored: () => document.cookie.includes('floor=accepted'),
    }),
  ];
}
