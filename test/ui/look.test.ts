import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { button, mountWidget, part, resetWidgets } from './widget.js';

const languageFiles = () =>
  performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((name) => /\/i18n\/[a-z]{2}\.js/.test(name));

afterEach(async () => {
  await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  await resetWidgets();
});

describe('languages', () => {
  it('downloads no language file for an English page', async () => {
    performance.clearResourceTimings();
    const el = await mountWidget({ lang: 'en', 'i18n-base': '/dist/i18n/' });
    expect(button(el, 'Accept all')).to.exist;
    expect(languageFiles()).to.deep.equal([]);
  });

  it('loads German on demand and words the banner and the record in it', async () => {
    performance.clearResourceTimings();
    const el = await mountWidget({ lang: 'de-AT', 'i18n-base': '/dist/i18n/' });
    expect(languageFiles().map((n) => new URL(n).pathname)).to.deep.equal(['/dist/i18n/de.js']);
    expect(button(el, 'Alle akzeptieren')).to.exist;
    expect(part(el, '[lang]')!.getAttribute('lang')).to.equal('de');
    const record = await el.acceptAll();
    expect(record.language).to.equal('de');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('words the hash: the same choice in another language has another wordingHash', async () => {
    const german = await (await mountWidget({ lang: 'de', 'i18n-base': '/dist/i18n/' })).acceptAll();
    await resetWidgets();
    const english = await (await mountWidget({ lang: 'en' })).acceptAll();
    expect(german.wordingHash).not.to.equal(english.wordingHash);
  });

  it('lays Arabic out right to left and passes axe', async () => {
    const el = await mountWidget({ lang: 'ar', 'i18n-base': '/dist/i18n/' });
    const root = part(el, '[dir]')!;
    expect(root.getAttribute('dir')).to.equal('rtl');
    const banner = part(el, '[part~="banner"]')!;
    const title = part(el, '#banner-title')!;
    expect(title.getBoundingClientRect().right).to.be.closeTo(banner.getBoundingClientRect().right - parseFloat(getComputedStyle(banner).paddingRight) - 1, 2);
    await expect(el).shadowDom.to.be.accessible();
    await el.showPreferences();
    await expect(el).shadowDom.to.be.accessible();
  });

  it('falls back to English with one error when a language file cannot be loaded', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const el = await mountWidget({ lang: 'fr', 'i18n-base': '/no-such-folder/' });
      expect(button(el, 'Accept all')).to.exist;
    } finally {
      console.error = original;
    }
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('language "fr" could not be loaded');
  });

  it('lets the site owner override any string through the JSON config', async () => {
    const config = document.createElement('script');
    config.type = 'application/json';
    config.id = 'carat-consent-config';
    config.textContent = JSON.stringify({
      translations: { en: { acceptAll: 'Yes, all of them' } },
      descriptions: { analytics: 'Plausible counts our visits, without cookies of its own.' },
    });
    document.body.append(config);
    try {
      const el = await mountWidget({ categories: 'analytics' });
      expect(button(el, 'Yes, all of them')).to.exist;
      await el.showPreferences();
      expect(part(el, '#about-analytics')!.textContent).to.equal('Plausible counts our visits, without cookies of its own.');
    } finally {
      config.remove();
    }
  });
});

