import { expect } from '@open-wc/testing';
import { cookieStorage, FALLBACK_COOKIE } from '../src/cookie-storage.js';
import { DB_NAME, mayHaveStoredChoice, openConsentStorage, openedOnUse, type ConsentStorage } from '../src/storage.js';
import type { ConsentRecord } from '../src/types.js';

const record = {
  id: 'r1',
  visitorId: 'v1',
  createdAt: '2026-11-24T21:40:00.000Z',
  expiresAt: new Date(Date.now() + 864e5).toISOString(),
  email: { marketing: 'granted', address: 'anna@mail.example' },
} as ConsentRecord;

afterEach(() => {
  document.cookie = `${FALLBACK_COOKIE}=;path=/;max-age=0`;
});

describe('openConsentStorage', () => {
  it('uses IndexedDB when the browser allows it', async () => {
    const storage = await openConsentStorage();
    expect(storage).not.to.equal(null);
    await storage!.update('visitor', () => 'someone');
    expect(await storage!.get('visitor')).to.equal('someone');
  });
});

describe('telling a first visit without opening IndexedDB', () => {
  afterEach(() => localStorage.removeItem(DB_NAME));

  it('counts a choice as possible once a first visit has opened IndexedDB, or with the fallback cookie', async () => {
    localStorage.removeItem(DB_NAME);
    expect(mayHaveStoredChoice(document.cookie)).to.equal(false);
    await openedOnUse(() => openConsentStorage() as Promise<ConsentStorage>).get('visitor');
    expect(localStorage.getItem(DB_NAME)).to.equal('1');
    expect(mayHaveStoredChoice(document.cookie)).to.equal(true);
    localStorage.removeItem(DB_NAME);
    expect(mayHaveStoredChoice(`a=1; ${FALLBACK_COOKIE}=x`)).to.equal(true);
  });

  it('opens the storage on its first use, not before, and once', async () => {
    let opened = 0;
    const storage = openedOnUse(() => (opened++, openConsentStorage() as Promise<ConsentStorage>));
    expect(opened).to.equal(0);
    await storage.update('visitor', () => 'v2');
    expect(await storage.get('visitor')).to.equal('v2');
    expect(opened).to.equal(1);
  });
});

describe('the cookie fallback', () => {
  it('keeps the choice across pages in a first-party cookie, without the e-mail address', async () => {
    const first = cookieStorage(document);
    await first.update('visitor', () => 'v1');
    await first.update('current', () => record);
    expect(document.cookie).to.contain(`${FALLBACK_COOKIE}=`);
    expect(decodeURIComponent(document.cookie)).not.to.contain('anna@mail.example');

    const nextPage = cookieStorage(document);
    expect(await nextPage.get('visitor')).to.equal('v1');
    expect(await nextPage.get('current')).to.deep.equal({ ...record, email: { marketing: 'granted' } });
  });

  it('keeps the outbox in memory only', async () => {
    const storage = cookieStorage(document);
    await storage.update('outbox', () => [record]);
    expect(await storage.get('outbox')).to.deep.equal([record]);
    expect(await cookieStorage(document).get('outbox')).to.equal(undefined);
  });

  it('ignores a cookie it cannot read', async () => {
    document.cookie = `${FALLBACK_COOKIE}=%7Bbroken;path=/`;
    expect(await cookieStorage(document).get('current')).to.equal(undefined);
  });
});
