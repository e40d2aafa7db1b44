import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { chromium } from 'playwright-core';
import { buildApp } from '../../server/app.js';
import Database from 'better-sqlite3';
import pg from 'pg';
import { makeRecord, post, startCollector, tempDir, tempStore, wordingHash } from './collector.js';

/**
 * Double opt-in end to end (SPEC §12): a real SMTP server in this process receives the mails, the
 * links in them are followed by Chromium, a real HTTP receiver checks the webhook's signature.
 * The collector runs in this process for its clock, which the tests set forward.
 */

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** @param {import('playwright-core').Page} page */
async function assertNoAxeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => /** @type {any} */ (window).axe.run(document, { resultTypes: ['violations'] }));
  assert.deepEqual(result.violations.map((/** @type {{ id: string }} */ v) => v.id), []);
}
const SECRET = 'webhook-secret-for-the-tests';
const SENTENCE = 'Ich möchte Angebote und Neuigkeiten von Cluster Carat per E-Mail erhalten. Diese Einwilligung kann ich jederzeit widerrufen.';
const WORDING = `[de]\nCookies\nWir verwenden Cookies.\nNotwendig: immer an\n${SENTENCE}`;
const DAY = 24 * 3600 * 1000;

/** @returns {Promise<number>} a port nothing listens on */
function freePort() {
  return new Promise((resolve) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** A real SMTP server keeping what it receives, parsed. @param {number} port */
async function startMailbox(port) {
  /** @type {import('mailparser').ParsedMail[]} */
  const mails = [];
  /** @type {(() => void)[]} */
  let listeners = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        for (const listener of listeners) listener();
        callback();
      }, callback);
    },
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  return {
    mails,
    /** Resolves with the first mail to `address` not yet taken. @param {string} address */
    async next(address, timeoutMs = 10000) {
      const take = () => {
        const index = mails.findIndex((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === address);
        return index >= 0 ? mails.splice(index, 1)[0] : undefined;
      };
      const found = take();
      if (found) return found;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no mail to ${address} within ${timeoutMs} ms`)), timeoutMs);
        const listener = () => {
          const mail = take();
          if (!mail) return;
          clearTimeout(timer);
          listeners = listeners.filter((l) => l !== listener);
          resolve(mail);
        };
        listeners.push(listener);
      });
    },
    /** @param {string} address */
    count: (address) => mails.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === address).length,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/**
 * The shop's webhook receiver: verifies each body's signature as docs/collector.md shows, and
 * answers as `mode` says.
 */
async function startReceiver() {
  /** @type {{ body: any, signed: boolean, at: number }[]} */
  const deliveries = [];
  /** @type {number[]} when each hanging request was dropped by the collector */
  const dropped = [];
  const state = { mode: /** @type {'ok' | 'fail' | 'hang'} */ ('ok'), failures: 0 };
  const server = createServer((request, response) => {
    const chunks = /** @type {Buffer[]} */ ([]);
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`);
      const presented = Buffer.from(String(request.headers['x-carat-signature'] ?? ''));
      const signed = presented.length === expected.length && timingSafeEqual(presented, expected);
      deliveries.push({ body: JSON.parse(raw.toString('utf8')), signed, at: Date.now() });
      if (state.mode === 'hang') {
        response.on('close', () => dropped.push(Date.now()));
        return;
      }
      if (state.mode === 'fail' && state.failures > 0) {
        state.failures--;
        response.writeHead(500).end('down');
        return;
      }
      response.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/hooks/consent`,
    deliveries,
    dropped,
    state,
    /** @param {(d: { body: any }) => boolean} match @param {number} count */
    async waitFor(match, count = 1, timeoutMs = 10000) {
      const deadline = Date.now() + timeoutMs;
      while (deliveries.filter(match).length < count) {
        if (Date.now() > deadline) throw new Error(`webhook: ${deliveries.filter(match).length} of ${count} deliveries`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return deliveries.filter(match);
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve(undefined)); }),
  };
}

/** The rows of `webhook_events`, read from the store directly. @param {Awaited<ReturnType<typeof tempStore>>} temp */
async function webhookEvents(temp) {
  if (!temp.url) {
    const db = new Database(temp.env.CONSENT_DB ?? '', { readonly: true });
    try {
      return db.prepare('SELECT * FROM webhook_events').all();
    } finally {
      db.close();
    }
  }
  const client = new pg.Client(temp.url);
  await client.connect();
  try {
    return (await client.query('SELECT * FROM webhook_events')).rows;
  } finally {
    await client.end();
  }
}

/** @param {Awaited<ReturnType<typeof tempStore>>} temp */
const storageOf = (temp) => (temp.env.DATABASE_URL ? { databaseUrl: temp.env.DATABASE_URL } : { dbPath: temp.env.CONSENT_DB ?? '' });

/**
 * A collector in this process on a clock the test sets forward.
 * @param {Awaited<ReturnType<typeof tempStore>>} temp @param {number} smtpPort
 * @param {Partial<import('../../server/app.js').CollectorOptions>} [extra]
 */
async function startInProcess(temp, smtpPort, extra = {}) {
  const clock = { offset: 0 };
  // Known before it listens, as the mails' links are built on it; never the mail server's port,
  // which a test may leave free until it starts the mail server.
  let port = await freePort();
  while (port === smtpPort) port = await freePort();
  const app = await buildApp({
    storage: storageOf(temp),
    allowedOrigins: [],
    rateLimitPerMinute: 100000,
    now: () => new Date(Date.now() + clock.offset),
    mail: { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: 'news@clustercarat.example', shopName: 'Cluster Carat', pollMs: 100 },
    publicUrl: `http://127.0.0.1:${port}`,
    ...extra,
  });
  const url = await app.listen({ port, host: '127.0.0.1' });
  return { app, url, clock, forward: (/** @type {number} */ ms) => { clock.offset += ms; } };
}

