import { expect } from '@open-wc/testing';
import { pushConsentDefault, pushConsentUpdate } from '../src/consent-mode.js';

/** A window as the Google tag snippet leaves it. */
type TaggedWindow = Window & { dataLayer?: unknown[]; gtag?: (...args: unknown[]) => void; uetq?: unknown[] };

const page = window as TaggedWindow;

const DEFAULT = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted',
  wait_for_update: 500,
};

/** A frame whose page ran a tag's snippet, as a shop's page does before the widget. */
async function pageThatRan(snippet: string): Promise<{ frame: HTMLIFrameElement; win: Required<TaggedWindow> }> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<script>${snippet}</script>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve));
  document.body.append(frame);
  await loaded;
  return { frame, win: frame.contentWindow as Required<TaggedWindow> };
}

const isArguments = (entry: unknown) => Object.prototype.toString.call(entry) === '[object Arguments]';

/** The dataLayer as gtag.js reads it: each `arguments` entry as the command it carries. */
const commands = (layer: unknown[] = page.dataLayer ?? []) =>
  layer.map((entry) => (isArguments(entry) ? Array.from(entry as ArrayLike<unknown>) : entry));

describe('Google Consent Mode v2', () => {
  afterEach(() => {
    delete page.dataLayer;
    delete page.uetq;
  });

  it('creates the dataLayer and pushes the default as an arguments object, then the update', () => {
    expect(page.dataLayer).to.equal(undefined);

    pushConsentDefault();
    pushConsentUpdate({ necessary: true, analytics: true, marketing: false, preferences: true });

    expect(page.dataLayer!.every(isArguments)).to.equal(true);
    expect(commands()).to.deep.equal([
      ['consent', 'default', DEFAULT],
      [
        'consent',
        'update',
        {
          ad_storage: 'denied',
          ad_user_data: 'denied',
          ad_personalization: 'denied',
          analytics_storage: 'granted',
          functionality_storage: 'granted',
          personalization_storage: 'granted',
          security_storage: 'granted',
        },
      ],
    ]);
  });

  it('maps each category to its own consent types only', () => {
    const granted = (choices: Partial<Record<'analytics' | 'marketing' | 'preferences', boolean>>) => {
      delete page.dataLayer;
      pushConsentUpdate({ necessary: true, analytics: false, marketing: false, preferences: false, ...choices });
      const [, , params] = commands()[0] as [string, string, Record<string, string>];
      return Object.keys(params).filter((key) => params[key] === 'granted').sort();
    };

    expect(granted({})).to.deep.equal(['security_storage']);
    expect(granted({ analytics: true })).to.deep.equal(['analytics_storage', 'security_storage']);
    expect(granted({ marketing: true })).to.deep.equal(['ad_personalization', 'ad_storage', 'ad_user_data', 'security_storage']);
    expect(granted({ preferences: true })).to.deep.equal(['functionality_storage', 'personalization_storage', 'security_storage']);
  });

  it("joins the page's own dataLayer and gtag snippet without replacing them", async () => {
    // A page that ran the Google tag snippet before the widget: the widget must append to its array.
    const { frame, win } = await pageThatRan("window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments)} gtag('js', 'start');");
    const layer = win.dataLayer;
    try {
      pushConsentDefault(win);
      win.gtag('config', 'G-TEST');
      pushConsentUpdate({ necessary: true, analytics: false, marketing: true, preferences: false }, win);

      expect(win.dataLayer).to.equal(layer);
      expect(layer.every(isArguments)).to.equal(true);
      expect(commands(layer)).to.deep.equal([
        ['js', 'start'],
        ['consent', 'default', DEFAULT],
        ['config', 'G-TEST'],
        [
          'consent',
          'update',
          {
            ad_storage: 'granted',
            ad_user_data: 'granted',
            ad_personalization: 'granted',
            analytics_storage: 'denied',
            functionality_storage: 'denied',
            personalization_storage: 'denied',
            security_storage: 'granted',
          },
        ],
      ]);
    } finally {
      frame.remove();
    }
  });

  it('writes to the window it is given', () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const win = frame.contentWindow as TaggedWindow;
    try {
      pushConsentDefault(win);
      expect(page.dataLayer).to.equal(undefined);
      expect(commands(win.dataLayer)).to.deep.equal([['consent', 'default', DEFAULT]]);
    } finally {
      frame.remove();
    }
  });
});

describe('Microsoft UET consent mode', () => {
  afterEach(() => {
    delete page.dataLayer;
    delete page.uetq;
  });

  it('queues ad_storage denied by default, then the marketing choice, on window.uetq', () => {
    pushConsentDefault();
    pushConsentUpdate({ necessary: true, analytics: true, marketing: false, preferences: true });
    pushConsentUpdate({ necessary: true, analytics: false, marketing: true, preferences: false });
    expect(page.uetq).to.deep.equal([
      'consent', 'default', { ad_storage: 'denied' },
      'consent', 'update', { ad_storage: 'denied' },
      'consent', 'update', { ad_storage: 'granted' },
    ]);
  });

  it("joins the queue the page's UET snippet started", async () => {
    const { frame, win } = await pageThatRan("window.uetq = window.uetq || []; window.uetq.push('pageLoad');");
    const queue = win.uetq;
    try {
      pushConsentDefault(win);
      pushConsentUpdate({ necessary: true, analytics: false, marketing: true, preferences: false }, win);
      expect(win.uetq).to.equal(queue);
      expect(queue).to.deep.equal(['pageLoad', 'consent', 'default', { ad_storage: 'denied' }, 'consent', 'update', { ad_storage: 'granted' }]);
    } finally {
      frame.remove();
    }
  });
});
