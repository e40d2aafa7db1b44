import { aTimeout, expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { get } from 'idb-keyval';
import { buildRecord } from '../../src/record.js';
import { sha256 } from '../../src/policy-text.js';
import { deepActiveElement } from '../../src/ui/focus.js';
import type { ConsentRecord } from '../../src/types.js';
import { button, mountWidget, openedDialog, part, POLICY, resetWidgets, store, storeRecord } from './widget.js';

const previousChoice = (overrides: Partial<ConsentRecord> = {}): ConsentRecord => ({
  ...buildRecord(
    {
      method: 'accept-all',
      categories: { necessary: true, analytics: true, marketing: true, preferences: true },
      email: { marketing: 'unset' },
      visitorId: 'c41e6d7a-0000-4000-8000-000000000001',
      policyVersion: 'v1',
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

afterEach(resetWidgets);

describe('first visit', () => {
  it('shows a non-modal banner with three equally prominent buttons and a policy link', async () => {
    const el = await mountWidget();
    const banner = part(el, '[part~="banner"]')!;
    expect(banner).to.exist;
    expect(getComputedStyle(banner).position).to.equal('fixed');
    expect(banner.closest('dialog')).to.equal(null);
    const boxes = ['Accept all', 'Reject all', 'Customize'].map((t) => button(el, t).getBoundingClientRect());
    for (const box of boxes) {
      expect(box.width).to.be.closeTo(boxes[0]!.width, 1);
      expect(box.height).to.be.closeTo(boxes[0]!.height, 1);
      expect(box.height).to.be.at.least(24);
    }
    const styles = ['Accept all', 'Reject all', 'Customize'].map((t) => {
      const s = getComputedStyle(button(el, t));
      return [s.backgroundColor, s.color, s.fontWeight, s.fontSize].join();
    });
    expect(new Set(styles).size).to.equal(1);
    expect(part(el, '[part~="banner"] a')!.textContent).to.equal('Privacy policy');
    expect(await el.getConsent()).to.equal(null);
    await expect(el).shadowDom.to.be.accessible();
  });

  it('keeps the button a keyboard user is on through updates that change nothing in the banner', async () => {
    const el = await mountWidget();
    const reject = button(el, 'Reject all');
    reject.focus();
    el.requestUpdate();
    await el.updateComplete;
    expect(button(el, 'Reject all')).to.equal(reject);
    expect(deepActiveElement()).to.equal(reject);
  });

  it('causes no layout shift: the page does not move when the banner appears', async () => {
    const marker = document.createElement('p');
    marker.textContent = 'page content';
    document.body.prepend(marker);
    const before = marker.getBoundingClientRect().top;
    await mountWidget();
    expect(marker.getBoundingClientRect().top).to.equal(before);
    marker.remove();
  });

  it('keeps focused page content clear of the banner (WCAG 2.4.11)', async () => {
    const el = await mountWidget();
    const banner = part(el, '[part~="banner"]')!;
    const room = () => `${Math.ceil(innerHeight - banner.getBoundingClientRect().top)}px`;
    const { style } = document.documentElement;
    // Set when the browser lays the banner out.
    await waitUntil(() => style.scrollPaddingBottom === room(), 'focus stays above the room the banner covers');
    // A narrower window makes the banner taller: the room follows.
    banner.style.width = '200px';
    await waitUntil(() => style.scrollPaddingBottom === room(), 'the room follows the banner');
    expect(style.paddingBottom, 'no padding, which could bring a scroll bar, before focus needs it').to.equal('');
    await el.acceptAll();
    await el.updateComplete;
    expect([style.scrollPaddingBottom, style.paddingBottom]).to.deep.equal(['', '']);
  });

  /** A long page with a link at its very end and one in its middle, removed by `remove()`. */
  function longPage(): { first: HTMLAnchorElement; middle: HTMLAnchorElement; last: HTMLAnchorElement; remove: () => void } {
    const page = Object.assign(document.createElement('div'), { style: 'text-align: center' });
    const link = (text: string) => Object.assign(document.createElement('a'), { href: '#', textContent: text });
    const [first, middle, last] = [link('First link'), link('Middle link'), link('Last link')];
    page.append(first, Object.assign(document.createElement('div'), { style: 'height: 1500px' }), middle, Object.assign(document.createElement('div'), { style: 'height: 1500px' }), last);
    document.body.append(page);
    return { first, middle, last, remove: () => (page.remove(), scrollTo(0, 0)) };
  }

  /** Whether the middle of `element` is what the window shows there, not something over it; `root`: the tree it is in. */
  const inSight = (element: Element, root: DocumentOrShadowRoot = document) => {
    const box = element.getBoundingClientRect();
    return root.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === element;
  };
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

  it("lets the page's last link scroll clear of the banner, and a link focused under a centred banner too (WCAG 2.4.11)", async () => {
    const page = longPage();
    try {
      const box = await mountWidget();
      await waitUntil(() => document.documentElement.style.scrollPaddingBottom, 'the banner is laid out');
      page.last.focus();
      await nextFrame();
      expect(inSight(page.last), 'the last link above the banner').to.equal(true);
      expect(document.documentElement.style.paddingBottom).to.not.equal('');
      box.remove();
      document.documentElement.style.cssText = '';

      const centred = await mountWidget({ position: 'center' });
      const card = part(centred, '[part~="banner"]')!.getBoundingClientRect();
      // The middle link scrolled to the middle of the window, under the card.
      scrollBy(0, page.middle.getBoundingClientRect().top - (card.top + card.height / 2));
      expect(inSight(page.middle), 'under the card at first').to.equal(false);
      page.middle.focus();
      await nextFrame();
      expect(inSight(page.middle), 'scrolled out from under the card').to.equal(true);
    } finally {
      page.remove();
    }
  });

  it('keeps the banner and "Privacy choices" in the window when the theme transforms <body>', async () => {
    const page = longPage();
    document.body.style.transform = 'translateZ(0)';
    try {
      const el = await mountWidget();
      const banner = part(el, '[part~="banner"]')!;
      await waitUntil(() => banner.matches(':popover-open'), 'the banner moves to the top layer');
      expect(inSight(button(el, 'Accept all'), el.shadowRoot!), 'the banner in the window').to.equal(true);
      await el.acceptAll();
      await el.updateComplete;
      const reopen = part(el, '[part~="reopen"]')!;
      await waitUntil(() => reopen.matches(':popover-open'), '"Privacy choices" moves to the top layer');
      expect(inSight(reopen, el.shadowRoot!)).to.equal(true);
    } finally {
      document.body.style.transform = '';
      page.remove();
    }
  });
});

describe("the shop's own way back to the choices", () => {
  it('opens the preferences or the policy from links marked data-carat-consent, by keyboard or click, and stays on the page', async () => {
    const el = await mountWidget();
    const footer = document.createElement('footer');
    footer.innerHTML = '<a href="#choices" data-carat-consent="preferences">Privacy choices</a> <a href="#policy" data-carat-consent="policy"><span>Privacy policy</span></a> <a href="#other" data-carat-consent="other">Other</a>';
    document.body.append(footer);
    // Records whether the widget kept the browser from following a link, then keeps it from
    // leaving the test page itself.
    const followed: boolean[] = [];
    const stop = (event: Event) => {
      followed.push(!event.defaultPrevented);
      event.preventDefault();
    };
    addEventListener('click', stop);
    try {
      const [choices, policy, other] = footer.querySelectorAll('a');
      choices!.focus();
      await sendKeys({ press: 'Enter' });
      (await openedDialog(el, 'preferences')).close();
      policy!.querySelector('span')!.click();
      await openedDialog(el, 'policy');
      other!.click();
      choices!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true }));
      expect(followed, 'opened here, opened here, not ours, a new tab').to.deep.equal([false, false, true, true]);
    } finally {
      removeEventListener('click', stop);
      footer.remove();
    }
  });

  it('leaves nothing in the corner after a choice with reopen="none"', async () => {
    const el = await mountWidget({ reopen: 'none' });
    button(el, 'Reject all').click();
    await oneEvent(el, 'carat-consent:change');
    await el.updateComplete;
    expect(part(el, '[part~="banner"]')).to.equal(null);
    expect(part(el, '[part~="reopen"]')).to.equal(null);
    await el.showBanner();
    await el.updateComplete;
    expect(button(el, 'Accept all')).to.exist;
  });
});

describe('the three buttons', () => {
  it('"Accept all" grants every category, stores the record and leaves a "Privacy choices" button', async () => {
    const el = await mountWidget({ endpoint: '' });
    const changed = oneEvent(el, 'carat-consent:change');
    button(el, 'Accept all').click();
    const { detail } = await changed;
    await el.updateComplete;
    expect(detail.method).to.equal('accept-all');
    expect(detail.categories).to.deep.equal({ necessary: true, analytics: true, marketing: true, preferences: true });
    expect(detail.email).to.deep.equal({ marketing: 'unset' });
    expect(detail.wordingHash).to.match(/^sha256:[0-9a-f]{64}$/);
    expect(detail.policyVersion).to.equal(await sha256(POLICY));
    expect(await get('current', store)).to.deep.equal(detail);
    expect(await get('visitor', store)).to.equal(detail.visitorId);
    expect(part(el, '[part~="banner"]')).to.equal(null);
    expect(part(el, '[part~="reopen"]')!.textContent!.trim()).to.equal('Privacy choices');
    expect(el.hasConsent('analytics')).to.equal(true);
    await expect(el).shadowDom.to.be.accessible();
  });

  it('"Reject all" refuses every optional category', async () => {
    const el = await mountWidget();
    const changed = oneEvent(el, 'carat-consent:change');
    button(el, 'Reject all').click();
    const { detail } = await changed;
    expect(detail.method).to.equal('reject-all');
    expect(detail.categories).to.deep.equal({ necessary: true, analytics: false, marketing: false, preferences: false });
    expect(el.hasConsent('analytics')).to.equal(false);
    expect(el.hasConsent('necessary')).to.equal(true);
  });

  it('"Customize" opens the preferences dialog with nothing pre-ticked, and saves the choice', async () => {
    const el = await mountWidget({ categories: 'analytics marketing' });
    button(el, 'Customize').click();
    const dialog = await openedDialog(el, 'preferences');
    expect(dialog.getAttribute('aria-modal')).to.equal('true');
    expect(dialog.matches(':modal')).to.equal(true);
    const switches = [...dialog.querySelectorAll<HTMLInputElement>('[role="switch"]')];
    expect(switches.map((s) => [s.checked, s.disabled])).to.deep.equal([
      [true, true],
      [false, false],
      [false, false],
      [false, false],
    ]);
    expect(dialog.textContent).not.to.contain('Preferences');
    await expect(el).shadowDom.to.be.accessible();
    switches[1]!.click();
    const changed = oneEvent(el, 'carat-consent:change');
    button(el, 'Save choices').click();
    const { detail } = await changed;
    expect(detail.method).to.equal('custom');
    expect(detail.categories).to.deep.equal({ necessary: true, analytics: true, marketing: false, preferences: false });
    await waitUntil(() => !dialog.open, 'the preferences close');
  });
});

describe('the element taken out of the page and put back (Turbo Drive, htmx)', () => {
  it("keeps the dialogs' wording", async () => {
    const el = await mountWidget();
    await el.showPreferences();
    (await openedDialog(el, 'preferences')).close();
    const ready = oneEvent(el, 'carat-consent:ready');
    el.remove();
    document.body.append(el);
    await ready;
    await el.showPreferences();
    const dialog = await openedDialog(el, 'preferences');
    expect(dialog.querySelector('h2')!.textContent).to.equal('Privacy preferences');
    expect(button(el, 'Save choices').isConnected).to.equal(true);
  });
});

describe('a widget that cannot start', () => {
  it('reports why, and fails API calls with it rather than leaving them waiting', async () => {
    const channel = window.BroadcastChannel;
    // A browser without it, which the requirements leave out.
    Reflect.deleteProperty(window, 'BroadcastChannel');
    const el = document.createElement('carat-consent');
    el.setAttribute('policy', POLICY);
    try {
      document.body.append(el);
      let error: unknown;
      await el.getConsent().catch((e: unknown) => (error = e));
      expect(String(error)).to.contain('[carat-consent] the widget could not start');
    } finally {
      window.BroadcastChannel = channel;
      el.remove();
    }
  });
});

describe('promotional e-mail', () => {
  it('shows an inline message for an invalid address, in view, and saves nothing', async () => {
    await setViewport({ width: 1280, height: 560 });
    const el = await mountWidget();
    await el.showPreferences();
    const emailSwitch = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[role="switch"]')].at(-1)!;
    emailSwitch.click();
    await el.updateComplete;
    const address = part<HTMLInputElement>(el, '#address')!;
    address.focus();
    await sendKeys({ type: 'anna@' });
    // The field at the foot of the scrolled middle, as a visitor leaves it: the message comes beneath it.
    address.scrollIntoView({ block: 'end' });
    button(el, 'Save choices').click();
    await aTimeout(50);
    await el.updateComplete;
    expect(part(el, '#address-error')!.textContent).to.contain('valid e-mail address');
    expect(address.getAttribute('aria-invalid')).to.equal('true');
    expect(deepActiveElement()).to.equal(address);
    const message = part(el, '#address-error')!;
    const box = message.getBoundingClientRect();
    const shown = el.shadowRoot!.elementFromPoint(box.left + 4, box.bottom - 4);
    expect(shown === message, `the message is in view, not under ${shown?.outerHTML.slice(0, 40)}`).to.equal(true);
    expect(await get('current', store)).to.equal(undefined);
    await expect(el).shadowDom.to.be.accessible();
    await setViewport({ width: 800, height: 600 });

    await sendKeys({ type: 'mail.example' });
    const changed = oneEvent(el, 'carat-consent:change');
    button(el, 'Save choices').click();
    const { detail } = await changed;
    expect(detail.email).to.deep.equal({ marketing: 'granted', address: 'anna@mail.example' });
  });

  it('records a withdrawal of e-mail consent as denied, without the address', async () => {
    const el = await mountWidget();
    await el.save({ email: { marketing: 'granted', address: 'anna@mail.example' } });
    await el.showPreferences();
    const emailSwitch = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[role="switch"]')].at(-1)!;
    expect(emailSwitch.checked).to.equal(true);
    emailSwitch.click();
    const changed = oneEvent(el, 'carat-consent:change');
    button(el, 'Save choices').click();
    expect((await changed).detail.email).to.deep.equal({ marketing: 'denied' });
  });

  it('proves the words of a choice made outside the widget, such as a checkout box', async () => {
    const el = await mountWidget();
    const banner = await el.rejectAll();
    const checkout = await el.save({ email: { marketing: 'granted' }, wording: 'Send me offers by e-mail.' });
    expect(checkout.wordingHash).to.equal(await sha256('[en]\nSend me offers by e-mail.'));
    expect(checkout.wordingHash).not.to.equal(banner.wordingHash);
    expect(checkout.categories).to.deep.equal(banner.categories);
  });

  it('refuses an invalid address from the API with a clear error', async () => {
    const el = await mountWidget();
    let error: unknown;
    await el.save({ email: { marketing: 'granted', address: 'not an address' } }).catch((e) => (error = e));
    expect(String(error)).to.contain('"not an address" is not a valid e-mail address');
    expect(await get('current', store)).to.equal(undefined);
  });
});

describe('the policy popup', () => {
  it('shows the policy with the blanks filled, headed and scrollable, and closes on Escape back to its opener', async () => {
    const el = await mountWidget();
    const link = part(el, '[part~="banner"] a')!;
    link.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await openedDialog(el, 'policy');
    // The policy's own `# Privacy policy` is the dialog's title, not a second heading under it.
    expect(dialog.querySelector('h2')!.textContent).to.equal('Privacy policy');
    expect(dialog.getAttribute('aria-labelledby')).to.equal('policy-title');
    expect([...dialog.querySelectorAll('.policy :is(h2, h3, h4, h5)')].map((h) => [h.localName, h.textContent])).to.deep.equal([
      ['h3', 'Cookies'],
    ]);
    expect(dialog.textContent).to.contain('Welcome to Cluster Carat.');
    expect(dialog.querySelector('a')!.getAttribute('href')).to.equal('mailto:privacy@clustercarat.example');
    expect(getComputedStyle(dialog.querySelector('.policy')!).overflowY).to.be.oneOf(['auto', 'scroll']);
    expect(dialog.contains(deepActiveElement())).to.equal(true);
    await expect(el).shadowDom.to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await aTimeout(0);
    expect(dialog.open).to.equal(false);
    expect(deepActiveElement()).to.equal(link);
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    const el = await mountWidget();
    await el.showPolicy();
    const dialog = part<HTMLDialogElement>(el, '#policy')!;
    for (let i = 0; i < 6; i++) {
      await sendKeys({ press: 'Tab' });
      expect(dialog.contains(deepActiveElement()), `after Tab ${i + 1}`).to.equal(true);
    }
    await sendKeys({ down: 'Shift' });
    for (let i = 0; i < 6; i++) {
      await sendKeys({ press: 'Tab' });
      expect(dialog.contains(deepActiveElement()), `after Shift+Tab ${i + 1}`).to.equal(true);
    }
    await sendKeys({ up: 'Shift' });
  });

  it('can be used by keyboard alone: Tab to the banner, Customize, Space on a switch, Save', async () => {
    const el = await mountWidget({ categories: 'analytics' });
    button(el, 'Accept all').focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()!.textContent!.trim()).to.equal('Customize');
    await sendKeys({ press: 'Enter' });
    await openedDialog(el, 'preferences');
    const analytics = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[role="switch"]')][1]!;
    analytics.focus();
    await sendKeys({ press: 'Space' });
    expect(analytics.checked).to.equal(true);
    button(el, 'Save choices').focus();
    const changed = oneEvent(el, 'carat-consent:change');
    await sendKeys({ press: 'Enter' });
    expect((await changed).detail.categories.analytics).to.equal(true);
  });

  it('shows a policy full of markup as inert text', async () => {
    const hostile = document.createElement('template');
    hostile.id = 'hostile-policy';
    hostile.content.append(
      '# Policy\n\n<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> [click](javascript:window.__pwned=3)',
    );
    document.head.append(hostile);
    const el = await mountWidget({ policy: '#hostile-policy' });
    await el.showPolicy();
    const content = part(el, '.policy')!;
    expect(content.querySelector('script, img, iframe')).to.equal(null);
    expect(content.textContent).to.contain('<script>window.__pwned = 1</script>');
    expect(content.textContent).to.contain('<img src=x onerror="window.__pwned = 2">');
    expect(content.innerHTML).not.to.contain('href="javascript:');
    await aTimeout(50);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    hostile.remove();
  });

  it('says so when the policy cannot be fetched, and reports the option', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const el = await mountWidget({ policy: '', 'policy-url': '/no-such-policy.md' });
      await el.showPolicy();
      expect(part(el, '.policy')!.textContent).to.contain('could not be loaded');
      expect(part(el, '.policy')!.textContent).to.contain('privacy@clustercarat.example');
    } finally {
      console.error = original;
    }
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(/^\[carat-consent\] option "policy-url" ".*\/no-such-policy.md" could not be fetched \(HTTP 404\)$/);
  });

  it('links to the policy page; a plain click opens the popup, a Ctrl-click is left to the browser', async () => {
    const el = await mountWidget({ 'policy-page': '/privacy.html' });
    const link = part<HTMLAnchorElement>(el, '[part~="banner"] a')!;
    expect(link.href).to.equal(new URL('/privacy.html', location.href).href);
    expect(link.textContent).to.equal('Privacy policy');
    const ctrl = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, ctrlKey: true });
    // Cancelled here so the test page stays: what matters is that the widget did not cancel it first.
    let cancelledByWidget = true;
    link.addEventListener('click', (e) => { cancelledByWidget = e.defaultPrevented; e.preventDefault(); }, { once: true });
    link.dispatchEvent(ctrl);
    expect(cancelledByWidget).to.equal(false);
    expect(part<HTMLDialogElement>(el, '#policy')?.open ?? false).to.equal(false);
    const plain = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    link.dispatchEvent(plain);
    expect(plain.defaultPrevented).to.equal(true);
    await openedDialog(el, 'policy');
  });

  it('links to policy-url when no policy page is set', async () => {
    const el = await mountWidget({ policy: '', 'policy-url': '/demo/policy.md' });
    expect(part<HTMLAnchorElement>(el, '[part~="banner"] a')!.href).to.equal(new URL('/demo/policy.md', location.href).href);
  });

  it('without a contact e-mail, says the policy could not be loaded without an empty "write to" sentence', async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const el = await mountWidget({ policy: '', 'policy-url': '/no-such-policy.md', 'contact-email': '' });
      await el.showPolicy();
      const text = part(el, '.policy')!.textContent!.trim();
      expect(text).to.equal('The privacy policy could not be loaded. Please try again later.');
    } finally {
      console.error = original;
    }
  });
});