/**
 * Posts a grant of promotional e-mail and its wording, as the widget does.
 * @param {string} url @param {string} address @param {Record<string, unknown>} [overrides]
 */
async function grant(url, address, overrides = {}) {
  const record = makeRecord({
    language: 'de-DE', wordingHash: wordingHash(WORDING), email: { marketing: 'granted', address }, ...overrides,
  });
  const stored = await post(`${url}/api/consent`, record);
  assert.equal(stored.status, 201);
  const wording = await post(`${url}/api/wording`, { hash: record.wordingHash, text: WORDING });
  assert.ok([200, 201].includes(wording.status));
  return record;
}

/** A header as the mail carries it. @param {import('mailparser').ParsedMail} mail @param {string} name */
const rawHeader = (mail, name) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, ' ');

/** @param {import('mailparser').ParsedMail} mail */
function linksOf(mail) {
  const confirm = /https?:\/\/\S+\/confirm\/([A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  const unsubscribe = /<(https?:\/\/\S+\/unsubscribe\/[A-Za-z0-9_-]+)>/.exec(rawHeader(mail, 'list-unsubscribe') ?? '');
  assert.ok(confirm && unsubscribe, 'a confirmation link and an unsubscribe header');
  return { confirmUrl: confirm[0], token: /** @type {string} */ (confirm[1]), unsubscribeUrl: /** @type {string} */ (unsubscribe[1]) };
}

describe('double opt-in: the confirmation mail and its links', () => {
  /** @type {Awaited<ReturnType<typeof tempStore>>} */
  let temp;
  /** @type {Awaited<ReturnType<typeof startMailbox>>} */
  let mailbox;
  /** @type {Awaited<ReturnType<typeof startReceiver>>} */
  let receiver;
  /** @type {Awaited<ReturnType<typeof startInProcess>>} */
  let collector;
  /** @type {import('playwright-core').Browser} */
  let browser;

  /** Every stored record of an address. @param {string} address */
  const recordsOf = async (address) => {
    const response = await fetch(`${collector.url}/api/consent?email=${encodeURIComponent(address)}`, { headers: { authorization: 'Bearer admin-token' } });
    return /** @type {{ records: { record: any, receivedAt: string }[] }} */ (await response.json()).records;
  };

  before(async () => {
    temp = await tempStore();
    const smtpPort = await freePort();
    mailbox = await startMailbox(smtpPort);
    receiver = await startReceiver();
    collector = await startInProcess(temp, smtpPort, {
      adminToken: 'admin-token',
      confirmWebhook: { url: receiver.url, secret: SECRET, timeoutMs: 400, firstRetryMs: 100 },
    });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  });
  after(async () => {
    await browser?.close();
    await collector?.app.close();
    await mailbox?.close();
    await receiver?.close();
    await temp?.remove();
  });

  it('mails the visitor in their language, quoting the sentence they agreed to; Chromium follows the link to a confirmation', async () => {
    const address = 'ada@clustercarat.example';
    const record = await grant(collector.url, address);
    const mail = await mailbox.next(address);

    assert.equal(mail.from?.value[0]?.name, 'Cluster Carat');
    assert.equal(mail.from?.value[0]?.address, 'news@clustercarat.example');
    assert.equal(mail.subject, 'Bitte bestätigen Sie Ihre E-Mail-Adresse für Cluster Carat');
    assert.ok(mail.text?.includes(SENTENCE), 'the plain text quotes the sentence from the wording archive');
    assert.ok(typeof mail.html === 'string' && mail.html.includes('Ich möchte Angebote und Neuigkeiten'), 'an HTML part quotes it too');
    assert.equal(rawHeader(mail, 'list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    const { confirmUrl, token, unsubscribeUrl } = linksOf(mail);
    assert.ok(confirmUrl.startsWith(`${collector.url}/confirm/`));
    assert.ok(unsubscribeUrl.startsWith(`${collector.url}/unsubscribe/`));
    const decoded = Buffer.from(token, 'base64url').toString('hex');
    for (const id of [record.id, record.visitorId]) {
      assert.ok(!token.includes(id) && !decoded.includes(id.replaceAll('-', '')), 'the token reveals neither consent nor visitor id');
    }

    // Mail scanners and link previews fetch every link in a mail: none of that may confirm.
    assert.equal((await fetch(confirmUrl, { method: 'HEAD' })).status, 200);
    const page = await browser.newPage();
    try {
      const response = await page.goto(confirmUrl);
      assert.equal(response?.status(), 200);
      assert.equal(await page.locator('h1').textContent(), 'Bestätigen Sie Ihre E-Mail-Adresse für Cluster Carat');
      assert.equal(await page.locator('html').getAttribute('lang'), 'de');
      await assertNoAxeViolations(page);
      assert.deepEqual((await recordsOf(address)).map((r) => r.record.method), ['custom'], 'opening the link stores nothing');

      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(confirmUrl);
      await page.locator('h1', { hasText: 'Ihre E-Mail-Adresse ist bestätigt' }).waitFor();
      await assertNoAxeViolations(page);
    } finally {
      await page.close();
    }

    const records = await recordsOf(address);
    assert.deepEqual(records.map((r) => r.record.method), ['custom', 'confirm']);
    const confirm = records[1]?.record;
    assert.notEqual(confirm.id, record.id);
    assert.equal(confirm.visitorId, record.visitorId);
    assert.equal(confirm.email.address, address);
    assert.equal(confirm.email.marketing, 'granted');
    assert.equal(confirm.email.confirmedAt, records[1]?.receivedAt, 'confirmedAt is the collector\'s time');

    const [delivery] = await receiver.waitFor((d) => d.body.id === confirm.id);
    assert.equal(delivery?.signed, true, 'the receiver verified X-Carat-Signature');
    assert.deepEqual(
      { event: delivery?.body.event, address: delivery?.body.address, visitorId: delivery?.body.visitorId, confirmedAt: delivery?.body.confirmedAt },
      { event: 'email.confirmed', address, visitorId: record.visitorId, confirmedAt: confirm.email.confirmedAt },
    );

    for (const method of ['GET', 'POST']) {
      const again = await fetch(confirmUrl, { method });
      assert.equal(again.status, 410, `a used link, ${method}`);
      assert.match(await again.text(), /Dieser Link wurde bereits verwendet/);
    }
    assert.equal((await recordsOf(address)).length, 2, 'nothing stored for a used link');
  });

  it('answers 404 for a token never issued or malformed, 410 once expired, and stores nothing', async () => {
    for (const [token, method] of [['x'.repeat(43), 'GET'], ['x'.repeat(43), 'POST'], ['not-a-token', 'GET'], ['%3Cscript%3E', 'POST']]) {
      const response = await fetch(`${collector.url}/confirm/${token}`, { method, headers: { 'accept-language': 'fr-CH, de;q=0.5' } });
      assert.equal(response.status, 404);
      const html = await response.text();
      assert.match(html, /<html lang="fr"/);
      assert.match(html, /Ce lien n’est pas valide/);
      assert.ok(!html.includes('<script'));
    }
    const address = 'late@clustercarat.example';
    await grant(collector.url, address);
    const { confirmUrl } = linksOf(await mailbox.next(address));
    collector.forward(7 * DAY + 60000);
    try {
      for (const method of ['GET', 'POST']) {
        const response = await fetch(confirmUrl, { method });
        assert.equal(response.status, 410);
        assert.match(await response.text(), /Dieser Link ist abgelaufen/);
      }
    } finally {
      collector.forward(-(7 * DAY + 60000));
    }
    assert.deepEqual((await recordsOf(address)).map((r) => r.record.method), ['custom']);
  });

  it('sends one mail per address a day whatever is posted, and another the next day', async () => {
    const address = 'Many@ClusterCarat.example';
    const first = await grant(collector.url, address);
    assert.equal((await post(`${collector.url}/api/consent`, first)).status, 200, 'a replay');
    for (let n = 0; n < 4; n++) await grant(collector.url, address.toLowerCase(), { visitorId: randomUUID() });
    await mailbox.next(address.toLowerCase());
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(mailbox.count(address.toLowerCase()), 0, 'no second mail the same day');
    collector.forward(DAY + 60000);
    try {
      await grant(collector.url, address);
      await mailbox.next(address.toLowerCase());
    } finally {
      collector.forward(-(DAY + 60000));
    }
  });

  it('unsubscribes with the one-click POST of the List-Unsubscribe header, once', async () => {
    const address = 'oneclick@clustercarat.example';
    const record = await grant(collector.url, address);
    const { unsubscribeUrl } = linksOf(await mailbox.next(address));
    const oneClick = () => fetch(unsubscribeUrl, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
    });
    assert.equal((await oneClick()).status, 200);
    assert.equal((await oneClick()).status, 200, 'again: the same answer');
    const records = await recordsOf(address);
    assert.deepEqual(records.map((r) => r.record.method), ['custom', 'withdraw'], 'one withdrawal');
    assert.equal(records[1]?.record.visitorId, record.visitorId);
    assert.deepEqual(records[1]?.record.email, { marketing: 'denied', address });
    await receiver.waitFor((d) => d.body.event === 'email.unsubscribed' && d.body.address === address);

    const api = await post(`${collector.url}/api/unsubscribe`, { token: 'y'.repeat(43) });
    assert.equal(api.status, 404);
    assert.equal(api.body.field, 'token');
  });

  it("keeps the same mail's confirm link from subscribing the address again once it unsubscribed", async () => {
    const address = 'changed-mind@clustercarat.example';
    await grant(collector.url, address);
    const { confirmUrl, unsubscribeUrl } = linksOf(await mailbox.next(address));
    const unsubscribed = await fetch(unsubscribeUrl, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(unsubscribed.status, 200);
    assert.equal((await fetch(confirmUrl)).status, 410);
    assert.equal((await fetch(confirmUrl, { method: 'POST' })).status, 410);
    assert.deepEqual((await recordsOf(address)).map((r) => r.record.method), ['custom', 'withdraw'], 'no confirm record after the withdrawal');
    assert.equal(receiver.deliveries.filter((d) => d.body.event === 'email.confirmed' && d.body.address === address).length, 0);
  });

  it('unsubscribes in Chromium only after the button: a GET (a mail scanner) changes nothing', async () => {
    const address = 'button@clustercarat.example';
    await grant(collector.url, address);
    const { unsubscribeUrl } = linksOf(await mailbox.next(address));
    assert.equal((await fetch(unsubscribeUrl)).status, 200);
    assert.equal((await recordsOf(address)).length, 1, 'the GET stored nothing');
    const page = await browser.newPage();
    try {
      await page.goto(unsubscribeUrl);
      await page.getByRole('button', { name: 'Abmelden' }).click();
      await page.getByRole('heading', { name: 'Sie sind abgemeldet' }).waitFor();
    } finally {
      await page.close();
    }
    assert.deepEqual((await recordsOf(address)).map((r) => r.record.method), ['custom', 'withdraw']);
  });

  it('retries a webhook that answers 500 or hangs, never holding up the visitor', async () => {
    receiver.state.mode = 'fail';
    receiver.state.failures = 2;
    let address = 'hook500@clustercarat.example';
    await grant(collector.url, address);
    let { confirmUrl } = linksOf(await mailbox.next(address));
    assert.equal((await fetch(confirmUrl, { method: 'POST' })).status, 200);
    const tries = await receiver.waitFor((d) => d.body.address === address, 3);
    assert.ok(tries.every((d) => d.signed));
    assert.equal(new Set(tries.map((d) => JSON.stringify(d.body))).size, 1, 'the same body each time');

    receiver.state.mode = 'hang';
    address = 'hookhang@clustercarat.example';
    await grant(collector.url, address);
    ({ confirmUrl } = linksOf(await mailbox.next(address)));
    const page = await fetch(confirmUrl, { method: 'POST' });
    const answeredAt = Date.now();
    assert.equal(page.status, 200);
    await receiver.waitFor((d) => d.body.address === address, 2);
    assert.ok(receiver.dropped.length >= 1 && /** @type {number} */ (receiver.dropped[0]) > answeredAt,
      'the page was answered before the hanging delivery was given up');
    receiver.state.mode = 'ok';
  });
});

describe('the confirmation webhook across restarts', () => {
  /** @type {Awaited<ReturnType<typeof tempStore>>} */
  let temp;
  /** @type {Awaited<ReturnType<typeof startMailbox>>} */
  let mailbox;
  /** @type {Awaited<ReturnType<typeof startReceiver>>} */
  let receiver;
  let smtpPort = 0;
  before(async () => {
    temp = await tempStore();
    smtpPort = await freePort();
    mailbox = await startMailbox(smtpPort);
    receiver = await startReceiver();
  });
  after(async () => {
    await mailbox?.close();
    await receiver?.close();
    await temp?.remove();
  });

  /** Confirms a new grant through `collector`, as the page's button does. @param {{ url: string }} collector @param {string} address */
  async function confirm(collector, address) {
    await grant(collector.url, address);
    const { confirmUrl } = linksOf(await mailbox.next(address));
    assert.equal((await fetch(confirmUrl, { method: 'POST' })).status, 200);
  }

  it('keeps an event the receiver refused, or that was under way at shutdown, and the next collector delivers it', async () => {
    const hook = { url: receiver.url, secret: SECRET, timeoutMs: 5000, firstRetryMs: 60000, pollMs: 100 };
    receiver.state.mode = 'fail';
    receiver.state.failures = Infinity;
    let collector = await startInProcess(temp, smtpPort, { confirmWebhook: hook });
    await confirm(collector, 'refused@clustercarat.example');
    await receiver.waitFor((d) => d.body.address === 'refused@clustercarat.example');
    receiver.state.mode = 'hang';
    await confirm(collector, 'cut@clustercarat.example');
    await receiver.waitFor((d) => d.body.address === 'cut@clustercarat.example');
    await collector.app.close();
    assert.equal(receiver.dropped.length, 1, 'the post under way was cut short at shutdown');

    receiver.state.mode = 'ok';
    collector = await startInProcess(temp, smtpPort, { confirmWebhook: hook });
    try {
      const cut = await receiver.waitFor((d) => d.body.address === 'cut@clustercarat.example', 2);
      assert.equal(new Set(cut.map((d) => JSON.stringify(d.body))).size, 1, 'the same event, due again at once');
      // The refused one waits for its retry, a minute after the first try.
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(receiver.deliveries.filter((d) => d.body.address === 'refused@clustercarat.example').length, 1);
      collector.forward(61000);
      const refused = await receiver.waitFor((d) => d.body.address === 'refused@clustercarat.example', 2);
      assert.deepEqual(refused.map((d) => [d.body.event, d.signed]), [['email.confirmed', true], ['email.confirmed', true]]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(receiver.deliveries.filter((d) => /^(refused|cut)@/.test(d.body.address)).length, 4, 'each delivered once, and no more');
    } finally {
      await collector.app.close();
    }
  });

  it('gives up after `attempts` tries, logging the event, and forgets it 30 days later', async () => {
    receiver.state.mode = 'fail';
    receiver.state.failures = Infinity;
    const collector = await startInProcess(temp, smtpPort, {
      confirmWebhook: { url: receiver.url, secret: SECRET, timeoutMs: 5000, firstRetryMs: 50, attempts: 2, pollMs: 100 },
    });
    try {
      await confirm(collector, 'lost@clustercarat.example');
      await receiver.waitFor((d) => d.body.address === 'lost@clustercarat.example', 2);
      collector.forward(3600 * 1000);
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.equal(receiver.deliveries.filter((d) => d.body.address === 'lost@clustercarat.example').length, 2);
      const kept = await webhookEvents(temp);
      assert.deepEqual(kept.map((row) => [JSON.parse(row.body).address, Number(row.attempts), row.last_error]), [['lost@clustercarat.example', 2, 'answered 500']]);
      assert.ok(kept[0]?.given_up_at, 'kept, for the shop to see why');

      collector.forward(30 * 24 * 3600 * 1000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(await webhookEvents(temp), [], 'its address goes after 30 days');
    } finally {
      await collector.app.close();
      receiver.state.mode = 'ok';
    }
  });
});

describe('double opt-in with the mail server down', () => {
  it('stores and answers the record at once, keeps the mail in the store and sends it once the server is up', async () => {
    const temp = await tempStore();
    const smtpPort = await freePort();
    const collector = await startInProcess(temp, smtpPort);
    const { openStore } = await import('../../server/store.js');
    const store = await openStore(storageOf(temp), (error) => { throw error; });
    /** @type {Awaited<ReturnType<typeof startMailbox>> | undefined} */
    let mailbox;
    try {
      const address = 'patient@clustercarat.example';
      const record = await grant(collector.url, address);
      // The first try found no server: the mail waits in the store for its retry, within a minute.
      for (let waited = 0; !(await store.confirmations.byEmail(address))[0]?.lastError?.match(/ECONNREFUSED/); waited += 50) {
        assert.ok(waited < 10000, 'a failed try is recorded');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const [waiting] = await store.confirmations.byEmail(address);
      assert.equal(waiting?.sentAt, null);
      assert.equal(/** @type {any} */ ((await store.recordById(record.id))?.record)?.id, record.id, 'the record was stored all the same');

      mailbox = await startMailbox(smtpPort);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(mailbox.count(address), 0, 'not before the retry is due');
      collector.forward(31 * 1000);
      const mail = await mailbox.next(address);
      assert.ok(mail.text?.includes(SENTENCE));
      // Marked sent just after the server took it.
      for (let waited = 0; !(await store.confirmations.byEmail(address))[0]?.sentAt; waited += 50) {
        assert.ok(waited < 5000, 'the mail is marked sent');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal((await store.confirmations.byEmail(address))[0]?.attempts, 2, 'one failed try, one that went out');
    } finally {
      await collector.app.close();
      await store.close();
      await mailbox?.close();
      await temp.remove();
    }
  });
});

describe('double opt-in with two collectors on one store', () => {
  it('sends each mail once, whichever collector took the grant and whichever polls first', async () => {
    const temp = await tempStore();
    const smtpPort = await freePort();
    const mailbox = await startMailbox(smtpPort);
    const collectors = [await startInProcess(temp, smtpPort), await startInProcess(temp, smtpPort)];
    try {
      const addresses = Array.from({ length: 12 }, (_, n) => `pair${n}@clustercarat.example`);
      await Promise.all(addresses.map((address, n) => grant(/** @type {{ url: string }} */ (collectors[n % 2]).url, address)));
      for (const address of addresses) await mailbox.next(address);
      // Both collectors keep polling: a second copy of any mail would arrive within these rounds.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.deepEqual(mailbox.mails.map((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text), []);
    } finally {
      for (const collector of collectors) await collector.app.close();
      await mailbox.close();
      await temp.remove();
    }
  });
});

describe('double opt-in from the environment (npm start)', () => {
  it('mails with SMTP_URL, MAIL_FROM, SHOP_NAME and links on PUBLIC_URL', async () => {
    const temp = await tempStore();
    const smtpPort = await freePort();
    const mailbox = await startMailbox(smtpPort);
    const dir = tempDir();
    const wordingFile = join(dir.dir, 'wording.json');
    writeFileSync(wordingFile, JSON.stringify({ de: { subject: 'Nur noch ein Klick für {{shop}}' } }));
    const collector = await startCollector({
      ...temp.env,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'news@clustercarat.example',
      SHOP_NAME: 'Cluster Carat',
      PUBLIC_URL: 'https://consent.clustercarat.example',
      CONFIRM_MAIL_WORDING: wordingFile,
    });
    try {
      await grant(collector.url, 'env@clustercarat.example');
      const mail = await mailbox.next('env@clustercarat.example', 20000);
      assert.equal(mail.subject, 'Nur noch ein Klick für Cluster Carat', 'the shop\'s own wording');
      assert.equal(mail.from?.text, '"Cluster Carat" <news@clustercarat.example>');
      assert.match(mail.text ?? '', /https:\/\/consent\.clustercarat\.example\/confirm\/[A-Za-z0-9_-]{43}/);
    } finally {
      await collector.stop();
      await mailbox.close();
      await temp.remove();
      dir.remove();
    }
  });

  it('refuses to start on settings it cannot use, naming the variable and value', async () => {
    const dir = tempDir();
    const wordingFile = join(dir.dir, 'wording.json');
    writeFileSync(wordingFile, JSON.stringify({ xx: { subject: 'Hi' } }));
    const cases = [
      [{ SMTP_URL: 'smtp://127.0.0.1:2525' }, /MAIL_FROM must be the sender's address/],
      [{ SMTP_URL: 'mail.example:25', MAIL_FROM: 'a@b.example' }, /SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL.*"mail\.example:25"/],
      [{ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'a@b.example' }, /SMTP_URL is set, so PUBLIC_URL must be the collector's public origin.*never on a request's Host header/],
      [{ PUBLIC_URL: 'consent.example' }, /PUBLIC_URL must be the collector's public origin.*"consent\.example"/],
      [{ CONFIRM_WEBHOOK_URL: 'https://shop.example/hook' }, /CONFIRM_WEBHOOK_SECRET must be a secret/],
      [{ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'a@b.example', CONFIRM_MAIL_WORDING: wordingFile }, /CONFIRM_MAIL_WORDING .*"xx" is not one of the languages/],
    ];
    try {
      for (const [env, message] of /** @type {[Record<string, string>, RegExp][]} */ (cases)) {
        await assert.rejects(startCollector({ CONSENT_DB: dir.db, ...env }), (error) => {
          assert.match(String(error), /exited with 1/);
          assert.match(String(error), message);
          return true;
        });
      }
    } finally {
      dir.remove();
    }
  });
});
