import { aTimeout, expect, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { get } from 'idb-keyval';
import { LANGUAGES } from '../../src/i18n/languages.js';
import { buildRecord } from '../../src/record.js';
import { deepActiveElement } from '../../src/ui/focus.js';
import type { CaratConsentElement } from '../../src/ui/carat-consent.js';
import type { ConsentRecord } from '../../src/types.js';
import { button, mountWidget, openedDialog, part, resetWidgets, store, storeRecord } from './widget.js';

// Every visitor: 400 % zoom (1280×1024 → 320×256), small phones, long words, high contrast and
// right to left, measured in the real browser rather than guessed from string lengths.

const i18n = { 'i18n-base': '/dist/i18n/' };

const previousChoice = (language = 'en'): ConsentRecord =>
  buildRecord(
    {
      method: 'custom',
      categories: { necessary: true, analytics: true, marketing: false, preferences: false },
      email: { marketing: 'granted', address: 'a@b.example' },
      visitorId: 'c41e6d7a-0000-4000-8000-000000000002',
      policyVersion: 'v1',
      site: location.origin,
      expiresDays: 180,
      gpc: false,
      language,
      wordingHash: 'sha256:00',
    },
    new Date(),
  );

/** Mounts a returning visitor's widget in `lang` and opens the preferences, e-mail field shown. */
async function openPreferences(lang: string): Promise<{ el: CaratConsentElement; dialog: HTMLDialogElement }> {
  await storeRecord(previousChoice(lang));
  const el = await mountWidget({ lang, 'policy-version': 'v1', ...i18n });
  await el.showPreferences();
  return { el, dialog: await openedDialog(el, 'preferences') };
}

const controlsIn = (root: Element) =>
  [...root.querySelectorAll<HTMLElement>('button, input, a[href], [tabindex="0"]')].filter((c) => !(c as HTMLInputElement).disabled);

/** Why `control` cannot be used where it is, or '' when it can: in view once focused, and the one a click there hits. */
function unusable(el: CaratConsentElement, control: HTMLElement): string {
  control.focus();
  const box = control.getBoundingClientRect();
  const name = `${control.localName} "${control.textContent?.trim() || control.getAttribute('aria-label') || control.id}"`;
  if (box.top < 0 || box.left < 0 || box.bottom > innerHeight + 0.5 || box.right > innerWidth + 0.5) {
    return `${name} at ${JSON.stringify(box)} is not fully in the ${innerWidth}×${innerHeight} viewport`;
  }
  // A link that wraps inside a sentence has one box per line: click the middle of its first line.
  const line = control.getClientRects()[0] ?? box;
  const hit = el.shadowRoot!.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2);
  return hit && (hit === control || control.contains(hit) || hit.contains(control) && hit.localName === 'label') ? '' : `${name}: a click on it lands on ${hit?.outerHTML.slice(0, 80)}`;
}

/** Everything wider than the viewport or poking out of it sideways. */
function tooWide(root: Element): string[] {
  return [root, ...root.querySelectorAll('*')]
    .filter((e) => {
      const box = e.getBoundingClientRect();
      return box.width > 0 && (box.left < -0.5 || box.right > innerWidth + 0.5);
    })
    .map((e) => e.outerHTML.slice(0, 60));
}

/** Text that overflows the element it is in, measured with ranges over the rendered text. */
function overflowingText(root: Element): string[] {
  const found: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent!.trim()) continue;
    const parent = node.parentElement!;
    const box = parent.getBoundingClientRect();
    if (!box.width) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const line of range.getClientRects()) {
      if (line.left < box.left - 1 || line.right > box.right + 1 || line.left < 0 || line.right > innerWidth) {
        found.push(`"${node.textContent!.trim().slice(0, 40)}" (${Math.round(line.left)}–${Math.round(line.right)}) out of ${parent.localName} (${Math.round(box.left)}–${Math.round(box.right)})`);
      }
    }
  }
  return found;
}

