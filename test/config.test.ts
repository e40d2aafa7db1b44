import { expect } from '@open-wc/testing';
import { isEmailAddress, parseOptions, policyVersionOf } from '../src/config.js';

const page = new URL('https://shop.example/products/ring');

describe('parseOptions', () => {
  it('gives safe defaults when nothing is set', () => {
    const { options, errors } = parseOptions([], page);
    expect(errors).to.deep.equal([]);
    expect(options.expiresDays).to.equal(180);
    expect(options.siteName).to.equal('shop.example');
    expect(options.categories).to.deep.equal(['analytics', 'marketing', 'preferences']);
    expect(options.theme).to.equal('light');
    expect(options.position).to.equal('box');
  });

  it('reads kebab-case attributes and camelCase JSON, later sources winning', () => {
    const { options, errors } = parseOptions(
      [
        { siteName: 'From JSON', expiresDays: 30, cookies: { analytics: ['_pk_*'] } },
        { 'site-name': 'Cluster Carat', 'policy-url': '/policy.md', endpoint: '/api/consent', 'expires-days': '90' },
      ],
      page,
    );
    expect(errors).to.deep.equal([]);
    expect(options.siteName).to.equal('Cluster Carat');
    expect(options.expiresDays).to.equal(90);
    expect(options.endpoint).to.equal('https://shop.example/api/consent');
    expect(options.policyUrl).to.equal('https://shop.example/policy.md');
    expect(options.cookies).to.deep.equal({ analytics: ['_pk_*'] });
  });

  it('keeps the offered categories in a fixed order and ignores necessary', () => {
    expect(parseOptions([{ categories: 'marketing analytics' }], page).options.categories).to.deep.equal([
      'analytics',
      'marketing',
    ]);
    expect(parseOptions([{ categories: ['necessary'] }], page).options.categories).to.deep.equal([]);
  });

  it("takes the shop's own categories after the built-in ones, and services for the services part to check", () => {
    const services = ['youtube', { id: 'own-chat', category: 'support' }];
    const { options, errors } = parseOptions(
      [{ categories: ['social', 'marketing', 'support', 'social'], services, cookies: { social: ['sc_*'], youtube: ['yt'] } }],
      page,
    );
    expect(errors).to.deep.equal([]);
    expect(options.categories).to.deep.equal(['marketing', 'social', 'support']);
    expect(options.services).to.deep.equal(services);
    expect(options.cookies).to.deep.equal({ social: ['sc_*'], youtube: ['yt'] });
  });

  it('gives the policy version alone exactly as the whole parse does', () => {
    const cases: Record<string, unknown>[][] = [
      [],
      [{ 'policy-version': ' 2026-03 ' }],
      [{ policyVersion: 'v1' }, { 'policy-version': 'v2' }],
      [{ policyVersion: 'v1' }, { 'policy-version': '' }],
      [{ policyVersion: 'v1' }, { 'policy-version': 'x'.repeat(201) }],
      [{ policyVersion: 7 }, { 'site-name': 'Shop' }],
      [{ 'policy-version': '   ' }],
    ];
    expect(cases.map((sources) => policyVersionOf(sources))).to.deep.equal(['', '2026-03', 'v2', 'v1', 'v1', '', '']);
    for (const sources of cases) expect(policyVersionOf(sources)).to.equal(parseOptions(sources, page).options.policyVersion);
  });

  const bad: [string, unknown][] = [
    ['endpoint', 'javascript:alert(1)'],
    ['endpoint', 'ftp://files.example/x'],
    ['policy-url', 'data:text/plain,hi'],
    ['policy', 'not-an-id'],
    ['expires-days', 'soon'],
    ['expires-days', '0'],
    ['expiresDays', 1.5],
    ['expires-days', '99999'],
    ['contact-email', 'nobody'],
    ['lang', 'english please'],
    ['categories', 'analytics Tracking!'],
    ['categories', ['analytics', '9lives']],
    ['services', 'google-analytics'],
    ['theme', 'neon'],
    ['position', 'top'],
    ['site-name', '   '],
    ['cookies', { analytics: '_ga' }],
    ['cookies', { 'Spying Cookies': ['_x'] }],
    ['descriptions', { analytics: 3 }],
    ['translations', { de: 'hallo' }],
  ];
  for (const [key, value] of bad) {
    it(`reports ${key}=${JSON.stringify(value)} and keeps the default`, () => {
      const defaults = parseOptions([], page).options;
      const { options, errors } = parseOptions([{ [key]: value }], page);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain(`"${key}"`).and.contain(JSON.stringify(value));
      expect(options).to.deep.equal(defaults);
    });
  }

  it('reports an unknown option by name', () => {
    const { errors } = parseOptions([{ 'polcy-url': '/p.md' }], page);
    expect(errors).to.deep.equal(['unknown option "polcy-url" ("/p.md") is ignored']);
  });

  it('does not let a prototype key through', () => {
    const { errors, options } = parseOptions([JSON.parse('{"__proto__": {"endpoint": "x"}, "constructor": 1}')], page);
    expect(errors).to.have.length(2);
    expect(options.endpoint).to.equal('');
  });
});

describe('isEmailAddress', () => {
  it('accepts ordinary addresses and refuses others', () => {
    expect(isEmailAddress('anna.k+rings@mail.example')).to.equal(true);
    for (const bad of ['', 'anna', 'anna@', '@mail.example', 'anna@mail', 'a b@mail.example', '<a@b.example>']) {
      expect(isEmailAddress(bad), bad).to.equal(false);
    }
  });
});
