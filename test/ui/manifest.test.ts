import { expect, waitUntil } from '@open-wc/testing';
import { buildRecord } from '../../src/record.js';
import type { CaratConsentElement } from '../../src/ui/carat-consent.js';
import { mountWidget, openedDialog, resetWidgets, storeRecord } from './widget.js';

// `custom-elements.json` as `npm run build` writes it and the package ships it, checked against
// the real element: what it names must exist, and what the element has must be named.

interface Named {
  name: string;
}
interface Manifest {
  modules: {
    path: string;
    declarations: { tagName?: string; attributes?: Named[]; events?: Named[]; cssParts?: Named[]; cssProperties?: Named[]; members?: (Named & { kind: string })[] }[];
    exports: { kind: string; name: string }[];
  }[];
}

const text = async (path: string) => {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
};
const manifest = async (): Promise<Manifest> => JSON.parse(await text('/custom-elements.json'));
const element = async () => (await manifest()).modules.flatMap((m) => m.declarations).find((d) => d.tagName === 'carat-consent')!;
const names = (list: Named[] = []) => list.map((n) => n.name).sort();
const readme = () => text('/README.md');

/** Every part name in the widget's shadow root now. */
const partsIn = (el: CaratConsentElement) =>
  [...el.shadowRoot!.querySelectorAll('[part]')].flatMap((node) => node.getAttribute('part')!.split(/\s+/).filter(Boolean));

/** The lines of `--carat-consent-*` properties the element's styles read, dialogs' included. */
const customPropertiesIn = (el: CaratConsentElement) =>
  el.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].flatMap((rule) => rule.cssText.match(/--carat-consent-[a-z-]+/g) ?? []));

const SERVICES = { services: ['google-analytics', 'meta-pixel'] };

afterEach(resetWidgets);