/** Buttons whose label breaks over more than one line. */
function wrappedLabels(root: Element): string[] {
  return [...root.querySelectorAll('[part~="button"]')]
    .filter((b) => {
      const range = document.createRange();
      range.selectNodeContents(b);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
    })
    .map((b) => b.textContent!.trim());
}

/** WCAG contrast ratio of two `rgb()` colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, bl] = colour.match(/\d+/g)!.slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

afterEach(async () => {
  await setViewport({ width: 800, height: 600 });
  await executeServerCommand('forced-colors', false);
  await emulateMedia({ colorScheme: 'light' });
  await resetWidgets();
});

describe('400 % zoom and small screens (WCAG 1.4.10)', () => {
  for (const [width, height] of [
    [320, 256],
    [320, 640],
  ] as const) {
    it(`banner and preferences are usable at ${width}×${height} in every language`, async () => {
      await setViewport({ width, height });
      const problems: string[] = [];
      for (const lang of LANGUAGES) {
        for (const position of ['box', 'bar', 'center']) {
          const el = await mountWidget({ lang, position, ...i18n });
          const banner = part(el, '[part~="banner"]')!;
          banner.scrollTop = 0;
          if (banner.getBoundingClientRect().top < 0) problems.push(`${lang} ${position}: the banner's top is above the screen`);
          problems.push(...controlsIn(banner).map((c) => unusable(el, c)).filter(Boolean).map((p) => `${lang} ${position} banner: ${p}`));
          problems.push(...tooWide(banner).map((p) => `${lang} ${position} banner too wide: ${p}`));
          await resetWidgets();
        }
        const { el, dialog } = await openPreferences(lang);
        problems.push(...controlsIn(dialog).map((c) => unusable(el, c)).filter(Boolean).map((p) => `${lang} preferences: ${p}`));
        problems.push(...tooWide(dialog).map((p) => `${lang} preferences too wide: ${p}`));
        await resetWidgets();
      }
      expect(problems).to.deep.equal([]);
    });
  }

  for (const width of [320, 390]) {
    it(`no text overflows its box at ${width} px, in any language`, async () => {
      await setViewport({ width, height: 780 });
      const problems: string[] = [];
      for (const lang of LANGUAGES) {
        const el = await mountWidget({ lang, ...i18n });
        const banner = part(el, '[part~="banner"]')!;
        problems.push(...overflowingText(banner).map((p) => `${lang} banner: ${p}`));
        problems.push(...wrappedLabels(banner).map((p) => `${lang} banner: "${p}" wraps`));
        await resetWidgets();
        const { dialog } = await openPreferences(lang);
        problems.push(...overflowingText(dialog).map((p) => `${lang} preferences: ${p}`));
        problems.push(...wrappedLabels(dialog).map((p) => `${lang} preferences: "${p}" wraps`));
        await resetWidgets();
      }
      expect(problems).to.deep.equal([]);
    });
  }

  it('keeps the banner to a third of a 390 px phone screen, in every language', async () => {
    await setViewport({ width: 390, height: 844 });
    const heights: Record<string, number> = {};
    for (const lang of LANGUAGES) {
      const el = await mountWidget({ lang, ...i18n });
      heights[lang] = part(el, '[part~="banner"]')!.getBoundingClientRect().height;
      await resetWidgets();
    }
    const tall = Object.entries(heights).filter(([, h]) => h > 844 / 3);
    expect(tall, JSON.stringify(heights)).to.deep.equal([]);
  });

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`shows "Withdraw consent" without scrolling at ${width}×${height}`, async () => {
      await setViewport({ width, height });
      const { el } = await openPreferences('en');
      const withdraw = button(el, 'Withdraw consent');
      const box = withdraw.getBoundingClientRect();
      expect(box.bottom).to.be.at.most(innerHeight);
      expect(el.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)).to.equal(withdraw);
    });
  }
});

describe('focus in view (WCAG 2.4.11)', () => {
  for (const [width, height] of [
    [1280, 800],
    [320, 640],
    [320, 256],
  ] as const) {
    it(`never hides the focused control behind the dialog's title or buttons while tabbing, at ${width}×${height}`, async () => {
      await setViewport({ width, height });
      const { el, dialog } = await openPreferences('de');
      const seen = new Set<Element>();
      for (let i = 0; i < 20; i++) {
        await sendKeys({ press: 'Tab' });
        const focused = deepActiveElement() as HTMLElement;
        expect(dialog.contains(focused), `Tab ${i + 1} stays in the dialog`).to.equal(true);
        seen.add(focused);
        const box = focused.getBoundingClientRect();
        const corners = [
          [box.left + 2, box.top + 2],
          [box.right - 2, box.bottom - 2],
        ];
        for (const [x, y] of corners) {
          const hit = el.shadowRoot!.elementFromPoint(x!, y!);
          expect(hit === focused || focused.contains(hit) || !!hit?.contains(focused), `Tab ${i + 1}: ${focused.outerHTML.slice(0, 60)} is covered by ${hit?.outerHTML.slice(0, 60)}`).to.equal(true);
        }
      }
      expect(seen.size).to.be.at.least(controlsIn(dialog).length);
    });
  }
});

describe('forced colours and right to left', () => {
  /** The pixels of `element` as the screen shows them. */
  async function pixels(element: Element): Promise<Uint8ClampedArray> {
    const { x, y, width, height } = element.getBoundingClientRect();
    const png: string = await executeServerCommand('screenshot', { x, y, width, height });
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    return context.getImageData(0, 0, bitmap.width, bitmap.height).data;
  }

  /** How many pixels of a switch are the thumb: the colour the switch paints its `::before` in. */
  function thumbPixels(data: Uint8ClampedArray, thumb: string): number {
    const [r, g, b] = thumb.match(/\d+/g)!.map(Number);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 30) count++;
    }
    return count;
  }

  it('shows on and off switches differently with forced colours on', async () => {
    await executeServerCommand('forced-colors', true);
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const { el } = await openPreferences('en');
    const [, on, off] = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="switch"]')];
    expect([on!.checked, off!.checked]).to.deep.equal([true, false]);
    const [a, b] = [await pixels(on!), await pixels(off!)];
    let differing = 0;
    for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 60) differing++;
    expect(differing, 'pixels that differ between on and off').to.be.above(a.length / 4 / 5);
    const thumb = (s: Element) => getComputedStyle(s, '::before').backgroundColor;
    expect(thumbPixels(a, thumb(on!)), 'the thumb of "on" shows').to.be.above(100);
    expect(thumbPixels(b, thumb(off!)), 'the thumb of "off" shows').to.be.above(100);
  });

  it('keeps Arabic switch thumbs inside their tracks, on and off', async () => {
    const { el } = await openPreferences('ar');
    // Colours found nowhere else around a switch, so the thumb's pixels can be told apart.
    el.style.setProperty('--carat-consent-on-accent', 'rgb(255, 0, 0)');
    el.style.setProperty('--carat-consent-muted', 'rgb(0, 200, 0)');
    const switches = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="switch"]')].filter((s) => !s.disabled);
    for (const checked of [true, false]) {
      const one = switches.find((s) => s.checked === checked)!;
      const track = one.getBoundingClientRect();
      const margin = 24;
      const area = { x: track.x - margin, y: track.y - margin, width: track.width + 2 * margin, height: track.height + 2 * margin };
      const png: string = await executeServerCommand('screenshot', area);
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      const [r, g, b] = checked ? [255, 0, 0] : [0, 200, 0];
      const xs: number[] = [];
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) < 40) xs.push(((i / 4) % bitmap.width) - margin);
      }
      expect(xs.length, `${checked ? 'on' : 'off'}: the thumb shows`).to.be.above(150);
      expect(Math.min(...xs), `${checked ? 'on' : 'off'}: the thumb starts inside the track`).to.be.at.least(0);
      expect(Math.max(...xs), `${checked ? 'on' : 'off'}: the thumb ends inside the track`).to.be.below(track.width);
      // Right to left, "on" sits at the start: the right-hand side, where "off" is on the left.
      const middle = (Math.min(...xs) + Math.max(...xs)) / 2;
      if (checked) expect(middle).to.be.below(track.width / 2);
      else expect(middle).to.be.above(track.width / 2);
    }
  });
});

