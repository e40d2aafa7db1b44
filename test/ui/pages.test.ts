import { expect, waitUntil } from '@open-wc/testing';
import { get } from 'idb-keyval';
import { resetWidgets, store } from './widget.js';

/** Loads a page into an iframe and waits until it posts a message back. */
function framePage(html: string, sandbox?: string): { frame: HTMLIFrameElement; message: Promise<unknown> } {
  const frame = document.createElement('iframe');
  if (sandbox !== undefined) frame.setAttribute('sandbox', sandbox);
  const message = new Promise((resolve) => {
    const listen = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow) return;
      removeEventListener('message', listen);
      resolve(event.data);
    };
    addEventListener('message', listen);
  });
  frame.srcdoc = html;
  document.body.append(frame);
  return { frame, message };
}

const embed = `<script src="${location.origin}/dist/carat-consent.js" defer data-site-name="Cluster Carat"></script>`;

afterEach(resetWidgets);

describe('the embed script', () => {
  it('works where IndexedDB and cookies are blocked: one warning, the visitor can still choose', async () => {
    const { frame, message } = framePage(
      `<!doctype html><html lang="en"><body>${embed}<script>
        const warnings = [];
        const warn = console.warn;
        console.warn = (...a) => { warnings.push(a.join(' ')); warn(...a); };
        let idbError = '';
        try { indexedDB.open('probe'); } catch (e) { idbError = e.name; }
        document.addEventListener('carat-consent:ready', async (e) => {
          const el = document.querySelector('carat-consent');
          await el.updateComplete;
          const banner = !!el.shadowRoot.querySelector('[part~="banner"]');
          const record = await CaratConsent.acceptAll();
          await el.updateComplete;
          parent.postMessage({ idbError, warnings, banner, ready: e.detail, method: record.method,
            bannerAfter: !!el.shadowRoot.querySelector('[part~="banner"]') }, '*');
        });
      </script></body></html>`,
      'allow-scripts',
    );
    const result = (await message) as Record<string, unknown>;
    frame.remove();
    expect(result.idbError).to.equal('SecurityError');
    expect(result.warnings).to.have.length(1);
    expect(String((result.warnings as string[])[0])).to.contain('[carat-consent] IndexedDB is unavailable');
    expect(result.banner).to.equal(true);
    expect(result.ready).to.equal(null);
    expect(result.method).to.equal('accept-all');
    expect(result.bannerAfter).to.equal(false);
  });

  it('applies a choice made in one tab at once in another (BroadcastChannel)', async () => {
    const { frame, message } = framePage(
      `<!doctype html><html lang="en"><body>${embed}<script>
        document.addEventListener('carat-consent:ready', () => parent.postMessage('ready', '*'));
        document.addEventListener('carat-consent:change', async (e) => {
          const el = document.querySelector('carat-consent');
          await el.updateComplete;
          parent.postMessage({ method: e.detail.method, banner: !!el.shadowRoot.querySelector('[part~="banner"]'),
            analytics: CaratConsent.hasConsent('analytics') }, '*');
        });
      </script></body></html>`,
    );
    expect(await message).to.equal('ready');
    const other = framePage(`<!doctype html><body>${embed}<script>
      document.addEventListener('carat-consent:ready', () => CaratConsent.acceptAll());
    </script></body></html>`);
    const changed = await new Promise((resolve) => {
      const listen = (event: MessageEvent) => {
        if (event.source !== frame.contentWindow) return;
        removeEventListener('message', listen);
        resolve(event.data);
      };
      addEventListener('message', listen);
    });
    frame.remove();
    other.frame.remove();
    expect(changed).to.deep.equal({ method: 'accept-all', banner: false, analytics: true });
  });

  it('appends one widget to the page and survives being loaded twice', async () => {
    const { frame, message } = framePage(
      `<!doctype html><html lang="en"><body>${embed}${embed}<script>
        const errors = [];
        addEventListener('error', (e) => errors.push(e.message));
        document.addEventListener('carat-consent:ready', () => setTimeout(() =>
          parent.postMessage({ count: document.querySelectorAll('carat-consent').length, errors,
            api: typeof CaratConsent.showPolicy }, '*'), 50));
      </script></body></html>`,
    );
    const result = await message;
    frame.remove();
    expect(result).to.deep.equal({ count: 1, errors: [], api: 'function' });
  });

  it('fetches the dialogs file only when a dialog is first opened', async () => {
    const { frame, message } = framePage(
      `<!doctype html><html lang="en"><body>${embed}<script>
        const dialogsFetched = () => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/carat-consent-dialogs.js'));
        document.addEventListener('carat-consent:ready', async () => {
          const before = dialogsFetched();
          await CaratConsent.showPreferences();
          const el = document.querySelector('carat-consent');
          parent.postMessage({ before, after: dialogsFetched(), open: el.shadowRoot.querySelector('#preferences').open,
            switches: el.shadowRoot.querySelectorAll('[role="switch"]').length }, '*');
        });
      </script></body></html>`,
    );
    const result = await message;
    frame.remove();
    expect(result).to.deep.equal({ before: false, after: true, open: true, switches: 5 });
  });

  it('delivers the choice to the real collector, with its wording, and says so', async () => {
    const collector = (await (await fetch('/__collector.json')).json()) as { url: string; adminToken: string };
    const { frame, message } = framePage(
      `<!doctype html><html lang="en"><body>
      <script src="${location.origin}/dist/carat-consent.js" defer data-endpoint="${collector.url}/api/consent"></script>
      <script>
        document.addEventListener('carat-consent:ready', () => CaratConsent.rejectAll());
        document.addEventListener('carat-consent:change', (change) =>
          document.addEventListener('carat-consent:delivered', (e) => parent.postMessage({ changed: change.detail, delivered: e.detail }, '*')));
      </script></body></html>`,
    );
    const { changed, delivered } = (await message) as { changed: { id: string; wordingHash: string }; delivered: { id: string } };
    frame.remove();
    expect(delivered.id).to.equal(changed.id);
    const auth = { headers: { authorization: `Bearer ${collector.adminToken}` } };
    const stored = await (await fetch(`${collector.url}/api/consent/${changed.id}`, auth)).json();
    expect(stored.record).to.deep.equal(changed);
    await waitUntil(async () => (await fetch(`${collector.url}/api/wording/${changed.wordingHash}`)).status === 200, 'the wording is kept');
    const wording = await (await fetch(`${collector.url}/api/wording/${changed.wordingHash}`)).json();
    expect(wording.text).to.contain('Necessary: Your basket, your sign-in and this choice.');
    expect(await get('outbox', store)).to.deep.equal([]);
  });

  it('sends on the next page what an unreachable endpoint could not take, once', async () => {
    const collector = (await (await fetch('/__collector.json')).json()) as { url: string; adminToken: string; unreachableUrl: string };
    const offline = framePage(
      `<!doctype html><html lang="en"><body>
      <script src="${location.origin}/dist/carat-consent.js" defer data-endpoint="${collector.unreachableUrl}/api/consent"></script>
      <script>
        document.addEventListener('carat-consent:ready', async () => parent.postMessage((await CaratConsent.acceptAll()).id, '*'));
      </script></body></html>`,
    );
    const id = (await offline.message) as string;
    await waitUntil(async () => ((await get('outbox', store)) as unknown[] | undefined)?.length === 1, 'the record waits in the outbox');
    offline.frame.remove();

    const online = framePage(
      `<!doctype html><html lang="en"><body>
      <script src="${location.origin}/dist/carat-consent.js" defer data-endpoint="${collector.url}/api/consent"></script>
      <script>
        document.addEventListener('carat-consent:delivered', (e) => parent.postMessage(e.detail.id, '*'));
      </script></body></html>`,
    );
    expect(await online.message).to.equal(id);
    online.frame.remove();
    const auth = { headers: { authorization: `Bearer ${collector.adminToken}` } };
    const stored = await (await fetch(`${collector.url}/api/consent/${id}`, auth)).json();
    const visitor = await (await fetch(`${collector.url}/api/consent?visitorId=${stored.record.visitorId}`, auth)).json();
    expect(visitor.records).to.have.length(1);
    expect(await get('outbox', store)).to.deep.equal([]);
  });
});

describe('the queue before the embed (SPEC §4)', () => {
  it('runs callbacks queued by an inline script after the defer tag once the stored state is known, and later ones at once', async () => {
    const { frame, message } = framePage(
      `<!doctype html><html lang="en"><body>${embed}<script>
        const log = [];
        document.addEventListener('carat-consent:ready', () => log.push('ready'));
        (window.CaratConsent = window.CaratConsent || []).push(async (api) => {
          log.push('first: ' + api.hasConsent('analytics'));
          log.push('stored: ' + (await api.getConsent()));
          const record = await api.acceptAll();
          log.push('accepted: ' + record.method + ' ' + api.hasConsent('analytics'));
        });
        window.CaratConsent.push((api) => log.push('second: ' + (api === window.CaratConsent)));
        addEventListener('load', () => setTimeout(() => {
          CaratConsent.push(async (api) => {
            log.push('later: ' + (await api.getConsent()).method);
            parent.postMessage({ log }, '*');
          });
        }, 200));
      </script></body></html>`,
    );
    const result = (await message) as { log: string[] };
    frame.remove();
    expect(result.log).to.deep.equal(['ready', 'first: false', 'second: true', 'stored: null', 'accepted: accept-all true', 'later: accept-all']);
  });
});