describe('return visit', () => {
  it('shows no banner, not even for a frame, and applies the stored choice', async () => {
    await storeRecord(previousChoice());
    let bannerSeen = false;
    const element = document.createElement('carat-consent');
    const watch = new MutationObserver(() => {
      if (element.shadowRoot?.querySelector('[part~="banner"]')) bannerSeen = true;
    });
    const original = element.attachShadow.bind(element);
    element.attachShadow = (init) => {
      const root = original(init);
      watch.observe(root, { childList: true, subtree: true });
      return root;
    };
    element.setAttribute('policy-version', 'v1');
    element.setAttribute('policy', '#test-policy');
    const ready = oneEvent(element, 'carat-consent:ready');
    document.body.append(element);
    const { detail } = await ready;
    await element.updateComplete;
    watch.disconnect();
    element.remove();
    expect(detail?.method).to.equal('accept-all');
    expect(bannerSeen).to.equal(false);
    expect(element.shadowRoot!.querySelector('[part~="reopen"]')).to.exist;
  });

  it('asks again when the choice has expired', async () => {
    await storeRecord(previousChoice({ expiresAt: new Date(Date.now() - 1000).toISOString() }));
    const el = await mountWidget({ 'policy-version': 'v1' });
    expect(part(el, '[part~="banner"]')).to.exist;
    expect(await el.getConsent()).to.equal(null);
    expect(el.hasConsent('analytics')).to.equal(false);
  });

  it('asks again when the policy changed', async () => {
    await storeRecord(previousChoice({ policyVersion: 'v1' }));
    const el = await mountWidget({ 'policy-version': 'v2' });
    expect(part(el, '[part~="banner"]')).to.exist;
  });

  it('asks again when the policy text changed and no version is set', async () => {
    await storeRecord(previousChoice({ policyVersion: await sha256('an older policy') }));
    const el = await mountWidget();
    expect(part(el, '[part~="banner"]')).to.exist;
  });

  it('shows the receipt in the preferences and makes withdrawal one click', async () => {
    const record = previousChoice();
    await storeRecord(record);
    const el = await mountWidget({ 'policy-version': 'v1' });
    part(el, '[part~="reopen"]')!.click();
    const dialog = await openedDialog(el, 'preferences');
    expect(dialog.textContent).to.contain(record.id);
    expect(dialog.textContent).to.contain('v1');
    expect(dialog.textContent).to.contain('Allowed: Necessary, Analytics, Marketing, and Preferences.');
    await expect(el).shadowDom.to.be.accessible();
    const changed = oneEvent(el, 'carat-consent:change');
    button(el, 'Withdraw consent').click();
    const { detail } = await changed;
    expect(detail.method).to.equal('withdraw');
    expect(detail.categories).to.deep.equal({ necessary: true, analytics: false, marketing: false, preferences: false });
    expect(detail.id).not.to.equal(record.id);
  });
});