describe('what assistive technology hears', () => {
  it('announces a choice politely, where focus lands on "Privacy choices" (WCAG 4.1.3)', async () => {
    const el = await mountWidget();
    const status = part(el, '[role="status"]')!;
    expect(status.textContent!.trim()).to.equal('');
    const reject = button(el, 'Reject all');
    reject.focus();
    reject.click();
    await waitUntil(() => status.textContent!.trim() !== '', 'the status says something');
    expect(status.textContent).to.equal('Choice saved.');
    expect(deepActiveElement() === part(el, '[part~="reopen"]'), 'focus is on "Privacy choices"').to.equal(true);
    expect(status.getBoundingClientRect().width * status.getBoundingClientRect().height === 0 || getComputedStyle(status).clipPath !== 'none').to.equal(true);
  });

  it('announces a choice made in the preferences once they have closed: behind a modal dialog the status is not heard', async () => {
    const el = await mountWidget();
    await el.showPreferences();
    const preferences = await openedDialog(el, 'preferences');
    const status = part(el, '[role="status"]')!;
    // Whether the preferences were open at the very moment the status was given its words.
    const openWhenSaid: boolean[] = [];
    const text = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent')!;
    Object.defineProperty(status, 'textContent', {
      configurable: true,
      get: text.get,
      set(value: string) {
        if (value) openWhenSaid.push(preferences.open);
        text.set!.call(this, value);
      },
    });
    try {
      button(el, 'Save choices').click();
      await waitUntil(() => status.textContent === 'Choice saved.', 'the status says the choice was saved');
    } finally {
      delete (status as Partial<Node>).textContent;
    }
    expect(openWhenSaid).to.deep.equal([false]);
  });

  /** What Chromium tells assistive technology about the page now. */
  const accessibilityTree = (): Promise<{ role: string; name: string; description: string }[]> => executeServerCommand('accessibility-tree');

  it('gives each dialog a name and a description, and each group of switches a name, as the accessibility tree shows', async () => {
    const { el } = await openPreferences('en');
    let tree = await accessibilityTree();
    const preferences = tree.find((n) => n.role === 'dialog');
    expect(preferences?.name).to.equal('Privacy preferences');
    expect(preferences?.description).to.match(/^Choose which cookies Cluster Carat may use/);
    const groups = tree.filter((n) => n.role === 'group');
    expect(groups.map((g) => g.name)).to.deep.equal(['Necessary', 'Analytics', 'Marketing', 'Preferences', 'Promotional e-mail']);
    for (const control of tree.filter((n) => n.role === 'switch' || n.role === 'checkbox' || n.role === 'button')) {
      expect(control.name, JSON.stringify(control)).to.match(/\S/);
    }
    part<HTMLDialogElement>(el, '#preferences')!.close();

    await el.showPolicy();
    await openedDialog(el, 'policy');
    tree = await accessibilityTree();
    const policy = tree.find((n) => n.role === 'dialog');
    expect(policy?.name).to.equal('Privacy policy');
    expect(policy?.description).to.equal('How Cluster Carat collects and uses personal data, and the rights you have.');
    // The policy text scrolls by keyboard: its focus ring lies inside it, where the dialog cannot clip it.
    const text = part(el, '#policy .body')!;
    text.focus({ focusVisible: true } as FocusOptions);
    const ring = getComputedStyle(text);
    expect(parseFloat(ring.outlineOffset) + parseFloat(ring.outlineWidth), `${ring.outlineWidth} ring at ${ring.outlineOffset}`).to.be.at.most(0);
  });

  it('describes the policy popup by what went wrong when the policy cannot be loaded', async () => {
    const el = await mountWidget({ policy: '', 'policy-url': '/no-such-policy.md', 'contact-email': '' });
    await el.showPolicy();
    await openedDialog(el, 'policy');
    const policy = (await accessibilityTree()).find((n) => n.role === 'dialog');
    expect(policy?.description).to.equal('The privacy policy could not be loaded. Please try again later.');
  });

  it('has a part on every control, for site owners to style', async () => {
    const el = await mountWidget();
    await el.showPolicy();
    const policy = await openedDialog(el, 'policy');
    policy.close();
    const { el: returning } = await openPreferences('en');
    const withServices = await mountWidget({}, { services: ['google-analytics', 'stripe'] });
    await withServices.showPreferences();
    await openedDialog(withServices, 'preferences');
    await withServices.updateComplete;
    for (const widget of [el, returning, withServices]) {
      for (const control of widget.shadowRoot!.querySelectorAll('button, input, a, summary, details, dialog, [part~="banner"]')) {
        expect(control.getAttribute('part') ?? '', control.outerHTML.slice(0, 80)).to.match(/\S/);
      }
    }
    expect(part(returning, '[part~="email-input"]')).to.exist;
    expect(part(returning, '[part~="close"]')).to.exist;
    expect(part(returning, '[part~="withdraw"]')).to.exist;
  });

  it('lets buttons and fields take the visitor\'s text spacing (WCAG 1.4.12)', async () => {
    const { el } = await openPreferences('en');
    el.style.setProperty('letter-spacing', '0.12em');
    el.style.setProperty('word-spacing', '0.16em');
    for (const control of el.shadowRoot!.querySelectorAll('button, input[type="email"]')) {
      expect(getComputedStyle(control).letterSpacing, control.outerHTML.slice(0, 60)).to.equal(getComputedStyle(el).letterSpacing);
      expect(getComputedStyle(control).wordSpacing).to.equal(getComputedStyle(el).wordSpacing);
    }
  });

  it('marks the policy with its own language, not the widget\'s (WCAG 3.1.2)', async () => {
    document.documentElement.lang = 'en';
    const el = await mountWidget({ lang: 'ar', ...i18n });
    await el.showPolicy();
    const dialog = await openedDialog(el, 'policy');
    const text = dialog.querySelector('.policy > [lang]')!;
    expect([text.getAttribute('lang'), text.getAttribute('dir')]).to.deep.equal(['en', 'ltr']);
    expect(text.closest('[lang="ar"]')).to.exist;
    expect(getComputedStyle(text).direction).to.equal('ltr');
    await expect(el).shadowDom.to.be.accessible();
  });

  for (const theme of ['light', 'dark']) {
    for (const lang of ['en', 'ar']) {
      it(`passes axe in every state: ${theme}, ${lang}`, async () => {
        const el = await mountWidget({ theme, lang, ...i18n });
        await expect(el).shadowDom.to.be.accessible();
        await el.showPreferences();
        const prefs = await openedDialog(el, 'preferences');
        await expect(el).shadowDom.to.be.accessible();
        const email = [...prefs.querySelectorAll<HTMLInputElement>('[part~="switch"]')].at(-1)!;
        email.click();
        await el.updateComplete;
        (part<HTMLInputElement>(el, '#address')!).value = 'not an address';
        part(el, '#address')!.dispatchEvent(new Event('input'));
        prefs.querySelector<HTMLButtonElement>('[part~="save"]')!.click();
        await waitUntil(() => part(el, '#address-error')?.textContent, 'the error shows');
        await expect(el).shadowDom.to.be.accessible();
        prefs.close();
        await el.showPolicy();
        await openedDialog(el, 'policy');
        await expect(el).shadowDom.to.be.accessible();
        part<HTMLDialogElement>(el, '#policy')!.close();
        await el.rejectAll();
        await el.updateComplete;
        await expect(el).shadowDom.to.be.accessible();
        await el.showPreferences();
        await openedDialog(el, 'preferences');
        await expect(el).shadowDom.to.be.accessible();
      });
    }
  }

  it('keeps the "Privacy choices" focus ring visible on a light page and on the dark widget (1.4.11)', async () => {
    await storeRecord(previousChoice());
    const el = await mountWidget({ theme: 'dark', 'policy-version': 'v1' });
    const reopen = part(el, '[part~="reopen"]')!;
    reopen.focus();
    await sendKeys({ press: 'Shift' });
    const ring = getComputedStyle(reopen).outlineColor;
    expect(getComputedStyle(reopen).outlineStyle).to.equal('solid');
    expect(contrast(ring, 'rgb(255, 255, 255)'), 'on a white page').to.be.at.least(3);
    expect(contrast(ring, getComputedStyle(reopen).backgroundColor), 'against the widget').to.be.at.least(3);
  });
});

