import { expect } from '@open-wc/testing';
import { clearing, settle } from '../../src/services/choices.js';
import { countryName, durationParts, formatDuration, outsideEea } from '../../src/services/duration.js';
import { resolveServices } from '../../src/services/resolve.js';
import type { ConsentRecord } from '../../src/types.js';

const offered = ['analytics', 'marketing', 'preferences', 'social'];
const { services } = resolveServices(
  ['google-analytics', 'hotjar', 'meta-pixel', 'stripe', { id: 'insta-feed', name: 'Instagram feed', category: 'social', provider: 'Meta Platforms Ireland Limited', purpose: 'Shows our posts.', privacyPolicy: 'https://example.com', country: 'IE', cookies: [] }],
  offered,
);
const none = { necessary: true, analytics: false, marketing: false, preferences: false, social: false };

describe('settling services', () => {
  it('sets every service from its category when the visitor used a button that sets everything', () => {
    const all = { ...none, analytics: true, marketing: true, preferences: true, social: true };
    expect(settle(services, all, all).services).to.deep.equal({ 'google-analytics': true, hotjar: true, 'meta-pixel': true, stripe: true, 'insta-feed': true });
    expect(settle(services, none, none).services).to.deep.equal({ 'google-analytics': false, hotjar: false, 'meta-pixel': false, stripe: true, 'insta-feed': false });
  });

  it("lets a service's own switch win over its category, and counts a category granted only when all its services are", () => {
    const { categories, services: chosen } = settle(services, { ...none, analytics: true }, { analytics: true, hotjar: false });
    expect(chosen['google-analytics']).to.equal(true);
    expect(chosen.hotjar).to.equal(false);
    expect(categories.analytics).to.equal(false);
    expect(settle(services, none, { hotjar: true, 'google-analytics': true }).categories.analytics).to.equal(true);
  });

  it('keeps what the visitor chose before for services they did not touch', () => {
    const settled = settle(services, none, { social: true }, { hotjar: true, 'meta-pixel': true });
    expect(settled.services).to.include({ hotjar: true, 'meta-pixel': true, 'insta-feed': true, 'google-analytics': false });
  });

  it("deletes a refused service's own first-party cookies, and a category's names only when nothing in it is granted", () => {
    const record = { categories: { ...none, analytics: false }, services: { 'google-analytics': false, hotjar: true } } as unknown as ConsentRecord;
    const [granted, names] = clearing(services, record, { analytics: ['_pk_*'] });
    expect(granted.analytics).to.equal(true);
    expect(granted['google-analytics']).to.equal(false);
    expect(names['google-analytics']).to.deep.equal(['_ga', '_ga_*']);
    expect(names['meta-pixel']).to.deep.equal(['_fbp', '_fbc']);
    expect(names.analytics).to.deep.equal(['_pk_*']);
  });
});

describe('durations and countries', () => {
  it('reads ISO 8601 durations and writes them in the visitor’s language', () => {
    expect(durationParts('P1Y6M')).to.deep.equal([['year', 1], ['month', 6]]);
    expect(durationParts('PT30M')).to.deep.equal([['minute', 30]]);
    expect(formatDuration('P13M', 'en', 'Session')).to.equal('13 months');
    expect(formatDuration('P13M', 'de', 'Sitzung')).to.equal('13 Monate');
    expect(formatDuration('P1Y6M', 'en', 'Session')).to.equal('1 year, 6 months');
    expect(formatDuration('session', 'fr', 'Jusqu’à la fermeture')).to.equal('Jusqu’à la fermeture');
    expect(formatDuration('P2Y', 'ar', '')).to.match(/[\u0600-\u06ff]/);
  });

  it('names countries in the visitor’s language and knows which lie outside the EEA', () => {
    expect(countryName('US', 'de')).to.equal('Vereinigte Staaten');
    expect(outsideEea('US')).to.equal(true);
    expect(outsideEea('NO')).to.equal(false);
    expect(outsideEea('IE')).to.equal(false);
    expect(outsideEea('CH')).to.equal(true);
  });
});

describe('checking the services option', () => {
  const check = (settings: unknown[], categories = offered) => resolveServices(settings, categories);

  it('takes built-in ids, overrides their keys, and takes full entries', () => {
    const { services: found, errors } = check(['youtube', { id: 'google-analytics', cookies: [{ name: '_ga', duration: 'P1Y', party: 'first' }] }]);
    expect(errors).to.deep.equal([]);
    expect(found.map((s) => s.id)).to.deep.equal(['youtube', 'google-analytics']);
    expect(found[1]!.provider).to.equal('Google Ireland Limited');
    expect(found[1]!.cookies).to.deep.equal([{ name: '_ga', duration: 'P1Y', party: 'first' }]);
  });

  const bad: [string, unknown, string][] = [
    ['an unknown built-in id', 'google-analytic', '"google-analytic"'],
    ['a service without a category', { id: 'own', name: 'Own', provider: 'Own Ltd', purpose: 'x', privacyPolicy: '' }, 'has no "category"'],
    ['a category the shop does not offer', { id: 'own', category: 'newsletter' }, '"newsletter"'],
    ['a service id that is a category id', { id: 'social', category: 'social' }, 'category and service ids must differ'],
    ['a malformed duration', { id: 'hotjar', cookies: [{ name: '_hj', duration: '13 months', party: 'first' }] }, '"13 months"'],
    ['a cookie pattern that is not a name', { id: 'hotjar', cookies: [{ name: '_hj*Session', duration: 'P1D', party: 'first' }] }, '"_hj*Session"'],
    ['a party that is neither', { id: 'hotjar', cookies: [{ name: '_hj', duration: 'P1D', party: 'us' }] }, '"us"'],
    ['an id that is not one', { id: 'Hot Jar', category: 'analytics' }, '"Hot Jar"'],
  ];
  for (const [what, setting, named] of bad) {
    it(`reports ${what}, naming it, and keeps the others`, () => {
      const { services: found, errors } = check(['youtube', setting]);
      expect(errors, what).to.have.length(1);
      expect(errors[0]).to.contain('option "services"').and.contain(named);
      expect(found.map((s) => s.id)).to.deep.equal(['youtube']);
    });
  }
});
