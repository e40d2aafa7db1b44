import { expect } from '@open-wc/testing';
import { buildRecord, bulkChoices, isExpired, needsPrompt, wordingOf, type RecordInput } from '../src/record.js';
import { sha256 } from '../src/policy-text.js';
import en from '../src/i18n/en.js';

const input: RecordInput = {
  method: 'accept-all',
  categories: { necessary: true, analytics: true, marketing: false, preferences: false },
  email: { marketing: 'unset' },
  visitorId: 'c41e6d7a-0000-4000-8000-000000000001',
  policyVersion: 'sha256:abc',
  site: 'https://clustercarat.example',
  expiresDays: 180,
  gpc: false,
  language: 'en',
  wordingHash: 'sha256:def',
};
const now = new Date('2026-11-24T21:40:00.000Z');

describe('buildRecord', () => {
  it('makes the SPEC record with a fresh id and expiry from now', () => {
    const record = buildRecord(input, now);
    expect(record.id).to.match(/^[0-9a-f-]{36}$/);
    expect(record.createdAt).to.equal('2026-11-24T21:40:00.000Z');
    expect(record.expiresAt).to.equal('2027-05-23T21:40:00.000Z');
    expect(Object.keys(record).sort()).to.deep.equal(
      ['categories', 'createdAt', 'email', 'expiresAt', 'gpc', 'id', 'language', 'method', 'policyVersion', 'site', 'visitorId', 'wordingHash'],
    );
    expect(buildRecord(input, now).id).not.to.equal(record.id);
  });
});

describe('isExpired and needsPrompt', () => {
  const record = buildRecord({ ...input, expiresDays: 1 }, now);
  it('counts a record until its expiry', () => {
    expect(isExpired(record, new Date('2026-11-25T21:39:59.999Z'))).to.equal(false);
    expect(isExpired(record, new Date('2026-11-25T21:40:00.000Z'))).to.equal(true);
  });
  it('asks with no record, an expired one, or another policy version', () => {
    expect(needsPrompt(null, 'sha256:abc', now)).to.equal(true);
    expect(needsPrompt(record, 'sha256:abc', now)).to.equal(false);
    expect(needsPrompt(record, 'sha256:new', now)).to.equal(true);
    expect(needsPrompt(record, 'sha256:abc', new Date('2026-12-01T00:00:00Z'))).to.equal(true);
  });
  it('treats an unreadable expiry as expired', () => {
    expect(isExpired({ ...record, expiresAt: 'whenever' }, now)).to.equal(true);
  });
});

describe('bulkChoices', () => {
  it('grants only the offered categories', () => {
    expect(bulkChoices(true, ['analytics'], false)).to.deep.equal({ necessary: true, analytics: true, marketing: false, preferences: false });
  });
  it('keeps marketing off under Global Privacy Control', () => {
    expect(bulkChoices(true, ['analytics', 'marketing', 'preferences'], true)).to.deep.equal({
      necessary: true,
      analytics: true,
      marketing: false,
      preferences: true,
    });
  });
  it('refuses everything optional on reject', () => {
    expect(bulkChoices(false, ['analytics', 'marketing'], false)).to.deep.equal({ necessary: true, analytics: false, marketing: false, preferences: false });
  });
});

describe('sha256 and wordingOf', () => {
  it('hashes like every other SHA-256', async () => {
    expect(await sha256('abc')).to.equal('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('holds the banner, the offered categories, the e-mail sentence and the language', () => {
    const wording = wordingOf(en, 'en', ['analytics'], { analytics: 'Counting visits.' }, { siteName: 'Cluster Carat' });
    expect(wording).to.contain('[en]');
    expect(wording).to.contain('Your privacy at Cluster Carat');
    expect(wording).to.contain('Analytics: Counting visits.');
    expect(wording).to.contain(en.necessaryText);
    expect(wording).not.to.contain(en.marketingText);
    expect(wording).to.contain('offers and news from Cluster Carat');
    expect(wordingOf(en, 'de', ['analytics'], {}, {})).not.to.equal(wordingOf(en, 'en', ['analytics'], {}, {}));
  });
});
