import { expect } from '@open-wc/testing';
import { clearRefusedStorage } from '../src/cookies.js';
import type { CategoryChoices } from '../src/types.js';

const ALL_REFUSED: CategoryChoices = { necessary: true, analytics: false, marketing: false, preferences: false };

describe('clearRefusedStorage', () => {
  // Other test files share this origin's cookies and storage: look only at what this file set.
  const set: string[] = [];
  const keys: string[] = [];
  const setCookie = (cookie: string) => {
    set.push(cookie);
    document.cookie = cookie;
  };
  const setKey = (key: string) => {
    keys.push(key);
    localStorage.setItem(key, '1');
  };
  const cookieNames = () =>
    [...new Set(document.cookie.split('; ').map((c) => c.split('=')[0]!))].filter((name) => set.some((c) => c.startsWith(`${name}=`))).sort();
  const keyNames = () => keys.filter((key) => localStorage.getItem(key) !== null).sort();

  afterEach(() => {
    for (const cookie of set.splice(0)) document.cookie = cookie.replace(/=[^;]*/, '=;max-age=0');
    for (const key of keys.splice(0)) localStorage.removeItem(key);
  });

  it('deletes the default and configured cookies of a refused category', () => {
    setCookie('_ga=1;path=/');
    setCookie('_ga_ABC123=1;path=/');
    setCookie('_gid=1');
    setCookie('_gat_UA1=1;path=/');
    setCookie('_ga=2;domain=localhost;path=/');
    setCookie('_pk_id.1.abc=1;path=/');
    setCookie('_pk_ses.1.abc=1;domain=localhost;path=/');
    setCookie('_fbp=1;path=/');
    setCookie('_gcl_au=1;domain=localhost;path=/');
    setCookie('cart=1;path=/');
    expect(cookieNames()).to.include.members(['_ga', '_ga_ABC123', '_gid', '_gat_UA1', '_pk_id.1.abc', '_pk_ses.1.abc']);

    clearRefusedStorage({ ...ALL_REFUSED, marketing: true }, { analytics: ['_pk_*'] }, {});

    expect(cookieNames()).to.deep.equal(['_fbp', '_gcl_au', 'cart']);
  });

  it('deletes marketing cookies once marketing is refused, and leaves other names alone', () => {
    setCookie('_fbp=1;path=/');
    setCookie('_gcl_au=1;domain=localhost;path=/shop');
    setCookie('_gcl_aw=1;path=/');
    setCookie('_gac_1=1;path=/');
    setCookie('x_fbp=1;path=/');
    setCookie('_fbpx=1;path=/');
    setCookie('_ga=1;path=/');

    clearRefusedStorage({ ...ALL_REFUSED, analytics: true }, {}, {});

    expect(cookieNames()).to.deep.equal(['_fbpx', '_ga', '_gac_1', 'x_fbp']);
  });

  it('treats pattern characters other than * literally', () => {
    setCookie('a.b=1;path=/');
    setCookie('aXb=1;path=/');
    setCookie('pref(1)=1;path=/');

    clearRefusedStorage(ALL_REFUSED, { preferences: ['a.b', 'pref(*)'] }, {});

    expect(cookieNames()).to.deep.equal(['aXb']);
  });

  it('leaves everything when every category is granted', () => {
    setCookie('_ga=1;path=/');
    setCookie('_fbp=1;path=/');
    setKey('_pk_ref');

    clearRefusedStorage({ necessary: true, analytics: true, marketing: true, preferences: true }, { analytics: ['_pk_*'] }, { analytics: ['_pk_*'] });

    expect(cookieNames()).to.deep.equal(['_fbp', '_ga']);
    expect(localStorage.getItem('_pk_ref')).to.equal('1');
  });

  it('removes the configured localStorage keys of refused categories only', () => {
    for (const key of ['_pk_ref', '_pk_id', 'fb_seen', 'recently_viewed', 'basket']) setKey(key);

    clearRefusedStorage({ ...ALL_REFUSED, marketing: true }, {}, {
      analytics: ['_pk_*'],
      marketing: ['fb_*'],
      preferences: ['recently_viewed'],
    });

    expect(keyNames()).to.deep.equal(['basket', 'fb_seen']);
  });

  it('does not throw for a document without a browsing context', () => {
    const doc = document.implementation.createHTMLDocument('detached');
    expect(() => clearRefusedStorage(ALL_REFUSED, { analytics: ['x'] }, { analytics: ['x'] }, doc)).not.to.throw();
  });

  it('deletes cookies set on the host, its parent domains, the page path and its parents', async () => {
    // *.localhost resolves to this machine, giving a host with parent domains; the test page's own
    // path is `/` (and Chrome keeps a document's cookie URL through history.replaceState).
    const popup = window.open(`http://shop.carat.localhost:${location.port}/test/fixtures/gate-cookies.html`)!;
    const message = () => new Promise<unknown>((resolve) => addEventListener('message', (e) => resolve(e.data), { once: true }));
    try {
      expect(await message()).to.equal('ready');
      const result = message();
      popup.postMessage(
        {
          set: [
            '_ga=host;path=/',
            '_ga=parent;domain=carat.localhost;path=/',
            '_ga=dir;path=/test/',
            '_ga_X=sub;domain=shop.carat.localhost;path=/test',
            '_gid=1;domain=.carat.localhost;path=/test/fixtures',
            '_gat=1;path=/test/fixtures/gate-cookies.html',
            '_gat_UA1=1',
            '_pk_id=1;domain=carat.localhost',
            '_fbp=1;domain=carat.localhost;path=/',
          ],
          categories: { ...ALL_REFUSED, marketing: true },
          cookies: { analytics: ['_pk_*'] },
        },
        '*',
      );
      const { before, after } = (await result) as { before: string; after: string };
      expect(before.split('; ').sort()).to.deep.equal(
        ['_fbp=1', '_ga=dir', '_ga=host', '_ga=parent', '_ga_X=sub', '_gat=1', '_gat_UA1=1', '_gid=1', '_pk_id=1'],
      );
      expect(after).to.equal('_fbp=1');

      const cleared = message();
      popup.postMessage({ set: [], categories: ALL_REFUSED, cookies: {} }, '*');
      expect(await cleared).to.deep.equal({ before: '_fbp=1', after: '' });
    } finally {
      popup.close();
    }
  });
});