describe('themes and motion', () => {
  const background = (el: Element) => getComputedStyle(part(el as never, '[part~="banner"]')!).backgroundColor;

  it('applies the dark theme and passes axe in it', async () => {
    const el = await mountWidget({ theme: 'dark' });
    expect(background(el)).to.equal('rgb(28, 28, 33)');
    await expect(el).shadowDom.to.be.accessible();
    await el.showPreferences();
    await expect(el).shadowDom.to.be.accessible();
  });

  it('follows the system colour scheme with theme="auto"', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await mountWidget({ theme: 'auto' });
    expect(background(el)).to.equal('rgb(28, 28, 33)');
    await emulateMedia({ colorScheme: 'light' });
    expect(background(el)).to.equal('rgb(255, 255, 255)');
  });

  it('takes colours from --carat-consent-* custom properties', async () => {
    const el = await mountWidget();
    el.style.setProperty('--carat-consent-bg', 'rgb(250, 245, 235)');
    expect(background(el)).to.equal('rgb(250, 245, 235)');
  });

  it('animates nothing when the visitor prefers reduced motion', async () => {
    const moving = await mountWidget();
    await moving.showPreferences();
    const duration = (el: typeof moving) => getComputedStyle(part(el, '[part~="switch"]')!).transitionDuration;
    expect(duration(moving)).to.equal('0.15s');
    await resetWidgets();
    await emulateMedia({ reducedMotion: 'reduce' });
    const still = await mountWidget();
    await still.showPreferences();
    expect(duration(still)).to.equal('0s');
  });

  it('is a floating card by default, in the shop\'s own font, and a bar across the bottom when asked', async () => {
    document.body.style.fontFamily = 'Georgia, serif';
    try {
      const card = await mountWidget();
      const banner = part(card, '[part~="banner"]')!;
      const rect = banner.getBoundingClientRect();
      const look = getComputedStyle(banner);
      expect(rect.left, 'clear of the left edge').to.be.above(0);
      expect(innerHeight - rect.bottom, 'clear of the bottom edge').to.be.above(0);
      expect(parseFloat(look.borderTopLeftRadius), 'rounded').to.be.above(0);
      expect(look.boxShadow, 'raised').not.to.equal('none');
      expect(look.fontFamily).to.equal('Georgia, serif');
      expect(getComputedStyle(button(card, 'Reject all')).fontFamily).to.equal('Georgia, serif');
      card.style.setProperty('--carat-consent-font', 'monospace');
      expect(getComputedStyle(banner).fontFamily).to.equal('monospace');
      await resetWidgets();
      const bar = await mountWidget({ position: 'bar' });
      const strip = part(bar, '[part~="banner"]')!.getBoundingClientRect();
      expect([strip.left, strip.width, strip.bottom]).to.deep.equal([0, innerWidth, innerHeight]);
    } finally {
      document.body.style.fontFamily = '';
    }
  });

  it("keeps its size and legible text on a shop that sets a 62.5% root font and styles its body's text", async () => {
    const measure = async () => {
      const el = await mountWidget();
      const banner = part(el, '[part~="banner"]')!;
      const { width } = banner.getBoundingClientRect();
      const look = getComputedStyle(part(el, '#banner-title')!);
      await el.showPreferences();
      const dialog = part(el, 'dialog[open]')!.getBoundingClientRect().width;
      const text = [look.fontFamily, look.fontStyle, look.fontWeight, look.textTransform, look.letterSpacing, look.wordSpacing, look.textAlign, look.textIndent, look.textShadow];
      await resetWidgets();
      return { width, dialog, padding: getComputedStyle(banner).paddingTop, text };
    };
    document.body.style.fontFamily = 'Georgia, serif';
    const plain = await measure();
    // Shopify's Dawn theme sets the root to 62.5%; themes centre, space out and capitalise text.
    document.documentElement.style.fontSize = '62.5%';
    document.body.style.cssText += ';text-align:center;text-transform:uppercase;letter-spacing:.2em;word-spacing:1em;font-style:italic;font-weight:300;text-indent:3em;text-shadow:1px 1px red';
    try {
      const themed = await measure();
      expect(themed).to.deep.equal(plain);
      expect(themed.text.slice(0, 4)).to.deep.equal(['Georgia, serif', 'normal', '700', 'none']);
    } finally {
      document.documentElement.style.fontSize = '';
      document.body.style.cssText = '';
    }
  });

  it('places the banner as a bottom-left box or centred when asked', async () => {
    const box = await mountWidget({ position: 'box' });
    const rect = part(box, '[part~="banner"]')!.getBoundingClientRect();
    expect(rect.left).to.be.greaterThan(0);
    expect(rect.width).to.be.lessThan(innerWidth / 2 + 100);
    await resetWidgets();
    const centre = await mountWidget({ position: 'center' });
    const middle = part(centre, '[part~="banner"]')!.getBoundingClientRect();
    expect(middle.left + middle.width / 2).to.be.closeTo(innerWidth / 2, 2);
    expect(middle.top + middle.height / 2).to.be.closeTo(innerHeight / 2, 2);
  });
});
