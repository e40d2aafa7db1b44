import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { marked } from 'marked';
import { SMTPServer } from 'smtp-server';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from '../../scripts/chrome.js';
import { startCollector, tempStore, makeRecord, post, wordingHash } from './collector.js';
import { openStore } from '../../server/store.js';
import { proofOf } from '../../server/proof.js';

const TOKEN = 'proof-test-token';
const MAIN = new URL('../../server/main.js', import.meta.url).pathname;
const DAY = 86400000;
const SENTENCE = 'Send me offers and news from Cluster Carat by e-mail. I can withdraw this consent at any time.';
const WORDING = `[en]\nYour privacy at Cluster Carat\nSome cookies keep the shop working.\n${SENTENCE}`;
// What a hostile visitor could type where the proof shows text: markup, a script, a Markdown link and image.
const HOSTILE = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script> [click](javascript:alert(1)) ![x](https://evil.example/x.png) **bold** | cell';
const HOSTILE_ADDRESS = '"<b>x</b>[a](javascript:1)"@evil.example';

/**
 * Runs `node server/main.js proof …` against a store, as a site owner would.
 * @param {Record<string, string>} env @param {string[]} args
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function proof(env, args) {
  const child = spawn(process.execPath, [MAIN, 'proof', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** The store's options from a test store's environment. @param {Record<string, string>} env */
const storageOf = (env) => (env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dbPath: /** @type {string} */ (env.CONSENT_DB) });