describe('the receipt', () => {
  it('words each answer as one sentence of the language, lists in its way, and dates in the visitor\'s locale', async () => {
    document.documentElement.lang = 'fr-CA';
    try {
      const record = previousChoice('fr');
      await storeRecord(record);
      const el = await mountWidget({ lang: 'fr', 'policy-version': 'v1', ...i18n });
      await el.showPreferences();
      const dialog = await openedDialog(el, 'preferences');
      const text = dialog.querySelector('.receipt')!.textContent!;
      expect(text).to.contain('Vous avez accepté\u00a0: Nécessaires, Mesure d’audience et E-mails promotionnels.');
      expect(text).to.contain('Vous avez refusé\u00a0: Publicité et Préférences.');
      expect(text).to.contain(new Date(record.createdAt).toLocaleString('fr-CA', { dateStyle: 'long', timeStyle: 'short' }));
    } finally {
      document.documentElement.lang = '';
    }
  });

  it('dates an English receipt the British way on an en-GB page', async () => {
    document.documentElement.lang = 'en-GB';
    try {
      const record = previousChoice();
      await storeRecord(record);
      const el = await mountWidget({ 'policy-version': 'v1' });
      await el.showPreferences();
      const dialog = await openedDialog(el, 'preferences');
      const british = new Date(record.createdAt).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });
      expect(british).not.to.equal(new Date(record.createdAt).toLocaleString('en-US', { dateStyle: 'long', timeStyle: 'short' }));
      expect(dialog.textContent).to.contain(british);
      expect(dialog.textContent).to.contain('Allowed: Necessary, Analytics, and Promotional e-mail.');
      expect(dialog.textContent).to.contain('Refused: Marketing and Preferences.');
    } finally {
      document.documentElement.lang = '';
    }
  });
});

describe('a choice and the preferences', () => {
  it('keeps "Privacy choices" open when opened right after "Accept all", while the choice is still being stored', async () => {
    const el = await mountWidget();
    const accept = button(el, 'Accept all');
    accept.focus();
    accept.click();
    // The banner goes as soon as the choice is made, before it is stored.
    await waitUntil(() => part(el, '[part~="reopen"]'), 'the banner is replaced by "Privacy choices"');
    part(el, '[part~="reopen"]')!.click();
    const dialog = await openedDialog(el, 'preferences');
    await waitUntil(async () => (await get<ConsentRecord>('current', store))?.method === 'accept-all', 'the choice is stored');
    await aTimeout(100);
    expect(dialog.open).to.equal(true);
  });

  it('still closes the preferences after a choice made in them', async () => {
    const el = await mountWidget();
    await el.showPreferences();
    const dialog = await openedDialog(el, 'preferences');
    const changed = oneEvent(el, 'carat-consent:change');
    dialog.querySelector<HTMLButtonElement>('[part~="reject"]')!.click();
    await changed;
    await waitUntil(() => !dialog.open, 'the preferences close');
  });
});
