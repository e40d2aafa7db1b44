import { expect } from '@open-wc/testing';
import { SERVICES, serviceForCookie, serviceForHost, serviceForUrl } from '../../src/services/index.js';

const BUILT_IN = ['necessary', 'analytics', 'marketing', 'preferences'];
const DURATION = /^(session|P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?)$/;

describe('the service registry', () => {
  it('has at least 25 services, each complete and well-formed', () => {
    expect(SERVICES.length).to.be.at.least(25);
    const ids = new Set<string>();
    for (const s of SERVICES) {
      expect(s.id, s.id).to.match(/^[a-z][a-z0-9-]*$/);
      expect(ids.has(s.id), `${s.id} twice`).to.equal(false);
      ids.add(s.id);
      expect(BUILT_IN, s.id).to.include(s.category);
      expect(s.country, s.id).to.match(/^[A-Z]{2}$/);
      for (const field of [s.name, s.provider, s.purpose]) expect(field.trim(), s.id).to.not.equal('');
      expect(new URL(s.privacyPolicy).protocol, s.id).to.equal('https:');
      expect(s.hosts?.length, s.id).to.be.above(0);
      for (const c of s.cookies) {
        expect(c.duration, `${s.id} ${c.name}`).to.match(DURATION);
        expect(c.name, s.id).to.match(/^[\w.-]+\*?$/);
        expect(['first', 'third']).to.include(c.party);
      }
    }
    for (const id of ['google-analytics', 'google-tag-manager', 'google-ads', 'meta-pixel', 'tiktok-pixel', 'pinterest-tag',
      'microsoft-ads', 'microsoft-clarity', 'hotjar', 'klaviyo', 'mailchimp', 'trustpilot', 'google-maps', 'youtube', 'vimeo',
      'intercom', 'stripe', 'paypal', 'shopify', 'criteo', 'snapchat-pixel', 'linkedin-insight', 'matomo', 'plausible', 'awin'])
      expect(ids.has(id), id).to.equal(true);
  });

  it('knows a cookie by its name or pattern, the exact name first', () => {
    expect(serviceForCookie('_ga')?.id).to.equal('google-analytics');
    expect(serviceForCookie('_ga_QX12')?.id).to.equal('google-analytics');
    expect(serviceForCookie('_hjSessionUser_123')?.id).to.equal('hotjar');
    expect(serviceForCookie('intercom-device-id-abc')?.id).to.equal('intercom');
    expect(serviceForCookie('_fbp')?.id).to.equal('meta-pixel');
    expect(serviceForCookie('cart')).to.equal(undefined);
    expect(serviceForCookie('_GA')).to.equal(undefined);
  });

  it('knows a request by its host, subdomains included, and tells shared hosts apart by path', () => {
    expect(serviceForUrl('https://region1.google-analytics.com/g/collect?v=2')?.id).to.equal('google-analytics');
    expect(serviceForUrl('https://www.googletagmanager.com/gtag/js?id=G-ABC')?.id).to.equal('google-analytics');
    expect(serviceForUrl('https://www.googletagmanager.com/gtag/js?id=AW-123')?.id).to.equal('google-ads');
    expect(serviceForUrl('https://www.googletagmanager.com/gtm.js?id=GTM-1')?.id).to.equal('google-tag-manager');
    expect(serviceForUrl('https://www.facebook.com/tr?id=1&ev=PageView')?.id).to.equal('meta-pixel');
    expect(serviceForUrl('https://www.facebook.com/some-page')).to.equal(undefined);
    expect(serviceForUrl('https://notyoutube.com/')).to.equal(undefined);
    expect(serviceForUrl('not a url')).to.equal(undefined);
    expect(serviceForHost('static.hotjar.com')?.id).to.equal('hotjar');
    expect(serviceForHost('WWW.CLARITY.MS')?.id).to.equal('microsoft-clarity');
    expect(serviceForHost('example.com')).to.equal(undefined);
  });

  it('matches against a shop’s own list when given one', () => {
    const own = [{ ...SERVICES[0]!, id: 'own', cookies: [{ name: 'own_*', duration: 'P1D', party: 'first' as const }], hosts: ['own.example'] }];
    expect(serviceForCookie('own_1', own)?.id).to.equal('own');
    expect(serviceForCookie('_ga', own)).to.equal(undefined);
    expect(serviceForHost('cdn.own.example', own)?.id).to.equal('own');
  });
});