describe('bad options', () => {
  it('reports each bad option once by name and value, and still works', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    let el;
    try {
      el = await mountWidget({
        endpoint: 'javascript:alert(1)',
        'expires-days': 'forever',
        theme: 'neon',
        categories: 'analytics spying!',
        'contact-email': 'nobody',
        'polcy-url': '/p.md',
      });
    } finally {
      console.error = original;
    }
    expect(errors).to.have.length(6);
    for (const name of ['endpoint', 'expires-days', 'theme', 'categories', 'contact-email', 'polcy-url']) {
      expect(errors.filter((e) => e.startsWith('[carat-consent]') && e.includes(`"${name}"`)), name).to.have.length(1);
    }
    expect(errors).to.include('[carat-consent] option "expires-days" has an invalid value "forever"; using the default');
    const changed = oneEvent(el, 'carat-consent:change');
    button(el, 'Accept all').click();
    const { detail } = await changed;
    const days = (Date.parse(detail.expiresAt) - Date.parse(detail.createdAt)) / 864e5;
    expect(days).to.equal(180);
  });

  it('reports a JSON config that is not JSON', async () => {
    const config = document.createElement('script');
    config.type = 'application/json';
    config.id = 'carat-consent-config';
    config.textContent = '{ not json';
    document.body.append(config);
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const el = await mountWidget();
      expect(part(el, '[part~="banner"]')).to.exist;
    } finally {
      console.error = original;
      config.remove();
    }
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('#carat-consent-config is not a JSON object');
  });

  it('reports a config property that is not an object, and starts without it', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const el = await mountWidget({}, null as unknown as Record<string, unknown>);
      expect(part(el, '[part~="banner"]')).to.exist;
    } finally {
      console.error = original;
    }
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('the config property is not an object');
  });
});
