/**
 * @typedef {import('./db.js').StoredRecord} StoredRecord
 * @typedef {{ id: string, visitorId: string, createdAt: string, expiresAt: string, policyVersion: string,
 *   site: string, method: string, categories: Record<string, boolean>, services?: Record<string, boolean>,
 *   email: { marketing: string, address?: string }, gpc: boolean, language: string, wordingHash: string }} ConsentRecord
 */

/** Column names of the audit export, in order. */
export const CSV_HEADER = [
  'seq', 'id', 'visitorId', 'createdAt', 'receivedAt', 'expiresAt', 'policyVersion', 'site', 'method',
  'necessary', 'analytics', 'marketing', 'preferences', 'otherCategories', 'services', 'emailMarketing', 'emailAddress', 'gpc',
  'language', 'wordingHash', 'clientAddress', 'chainHash',
];

/**
 * Where a spreadsheet may begin a cell inside a value: at its start, and after any separator it
 * might be read with (`,`, or `;` in German and other locales, or a tab) or a line break — quotes
 * only protect a value from the separator they were written for. A cell beginning (after spaces or
 * quotes) with an equals, plus, minus or at sign, a tab, a CR or a NUL runs as a formula (CSV
 * injection). The separator is looked behind, not matched: a tab or CR that is itself marked
 * also begins a cell after it (`\t=1` must become `'\t'=1`).
 */
const FORMULA_START = /(?<=^|[,;\t\r\n])(?=[ "]*[=+\-@\t\r\0])/g;

/**
 * One CSV field (RFC 4180, quoted also when it holds `;` or a tab, for spreadsheets that read with
 * those). An apostrophe is written wherever a cell could begin with a formula, whatever the
 * separator: spreadsheets show it as text and hide the apostrophe.
 * @param {string | boolean} value
 */
export function csvField(value) {
  const text = String(value).replace(FORMULA_START, "'");
  return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** @param {(string | boolean)[]} fields */
export function csvLine(fields) {
  return `${fields.map(csvField).join(',')}\r\n`;
}

const BUILT_IN = ['necessary', 'analytics', 'marketing', 'preferences'];

/**
 * Choices by id in one cell, space-separated (no separator of any locale's CSV): `social=true youtube=false`.
 * @param {Record<string, boolean>} choices
 */
const choiceList = (choices) => Object.entries(choices).map(([id, on]) => `${id}=${on}`).join(' ');

/** @param {StoredRecord} stored */
export function recordLine({ seq, chainHash, record, receivedAt, clientAddress }) {
  const r = /** @type {ConsentRecord} */ (record);
  return csvLine([
    String(seq), r.id, r.visitorId, r.createdAt, receivedAt, r.expiresAt, r.policyVersion, r.site, r.method,
    r.categories.necessary, r.categories.analytics, r.categories.marketing, r.categories.preferences,
    choiceList(Object.fromEntries(Object.entries(r.categories).filter(([id]) => !BUILT_IN.includes(id)))),
    choiceList(r.services ?? {}),
    r.email.marketing, r.email.address ?? '', r.gpc, r.language,
    r.wordingHash, clientAddress, chainHash,
  ]);
}