describe('the proof of an address', { timeout: 120000 }, () => {
  /** @type {Awaited<ReturnType<typeof tempStore>>} */
  let temp;
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let collector;
  /** @type {import('playwright-core').Browser} */
  let browser;
  /** A real SMTP server taking the collector's confirmation mails (double-opt-in.test.js reads them). */
  const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], logger: false, onData: (stream, _s, done) => stream.resume().once('end', () => done()) });
  const visitorId = crypto.randomUUID();
  const grant = makeRecord({ visitorId, method: 'custom', wordingHash: wordingHash(WORDING), email: { marketing: 'granted', address: 'Anna@Mail.example' } });
  const confirmedAt = new Date().toISOString();
  // As the confirmation link stores it (SPEC §12): a new id, the same visitor and address.
  const confirm = { ...grant, id: crypto.randomUUID(), method: 'confirm', email: { marketing: 'granted', address: 'anna@mail.example', confirmedAt } };
  const again = makeRecord({ visitorId, method: 'accept-all', wordingHash: wordingHash(WORDING), email: { marketing: 'granted', address: 'anna@mail.example' } });
  // The widget's "Withdraw consent" names no address.
  const withdrawal = makeRecord({ visitorId, method: 'withdraw', wordingHash: wordingHash(WORDING), email: { marketing: 'denied' } });
  const unconfirmedVisitor = crypto.randomUUID();
  const unconfirmed = makeRecord({ visitorId: unconfirmedVisitor, wordingHash: wordingHash(WORDING), email: { marketing: 'granted', address: 'ben@mail.example' } });
  const hostileWording = `[en]\n${HOSTILE}`;
  const hostileVisitor = crypto.randomUUID();
  const hostile = makeRecord({ visitorId: hostileVisitor, wordingHash: wordingHash(hostileWording), email: { marketing: 'granted', address: HOSTILE_ADDRESS } });

  /** Stores records the way the collector's writer does, past the schema the public route applies. @param {object[]} records */
  async function storeDirectly(records) {
    const store = await openStore(storageOf(temp.env), (error) => { throw error; });
    try {
      await Promise.all(records.map((record) => new Promise((resolve, reject) => {
        store.add({ record: /** @type {any} */ (record), receivedAt: new Date().toISOString(), clientAddress: '127.0.0.0/24' },
          (error, stored) => (error ? reject(error) : resolve(stored)));
      })));
    } finally {
      await store.close();
    }
  }

  /** @param {string} path */
  const get = (path) => fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  /** @param {string} visitor @param {Record<string, string>} [headers] */
  const statusOf = async (visitor, headers = {}) => (await (await fetch(`${collector.url}/api/email-status?visitorId=${visitor}`, { headers })).json()).status;

  before(async () => {
    temp = await tempStore();
    await new Promise((resolve) => smtp.listen(0, '127.0.0.1', () => resolve(undefined)));
    const smtpUrl = `smtp://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (smtp.server.address()).port}`;
    collector = await startCollector({
      ...temp.env, CONSENT_ADMIN_TOKEN: TOKEN, ALLOWED_ORIGINS: 'https://clustercarat.example', SMTP_URL: smtpUrl, MAIL_FROM: 'news@clustercarat.example', PUBLIC_URL: 'https://consent.clustercarat.example',
    });
    for (const record of [grant, unconfirmed]) assert.equal((await post(`${collector.url}/api/consent`, record)).status, 201);
    assert.equal((await post(`${collector.url}/api/wording`, { hash: wordingHash(WORDING), text: WORDING })).status, 201);
    browser = await chromium.launch({ executablePath: chromePath, args: chromeArgs });
  });
  after(async () => {
    await browser?.close();
    await collector.stop();
    smtp.close();
    await temp.remove();
  });

  it('tells the widget where a visitor stands, pending then confirmed, naming no address', async () => {
    assert.equal(await statusOf(crypto.randomUUID()), 'none');
    assert.equal(await statusOf(visitorId), 'pending');
    // A collector that sends no confirmation mails (no SMTP_URL) never says a mail is on its way.
    const mailless = await startCollector(temp.env);
    try {
      const answer = await (await fetch(`${mailless.url}/api/email-status?visitorId=${visitorId}`)).json();
      assert.deepEqual(answer, { status: 'none' });
    } finally {
      await mailless.stop();
    }
    await storeDirectly([confirm]);
    const response = await fetch(`${collector.url}/api/email-status?visitorId=${visitorId}`, { headers: { origin: 'https://clustercarat.example' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://clustercarat.example');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const text = await response.text();
    assert.deepEqual(JSON.parse(text), { status: 'confirmed' });
    assert.doesNotMatch(text, /@/);
    const foreign = await fetch(`${collector.url}/api/email-status?visitorId=${visitorId}`, { headers: { origin: 'https://evil.example' } });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    const malformed = await fetch(`${collector.url}/api/email-status?visitorId=anna@mail.example`);
    assert.equal(malformed.status, 400);
    assert.equal((await malformed.json()).field, 'visitorId');
  });

  it('prints the Markdown proof: each record, the sentence agreed to, "confirmed" and the chain', async () => {
    assert.equal((await post(`${collector.url}/api/consent`, again)).status, 201);
    const { code, stdout, stderr } = await proof(temp.env, ['--email', 'ANNA@mail.example']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^# Proof of consent to promotional e-mail: ANNA\\@mail\.example$/m);
    assert.match(stdout, /^\| Promotional e-mail \| confirmed since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \|$/m);
    assert.match(stdout, /^## 1\. Promotional e-mail granted: /m);
    assert.match(stdout, /^## 2\. Confirmed: the address followed the link in the confirmation mail: /m);
    assert.match(stdout, /^## 3\. Promotional e-mail granted again: /m);
    assert.match(stdout, new RegExp(`\\| Outcome \\| confirmed [^|]* \\(consent id ${confirm.id}\\) \\|`));
    assert.match(stdout, /\| Chain position \| seq 1: the chain verifies up to here \|/);
    assert.match(stdout, /\| Chain \| verified from its first record to its head 4:[0-9a-f]{64} \|/);
    assert.equal(stdout.split(`> ${SENTENCE}`).length - 1, 3, 'the sentence quoted for each of the three records');
    assert.ok(stdout.includes(`\`\`\`text\n${WORDING}\n\`\`\``), 'the whole wording, once');
  });

  it('shows a withdrawal the widget made without an address, and the state it leaves', async () => {
    assert.equal((await post(`${collector.url}/api/consent`, withdrawal)).status, 201);
    assert.equal(await statusOf(visitorId), 'withdrawn');
    const response = await get('/api/consent?email=anna%40mail.example');
    assert.equal(response.status, 200);
    const { records, proof: model } = await response.json();
    assert.deepEqual(records.map((/** @type {any} */ r) => r.record.id), [grant.id, confirm.id, again.id, withdrawal.id]);
    assert.deepEqual(model.entries.map((/** @type {any} */ e) => [e.event, e.id]),
      [['grant', grant.id], ['confirm', confirm.id], ['regrant', again.id], ['withdraw', withdrawal.id]]);
    assert.equal(model.status.status, 'withdrawn');
    assert.equal(model.entries[0].emailSentence, SENTENCE);
    assert.ok(model.entries.every((/** @type {any} */ e) => e.chainVerified === true));
  });

  it('lists a grant never confirmed within 30 days as "unconfirmed (expired)"', async () => {
    const store = await openStore(storageOf(temp.env), (error) => { throw error; });
    try {
      const today = await proofOf(store, 'ben@mail.example', { now: Date.now() });
      assert.equal(today.status.status, 'pending');
      assert.match(/** @type {any} */ (today.entries[0]).outcome, /^unconfirmed: awaiting confirmation until /);
      const later = await proofOf(store, 'ben@mail.example', { now: Date.now() + 31 * DAY });
      assert.equal(later.status.status, 'expired');
      assert.match(/** @type {any} */ (later.entries[0]).outcome, /^unconfirmed \(expired\): no confirmation within 30 days/);
    } finally {
      await store.close();
    }
    const { stdout } = await proof(temp.env, ['--email', 'ben@mail.example']);
    assert.doesNotMatch(stdout, /confirmed since/);
  });

  it('escapes a hostile address and wording in Markdown and HTML: nothing runs, nothing links, the text reads as typed', async () => {
    await storeDirectly([hostile]);
    assert.equal((await post(`${collector.url}/api/wording`, { hash: wordingHash(hostileWording), text: hostileWording })).status, 201);
    const markdown = await proof(temp.env, ['--email', HOSTILE_ADDRESS]);
    const html = await proof(temp.env, ['--email', HOSTILE_ADDRESS, '--html']);
    assert.equal(markdown.code, 0, markdown.stderr);
    assert.equal(html.code, 0, html.stderr);
    const page = await browser.newPage();
    try {
      for (const [name, document] of [['HTML', html.stdout], ['Markdown rendered by marked', /** @type {string} */ (marked.parse(markdown.stdout))]]) {
        await page.setContent(document);
        const found = await page.evaluate(() => ({
          title: document.title,
          elements: document.querySelectorAll('script, img, a, b, strong, iframe').length,
          text: document.body.innerText,
        }));
        assert.notEqual(found.title, 'pwned', name);
        assert.equal(found.elements, 0, `${name}: no element from the visitor's text`);
        assert.ok(found.text.includes(HOSTILE_ADDRESS), `${name} shows the address as typed`);
        assert.ok(found.text.includes(HOSTILE.slice(0, 60)), `${name} shows the wording as typed`);
      }
    } finally {
      await page.close();
    }
  });

  it('serves the printable page to the console with a policy that allows its own style only', async () => {
    assert.equal((await fetch(`${collector.url}/api/consent/proof.html?email=anna%40mail.example`)).status, 401);
    const response = await get('/api/consent/proof.html?email=anna%40mail.example');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(response.headers.get('content-security-policy') ?? '', /^default-src 'none'; style-src 'sha256-[^']+'; /);
    const page = await browser.newPage();
    try {
      /** @type {string[]} */
      const refused = [];
      page.on('console', (message) => { if (/Content Security Policy/.test(message.text())) refused.push(message.text()); });
      // Signed in, as the console's print link opens it.
      await page.route('**/*', (route) => route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${TOKEN}` } }));
      await page.goto(`${collector.url}/api/consent/proof.html?email=anna%40mail.example`);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Proof of consent to promotional e-mail: anna@mail.example');
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).maxWidth), '768px', 'its own style applies');
      assert.deepEqual(refused, []);
      assert.equal((await page.pdf({ format: 'A4' })).subarray(0, 4).toString(), '%PDF');
    } finally {
      await page.close();
    }
    assert.equal((await get('/api/consent/proof.html?email=nobody')).status, 400);
  });

  it('refuses a missing or malformed --email, naming it', async () => {
    for (const args of [[], ['--email', 'not-an-address'], ['--mail', 'a@b.example']]) {
      const { code, stderr } = await proof(temp.env, args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /^\[carat-consent\] proof /);
    }
  });
});
