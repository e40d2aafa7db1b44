import { verifyChain } from './chain.js';

/**
 * The proof of an e-mail address (SPEC §12): its whole history of promotional-e-mail consent —
 * grants, confirmations, withdrawals — each record with the wording it was given and its place in
 * the chain. One model, built here from plain data; proof-markdown.js and proof-html.js render it,
 * `GET /api/consent?email=` answers it and the console shows it.
 *
 * @typedef {import('./db.js').StoredRecord} StoredRecord
 * @typedef {{ id: string, visitorId: string, createdAt: string, expiresAt: string, policyVersion: string, site: string,
 *   method: string, language: string, wordingHash: string,
 *   email: { marketing: string, address?: string, confirmedAt?: string } }} RecordFields
 * @typedef {'none' | 'pending' | 'expired' | 'confirmed' | 'withdrawn'} EmailStatus
 *   `pending`: granted, not confirmed yet, within the days allowed; `expired`: granted and never
 *   confirmed within them, so the address may not be mailed
 * @typedef {'grant' | 'regrant' | 'confirm' | 'withdraw' | 'refuse' | 'other'} EmailEvent
 * @typedef {object} ProofEntry one record of the history, oldest first
 * @property {number} seq its place in the chain
 * @property {string} chainHash
 * @property {boolean | null} chainVerified whether the chain recomputes from its start up to this record (null: not checked)
 * @property {string} id
 * @property {string} visitorId
 * @property {string} method
 * @property {string} createdAt the visitor's clock
 * @property {string} receivedAt the collector's clock
 * @property {string} clientAddress
 * @property {string} site
 * @property {string} language
 * @property {string} policyVersion
 * @property {{ marketing: string, address?: string, confirmedAt?: string }} email
 * @property {EmailEvent} event what the record means for the address
 * @property {string} label the event in words
 * @property {string} outcome for a grant: what became of it (confirmed, withdrawn, expired, awaiting)
 * @property {string} wordingHash
 * @property {string | null} emailSentence the e-mail sentence of its wording, null when the archive lacks the wording
 * @typedef {object} ProofModel
 * @property {string} address
 * @property {string} generatedAt
 * @property {string[]} sites
 * @property {{ status: EmailStatus, label: string, since: string | null, until: string | null }} status
 *   `since`: when the status began; `until`: for `pending`, the end of the days to confirm in
 * @property {ProofEntry[]} entries
 * @property {{ hash: string, text: string | null }[]} wordings each wording of the history once, in order of first use
 * @property {{ head: import('./chain.js').ChainHead, broken: import('./chain.js').ChainBreak | null, removals: number } | null} chain
 *   the chain recomputed from its start (null when not checked)
 */

/** Days a grant has to be confirmed in; an address never confirmed within them is not to be mailed. */
export const CONFIRM_WITHIN_DAYS = 30;
const DAY_MS = 86400000;

/** @param {StoredRecord} stored */
const fields = (stored) => /** @type {RecordFields} */ (stored.record);

/**
 * The records that make up an address's history: those naming it, and those of the visitors who
 * gave it that answer the e-mail question without naming any address (the widget's withdrawal
 * carries none) while this address was the last that visitor gave.
 * @param {string} address
 * @param {StoredRecord[]} byAddress
 * @param {StoredRecord[]} ofItsVisitors the histories of the visitors in `byAddress`
 * @returns {StoredRecord[]} in chain order
 */