describe('custom-elements.json', () => {
  it('points only at files the package ships', async () => {
    const { files } = JSON.parse(await text('/package.json')) as { files: string[] };
    const { modules } = await manifest();
    expect(modules.map((m) => m.path)).to.deep.equal(['dist/index.js', 'dist/carat-consent.js']);
    for (const { path, exports } of modules) {
      expect(files.some((f) => path.startsWith(`${f}/`)), `${path} is in package.json "files"`).to.equal(true);
      await text(`/${path}`);
      expect(exports.find((e) => e.kind === 'custom-element-definition')?.name, path).to.equal('carat-consent');
    }
    const shipped = await import(/* @vite-ignore */ `/${modules[0]!.path}`);
    for (const { kind, name } of modules[0]!.exports) if (kind === 'js') expect(shipped[name], name).to.exist;
  });

  it('names every attribute the element reads as an option, and those alone, as the README table does', async () => {
    const attributes = names((await element()).attributes);
    const table = (await readme()).split('\n## Options')[1]!.split('\n## ')[0]!;
    const fromReadme = [...table.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]).sort();
    expect(fromReadme).to.deep.equal(attributes);

    const valid: Record<string, string> = {
      endpoint: '/api/consent', 'policy-url': '/policy.md', 'policy-page': '/privacy.html', policy: '#test-policy',
      'policy-version': '2026-11', 'site-name': 'Shop', 'contact-email': 'a@b.example', lang: 'en',
      categories: 'analytics marketing', 'expires-days': '30', theme: 'dark', position: 'bar', reopen: 'none', 'i18n-base': '/dist/i18n/',
    };
    expect(Object.keys(valid).sort(), 'a valid value for each attribute').to.deep.equal(attributes);
    const reported: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void reported.push(args.join(' '));
    try {
      const el = await mountWidget({ ...valid, 'polcy-url': '/policy.md' });
      await waitUntil(() => reported.length, 'the misspelt option is reported');
      expect(el.getAttribute('theme')).to.equal('dark');
      expect(el.getAttribute('position')).to.equal('bar');
    } finally {
      console.error = original;
    }
    // The one attribute the manifest does not name is refused; those it names are all understood.
    expect(reported).to.deep.equal(['[carat-consent] unknown option "polcy-url" ("/policy.md") is ignored']);
  });

  it('names the events the element dispatches, and no others', async () => {
    const { url } = (await (await fetch('/__collector.json')).json()) as { url: string };
    const dispatched = new Set<string>();
    const original = EventTarget.prototype.dispatchEvent;
    EventTarget.prototype.dispatchEvent = function (this: EventTarget, event: Event) {
      if (event.type.startsWith('carat-consent:')) dispatched.add(event.type);
      return original.call(this, event);
    };
    try {
      const el = await mountWidget({ endpoint: `${url}/api/consent` });
      const delivered = new Promise((resolve) => document.addEventListener('carat-consent:delivered', resolve, { once: true }));
      await el.acceptAll();
      await delivered;
    } finally {
      EventTarget.prototype.dispatchEvent = original;
    }
    expect(names((await element()).events)).to.deep.equal([...dispatched].sort());
  });

  it('names every part the element renders, in every state, and the README lists them all', async () => {
    const seen = new Set<string>();
    const first = await mountWidget({}, SERVICES);
    partsIn(first).forEach((p) => seen.add(p));
    await first.showPolicy();
    (await openedDialog(first, 'policy')).close();
    await first.showPreferences();
    await openedDialog(first, 'preferences');
    await first.updateComplete;
    partsIn(first).forEach((p) => seen.add(p));
    await resetWidgets();

    await storeRecord(
      buildRecord(
        {
          method: 'custom', categories: { necessary: true, analytics: true, marketing: false, preferences: false },
          services: { 'google-analytics': true, 'meta-pixel': false }, email: { marketing: 'granted', address: 'a@b.example' },
          visitorId: 'c41e6d7a-0000-4000-8000-000000000003', policyVersion: 'v1', site: location.origin, expiresDays: 180,
          gpc: false, language: 'en', wordingHash: 'sha256:00',
        },
        new Date(),
      ),
    );
    const returning = await mountWidget({ 'policy-version': 'v1' }, SERVICES);
    partsIn(returning).forEach((p) => seen.add(p));
    await returning.showPreferences();
    await openedDialog(returning, 'preferences');
    await returning.updateComplete;
    partsIn(returning).forEach((p) => seen.add(p));

    const documented = names((await element()).cssParts);
    expect(documented).to.deep.equal([...seen].sort());
    const paragraph = (await readme()).split('\nParts: ')[1]!.split('\n\n')[0]!;
    expect([...new Set([...paragraph.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]))].sort()).to.deep.equal(documented);
  });

  it('names every CSS custom property the styles read, and the README themes with them all', async () => {
    const el = await mountWidget({}, SERVICES);
    await el.showPreferences();
    await openedDialog(el, 'preferences');
    const documented = names((await element()).cssProperties);
    expect(documented).to.deep.equal([...new Set(customPropertiesIn(el))].sort());
    const theming = (await readme()).split('\n## Theming')[1]!.split('\n## ')[0]!;
    expect([...new Set(theming.match(/--carat-consent-[a-z-]+(?=:)/g))].sort()).to.deep.equal(documented);
  });

  it('names the public properties and methods, each of which the element has, and no internal state', async () => {
    const el = await mountWidget();
    const members = (await element()).members ?? [];
    for (const member of members) {
      expect(member.name in el, member.name).to.equal(true);
      if (member.kind === 'method') expect(typeof (el as unknown as Record<string, unknown>)[member.name], member.name).to.equal('function');
    }
    const api = (await readme()).split('\n## Script API and events')[1]!.split('\nCalls made before')[0]!;
    // The first cell of each row of the API table: `getConsent(): …`, `acceptAll()`, `rejectAll()`…
    const cells = api.split('\n').filter((line) => line.startsWith('| `')).map((line) => line.split(' | ')[0]!);
    const methods = cells.flatMap((cell) => [...cell.matchAll(/`(\w+)\(/g)].map((m) => m[1]!)).filter((m) => m !== 'push');
    expect(names(members.filter((m) => m.kind === 'method'))).to.deep.equal([...new Set(methods)].sort());
    expect(names(members.filter((m) => m.kind === 'field'))).to.deep.equal(['config']);
  });
});
