import { expect } from '@open-wc/testing';
import { cookieStorage } from '../src/cookie-storage.js';
import { HINT_COOKIE, keepHint, readCookies, readHint } from '../src/hint.js';
import { buildRecord } from '../src/record.js';
import { FALLBACK_COOKIE, mayHaveStoredChoice } from '../src/storage.js';
import type { ConsentRecord } from '../src/types.js';

const record = (overrides: Partial<ConsentRecord> = {}): ConsentRecord => ({
  ...buildRecord(
    {
      method: 'custom',
      categories: { necessary: true, analytics: true, marketing: false, preferences: false },
      services: { 'google-analytics': true, hotjar: false },
      email: { marketing: 'granted', address: 'a@b.example' },
      visitorId: 'c41e6d7a-0000-4000-8000-000000000001',
      policyVersion: 'v 2; final',
      site: location.origin,
      expiresDays: 180,
      gpc: false,
      language: 'en',
      wordingHash: 'sha256:00',
    },
    new Date(),
  ),
  ...overrides,
});

const hintCookie = () => document.cookie.split('; ').find((c) => c.startsWith(`${HINT_COOKIE}=`));

afterEach(() => {
  document.cookie = `${HINT_COOKIE}=;path=/;max-age=0`;
  document.cookie = `${FALLBACK_COOKIE}=;path=/;max-age=0`;
});

describe('reading the cookies', () => {
  it("takes a cookie blocker's getter that answers no string, or throws, as no cookies", () => {
    for (const getter of [() => undefined, () => null, () => 42, () => { throw new Error('blocked'); }]) {
      const doc = Object.defineProperty({}, 'cookie', { get: getter }) as Document;
      expect(readCookies(doc)).to.equal('');
    }
  });
});

describe('the hint cookie', () => {
  it('holds only the granted ids, the expiry and the policy-version, and reads back', () => {
    const choice = record();
    keepHint(document, choice, 'v 2; final');
    expect(hintCookie()).to.equal(`${HINT_COOKIE}=google-analytics.necessary.analytics|${Date.parse(choice.expiresAt)}|v%202%3B%20final`);
    expect(hintCookie()).not.to.contain('a@b.example');
    expect(readHint(document.cookie)).to.deep.equal({
      granted: { 'google-analytics': true, necessary: true, analytics: true },
      version: 'v 2; final',
    });
  });

  it('leaves the version empty when the site sets none', () => {
    keepHint(document, record(), '');
    expect(readHint(document.cookie)?.version).to.equal('');
  });

  it('is removed for a choice that no longer counts, and lives no longer than the choice', () => {
    keepHint(document, record(), '');
    keepHint(document, null, '');
    expect(hintCookie()).to.equal(undefined);
    expect(readHint(document.cookie)).to.equal(null);
    keepHint(document, record({ expiresAt: new Date(Date.now() - 1000).toISOString() }), '');
    expect(hintCookie()).to.equal(undefined);
    expect(readHint(document.cookie)).to.equal(null);
  });

  it('ignores a corrupted or foreign value without an error', () => {
    for (const value of ['garbage', 'analytics|soon|', 'ANALYTICS|9999999999999|', 'analytics|9999999999999|%E0%A4%A', '|']) {
      document.cookie = `${HINT_COOKIE}=${value};path=/`;
      expect(readHint(document.cookie), value).to.equal(null);
    }
  });

  it('keeps apart from the cookie that stands in for IndexedDB, which still counts as a stored choice', async () => {
    const fallback = cookieStorage(document);
    await fallback.update('current', () => record());
    keepHint(document, record({ categories: { necessary: true, analytics: false, marketing: false, preferences: false }, services: {} }), '');
    expect(readHint(document.cookie)?.granted).to.deep.equal({ necessary: true });
    expect((await cookieStorage(document).get<ConsentRecord>('current'))?.categories.analytics).to.equal(true);
    // A first visit skips IndexedDB only when no fallback cookie may hold a choice.
    expect(await mayHaveStoredChoice(document.cookie)).to.equal(true);
  });
});