export function addressHistory(address, byAddress, ofItsVisitors) {
  const wanted = address.toLowerCase();
  /** @type {Map<string, string | undefined>} visitor → the last address it gave, as the history is walked */
  const lastGiven = new Map();
  /** @type {Map<number, StoredRecord>} */
  const history = new Map(byAddress.map((stored) => [stored.seq, stored]));
  for (const stored of [...ofItsVisitors].sort((a, b) => a.seq - b.seq)) {
    const { visitorId, email } = fields(stored);
    if (email.address) lastGiven.set(visitorId, email.address.toLowerCase());
    else if (email.marketing !== 'granted' && lastGiven.get(visitorId) === wanted) history.set(stored.seq, stored);
  }
  return [...history.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * What each record means for the address, and where its e-mail consent stands at `now`. A grant
 * opens a consent that only a `confirm` record within CONFIRM_WITHIN_DAYS of its last grant makes
 * usable; a withdrawal, or e-mail refused, ends it.
 * @param {StoredRecord[]} history in chain order
 * @param {number} now ms since the epoch
 */
export function emailStandings(history, now) {
  /** @type {EmailStatus} */
  let status = 'none';
  /** @type {string | null} */
  let since = null;
  /** The open consent: the grant that opened it, its latest grant's deadline, its confirmation. */
  /** @type {{ opened: number, deadline: number, confirmed: StoredRecord | null } | null} */
  let open = null;
  /** @type {{ event: EmailEvent, opens: number | null }[]} per record; `opens`: its consent's index */
  const events = [];
  /** @type {{ confirmed: StoredRecord | null, ended: StoredRecord | null, deadline: number }[]} per consent */
  const consents = [];
  const expired = (/** @type {number} */ at) => open !== null && !open.confirmed && at > open.deadline;
  for (const stored of history) {
    const { method, email } = fields(stored);
    const at = Date.parse(stored.receivedAt);
    if (open && expired(at)) {
      status = 'expired';
      since = new Date(open.deadline).toISOString();
      open = null;
    }
    /** @type {EmailEvent} */
    let event = 'other';
    if (method === 'confirm') {
      event = 'confirm';
      if (open && !open.confirmed) {
        open.confirmed = stored;
        /** @type {NonNullable<(typeof consents)[number]>} */ (consents[open.opened]).confirmed = stored;
        status = 'confirmed';
        since = stored.receivedAt;
      }
    } else if (method === 'withdraw' || (email.marketing === 'denied' && open)) {
      event = open ? 'withdraw' : 'refuse';
      if (open) {
        /** @type {NonNullable<(typeof consents)[number]>} */ (consents[open.opened]).ended = stored;
        open = null;
        status = 'withdrawn';
        since = stored.receivedAt;
      }
    } else if (email.marketing === 'denied') {
      event = 'refuse';
    } else if (email.marketing === 'granted') {
      const deadline = at + CONFIRM_WITHIN_DAYS * DAY_MS;
      if (open) {
        event = 'regrant';
        if (!open.confirmed) open.deadline = deadline;
      } else {
        event = 'grant';
        open = { opened: consents.length, deadline, confirmed: null };
        consents.push({ confirmed: null, ended: null, deadline });
        status = 'pending';
        since = stored.receivedAt;
      }
      /** @type {NonNullable<(typeof consents)[number]>} */ (consents[open.opened]).deadline = open.deadline;
    }
    events.push({ event, opens: event === 'grant' || event === 'regrant' ? /** @type {{ opened: number }} */ (open).opened : null });
  }
  /** @type {string | null} */
  let until = null;
  if (open && !open.confirmed) {
    if (now > open.deadline) {
      status = 'expired';
      since = new Date(open.deadline).toISOString();
    } else {
      until = new Date(open.deadline).toISOString();
    }
  }
  return { status: { status, since, until }, events, consents };
}

/**
 * The e-mail sentence of a wording: the widget's wording ends with it (record.ts, `wordingOf`),
 * and a wording given through `save({ wording })` (a checkout box) is that sentence alone.
 * @param {string} text
 */
export function emailSentenceOf(text) {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return (lines[lines.length - 1] ?? '').trim();
}

/**
 * @param {string} iso
 */
export function utc(iso) {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** @type {Record<EmailStatus, string>} */
export const STATUS_LABELS = {
  none: 'no consent to promotional e-mail',
  pending: 'unconfirmed: granted, awaiting confirmation',
  expired: 'unconfirmed (expired)',
  confirmed: 'confirmed',
  withdrawn: 'withdrawn',
};

/** @type {Record<EmailEvent, string>} */
const EVENT_LABELS = {
  grant: 'Promotional e-mail granted',
  regrant: 'Promotional e-mail granted again',
  confirm: 'Confirmed: the address followed the link in the confirmation mail',
  withdraw: 'Promotional e-mail withdrawn',
  refuse: 'Promotional e-mail refused',
  other: 'Promotional e-mail not answered',
};

/**
 * The proof of an address, from what the store gave.
 * @param {object} input
 * @param {string} input.address as asked for
 * @param {StoredRecord[]} input.history `addressHistory`
 * @param {Map<string, string | null>} input.wordings wording hash → archived text (null when missing)
 * @param {import('./chain.js').ChainReport | null} input.chain the chain recomputed from its start, or null
 * @param {number} input.now ms since the epoch
 * @returns {ProofModel}
 */
export function proofModel({ address, history, wordings, chain, now }) {
  const { status, events, consents } = emailStandings(history, now);
  const entries = history.map((stored, n) => {
    const r = fields(stored);
    const { event, opens } = /** @type {{ event: EmailEvent, opens: number | null }} */ (events[n]);
    let outcome = '';
    const consent = opens === null ? undefined : consents[opens];
    if (consent) {
      if (consent.confirmed) outcome = `confirmed ${utc(consent.confirmed.receivedAt)} (consent id ${fields(consent.confirmed).id})`;
      else if (consent.ended) outcome = `withdrawn ${utc(consent.ended.receivedAt)} before it was confirmed`;
      else if (now > consent.deadline) outcome = `unconfirmed (expired): no confirmation within ${CONFIRM_WITHIN_DAYS} days, by ${utc(new Date(consent.deadline).toISOString())}`;
      else outcome = `unconfirmed: awaiting confirmation until ${utc(new Date(consent.deadline).toISOString())}`;
    }
    const text = wordings.get(r.wordingHash);
    return {
      seq: stored.seq,
      chainHash: stored.chainHash,
      chainVerified: chain ? !chain.broken || stored.seq < chain.broken.seq : null,
      id: r.id,
      visitorId: r.visitorId,
      method: r.method,
      createdAt: r.createdAt,
      receivedAt: stored.receivedAt,
      clientAddress: stored.clientAddress,
      site: r.site,
      language: r.language,
      policyVersion: r.policyVersion,
      email: r.email,
      event,
      label: EVENT_LABELS[event],
      outcome,
      wordingHash: r.wordingHash,
      emailSentence: text ? emailSentenceOf(text) : null,
    };
  });
  const hashes = [...new Set(entries.map((entry) => entry.wordingHash))];
  return {
    address,
    generatedAt: new Date(now).toISOString(),
    sites: [...new Set(entries.map((entry) => entry.site))],
    status: { ...status, label: STATUS_LABELS[status.status] },
    entries,
    wordings: hashes.map((hash) => ({ hash, text: wordings.get(hash) ?? null })),
    chain: chain && { head: chain.head, broken: chain.broken, removals: chain.removals.length },
  };
}

/**
 * What the proof reads from a store (store.js): the records, the wording archive and the chain.
 * @typedef {Pick<import('./store.js').Store, 'recordsByEmail' | 'recordsByVisitor' | 'wordingByHash' | 'chainEntries'>} ProofSource
 */

/**
 * An address's history from the store, with the wordings it was given.
 * @param {ProofSource} source
 * @param {string} address
 */
export async function historyOf(source, address) {
  const byAddress = await source.recordsByEmail(address);
  const visitors = [...new Set(byAddress.map((stored) => fields(stored).visitorId))];
  const ofItsVisitors = (await Promise.all(visitors.map((visitor) => source.recordsByVisitor(visitor)))).flat();
  const history = addressHistory(address, byAddress, ofItsVisitors);
  const hashes = [...new Set(history.map((stored) => fields(stored).wordingHash))];
  const texts = await Promise.all(hashes.map(async (hash) => (await source.wordingByHash(hash))?.text ?? null));
  return { history, wordings: new Map(hashes.map((hash, n) => [hash, texts[n] ?? null])) };
}

/**
 * The proof of an address, read from the store, the chain recomputed from its start.
 * @param {ProofSource} source
 * @param {string} address
 * @param {{ now: number }} clock
 */
export async function proofOf(source, address, { now }) {
  const { history, wordings } = await historyOf(source, address);
  const chain = history.length ? await verifyChain(source.chainEntries()) : null;
  return proofModel({ address, history, wordings, chain, now });
}

/**
 * Where a visitor's promotional e-mail stands (`GET /api/email-status`): that of the last address
 * it gave. Names no address.
 * @param {Pick<ProofSource, 'recordsByEmail' | 'recordsByVisitor'>} source
 * @param {string} visitorId
 * @param {number} now
 * @returns {Promise<EmailStatus>}
 */
export async function emailStatusOf(source, visitorId, now) {
  const own = await source.recordsByVisitor(visitorId);
  const address = own.map((stored) => fields(stored).email.address).filter(Boolean).pop();
  if (!address) return 'none';
  const byAddress = await source.recordsByEmail(address);
  const ofItsVisitors = (await Promise.all([...new Set(byAddress.map((stored) => fields(stored).visitorId))]
    .map((visitor) => (visitor === visitorId ? own : source.recordsByVisitor(visitor))))).flat();
  return emailStandings(addressHistory(address, byAddress, ofItsVisitors), now).status.status;
}

/**
 * @typedef {[label: string, value: string]} Fact
 * @typedef {{ heading: string, facts: Fact[], sentence: string | null }} OutlineRecord
 * @typedef {{ title: string, facts: Fact[], records: OutlineRecord[], wordings: { hash: string, text: string | null }[] }} ProofOutline
 */

/**
 * The proof as a document both renderers lay out alike: a title, the facts about the address,
 * each record as a heading with its facts and the e-mail sentence it was given, and the wordings.
 * @param {ProofModel} proof
 * @returns {ProofOutline}
 */
export function proofOutline(proof) {
  const { status, chain, entries } = proof;
  let standing = status.label;
  if (status.since) standing += ` since ${utc(status.since)}`;
  if (status.until) standing += `; to be confirmed by ${utc(status.until)}`;
  /** @type {Fact[]} */
  const facts = [
    ['Address', proof.address],
    ['Promotional e-mail', standing],
    ['Site', proof.sites.join(', ') || '—'],
    ['Records', `${entries.length}, oldest first`],
  ];
  if (chain) {
    facts.push(['Chain', chain.broken
      ? `NOT intact: it breaks at seq ${chain.broken.seq} (${chain.broken.reason}); records before it verify`
      : `verified from its first record to its head ${chain.head.seq}:${chain.head.chainHash}${chain.removals ? ` (through ${chain.removals} retention removal${chain.removals === 1 ? '' : 's'})` : ''}`]);
  }
  facts.push(['Generated', `${utc(proof.generatedAt)} by carat-consent-collector`]);
  return {
    title: `Proof of consent to promotional e-mail: ${proof.address}`,
    facts,
    records: entries.map((entry, n) => {
      /** @type {Fact[]} */
      const rows = [
        ['Method', entry.method],
        ['Consent id', entry.id],
        ['Visitor id', entry.visitorId],
        ['Chosen at', `${utc(entry.createdAt)} (the visitor's clock)`],
        ['Received at', `${utc(entry.receivedAt)} (the collector's clock)`],
        ['Promotional e-mail', `${entry.email.marketing}${entry.email.address ? ` (${entry.email.address})` : ''}`],
      ];
      if (entry.email.confirmedAt) rows.push(['Confirmed at', utc(entry.email.confirmedAt)]);
      if (entry.outcome) rows.push(['Outcome', entry.outcome]);
      rows.push(
        ['Chain position', `seq ${entry.seq}${entry.chainVerified === null ? '' : entry.chainVerified ? ': the chain verifies up to here' : ': the chain does NOT verify up to here'}`],
        ['Chain hash', entry.chainHash],
        ['Site', entry.site],
        ['Language', entry.language],
        ['Policy version', entry.policyVersion],
        ['Client network', entry.clientAddress],
        ['Wording hash', entry.wordingHash],
      );
      return { heading: `${n + 1}. ${entry.label}: ${utc(entry.receivedAt)}`, facts: rows, sentence: entry.emailSentence };
    }),
    wordings: proof.wordings,
  };
}
