import { expect } from '@open-wc/testing';
import en, { enBanner, type StringKey } from '../src/i18n/en.js';
import { LANGUAGES, isRightToLeft, loadStrings, pickLanguage } from '../src/i18n/languages.js';

// Without a base, languages come from the sources' own `import('./i18n/de.js')`, as in a bundled app.
const nowhere = new URL('./no-such-folder/', import.meta.url).href;

const placeholders = (text: string): string[] => (text.match(/\{\{\w+\}\}/g) ?? []).sort();
const i18nRequests = (): string[] =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes('/i18n/'));

describe('language files', () => {
  const enKeys = Object.keys(en).sort();

  for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
    describe(lang, () => {
      it('has exactly the keys of English, none empty, with the same placeholders', async () => {
        const strings = await loadStrings(lang, '');
        expect(Object.keys(strings).sort()).to.deep.equal(enKeys);
        for (const key of enKeys as StringKey[]) {
          const text = strings[key] ?? '';
          expect(text.trim(), `${lang}.${key}`).not.to.equal('');
          expect(text, `${lang}.${key} has no stray whitespace`).to.equal(text.trim());
          expect(placeholders(text), `${lang}.${key} placeholders`).to.deep.equal(placeholders(en[key]));
        }
      });

      it('is translated, not a copy of English', async () => {
        const strings = await loadStrings(lang, '');
        for (const key of ['bannerText', 'prefsIntro', 'emailText', 'policyError', 'policyAbout'] as const) {
          expect(strings[key], `${lang}.${key}`).not.to.equal(en[key]);
        }
      });
    });
  }

  it('writes one English, the American one, and speaks of consent', () => {
    const all = Object.values(en).join('\n');
    expect(all).not.to.match(/honour|colour|favour|behaviour|personalis|customis|organis|recognis|authoris|centre\b|licence\b/i);
    expect(all).not.to.match(/permission/i);
    expect(en.bannerText).to.match(/With your consent/);
    // Consent to e-mail is withdrawn, not "unsubscribed from" (GDPR art. 7(3)).
    expect(en.emailText).to.match(/withdraw this consent/);
  });

  it('words German as the law and the buttons need: withdrawing consent, three verbs', async () => {
    const de = await loadStrings('de', '');
    expect(de.emailText).to.contain('Diese Einwilligung kann ich jederzeit widerrufen.');
    for (const key of ['acceptAll', 'rejectAll', 'customize'] as const) expect(de[key], key).to.match(/en$/);
  });

  it('writes Portuguese that reads as their own in Portugal and in Brazil', async () => {
    const pt = Object.values(await loadStrings('pt', '')).join('\n');
    expect(pt).not.to.match(/\b(você|vocês|tu|teu|tua|teus|tuas|contigo|guardar|salvar|registado|registrado|noutros)\b/i);
  });

  it('names the privacy policy in the receipt\'s version label of every language, not a clipped noun', async () => {
    for (const lang of LANGUAGES) {
      // English in the embed is the banner's only; the rest comes with the dialogs.
      const strings = lang === 'en' ? en : await loadStrings(lang, '');
      const label = strings.receiptVersion!.toLowerCase();
      const words = strings.policyTitle!.toLowerCase().split(/\s+/).filter((w) => w.length > 3);
      expect(words.some((w) => label.includes(w)), `${lang}: "${strings.receiptVersion}" names "${strings.policyTitle}"`).to.equal(true);
    }
  });

  it('writes Arabic with Arabic punctuation', async () => {
    const ar = await loadStrings('ar', '');
    for (const [key, text] of Object.entries(ar)) {
      expect(text, `ar.${key}`).not.to.match(/[,?;]/);
      expect(text, `ar.${key}`).to.match(/[\u0600-\u06ff]/);
    }
  });
});

describe('pickLanguage', () => {
  it('prefers the lang option, then <html lang>, then the browser, then English', () => {
    expect(pickLanguage('fr', 'de', () => ['es'])).to.equal('fr');
    expect(pickLanguage('', 'de', () => ['es'])).to.equal('de');
    expect(pickLanguage('', '', () => ['es', 'it'])).to.equal('es');
    expect(pickLanguage('', '', () => [])).to.equal('en');
  });

  it('matches the primary subtag, whatever the case or region', () => {
    expect(pickLanguage('de-AT', '', () => [])).to.equal('de');
    expect(pickLanguage('', 'pt-BR', () => [])).to.equal('pt');
    expect(pickLanguage('', '', () => ['SV-se'])).to.equal('sv');
    expect(pickLanguage('NL', '', () => [])).to.equal('nl');
    expect(pickLanguage('da_DK', '', () => [])).to.equal('da');
    expect(pickLanguage('', '', () => ['ar-EG'])).to.equal('ar');
  });

  it('skips unknown and empty tags', () => {
    expect(pickLanguage('xx', 'ja', () => ['zh-CN', 'pl-PL'])).to.equal('pl');
    expect(pickLanguage('', 'tlh', () => ['', ' ', 'it'])).to.equal('it');
    expect(pickLanguage('dee', 'fra', () => ['eng'])).to.equal('en');
    expect(pickLanguage('ja', '', () => ['ko'])).to.equal('en');
  });

  it("asks for the browser's languages only when the option and <html lang> decide nothing", () => {
    let asked = 0;
    const browser = () => (asked++, ['sv']);
    expect(pickLanguage('', 'de-CH', browser)).to.equal('de');
    expect(pickLanguage('fr', '', browser)).to.equal('fr');
    expect(asked).to.equal(0);
    expect(pickLanguage('', 'ja', browser)).to.equal('sv');
    expect(asked).to.equal(1);
  });

  it('returns English when English is asked for first', () => {
    expect(pickLanguage('en-GB', 'de', () => ['fr'])).to.equal('en');
  });
});

describe('isRightToLeft', () => {
  it('is true for Arabic alone of the built-in languages', () => {
    expect(LANGUAGES.filter(isRightToLeft)).to.deep.equal(['ar']);
  });
});

describe('loadStrings', () => {
  it('fetches a language when asked, at run time, as a chunk of its own', async () => {
    const sv = await loadStrings('sv', '');
    expect(sv.acceptAll).to.equal('Godkänn alla');
    expect(i18nRequests().map((url) => new URL(url).pathname)).to.include('/src/i18n/sv.ts');
  });

  it('loads `${base}${lang}.js` as a classic script (no CORS needed) when given a base', async () => {
    const de = await loadStrings('de', new URL('/dist/i18n/', location.href).href);
    expect(de.acceptAll).to.equal('Alle akzeptieren');
    expect(document.querySelector(`script[src$="/dist/i18n/de.js"]`)).to.exist;
    let failure: unknown;
    await loadStrings('fr', nowhere).catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(Error).with.property('message').that.includes(`${nowhere}fr.js`);
  });

  it('returns the built-in English without any request', async () => {
    performance.clearResourceTimings();
    // A base where nothing exists: a request would also make the promise reject.
    expect(await loadStrings('en', nowhere)).to.equal(enBanner);
    expect(i18nRequests()).to.deep.equal([]);
  });
});
