/**
 * @typedef {import('./db.js').StoredRecord} StoredRecord
 * @typedef {{ id: string, visitorId: string, createdAt: string, expiresAt: string, policyVersion: string,
 *   site: string, method: string, categories: Record<string, boolean>,
 *   email: { marketing: string, address?: string }, gpc: boolean, language: string, wordingHash: string }} ConsentRecord
 */

/** Column names of the audit export, in order. */
export const CSV_HEADER = [
  'seq', 'id', 'visitorId', 'createdAt', 'receivedAt', 'expiresAt', 'policyVersion', 'site', 'method',
  'necessary', 'analytics', 'marketing', 'preferences', 'emailMarketing', 'emailAddress', 'gpc',
  'language', 'wordingHash', 'clientAddress', 'chainHash',
];

/**
 * One CSV field (RFC 4180). A leading =, +, -, tab, CR or at sign would make a spreadsheet run
 * the cell as a formula (CSV injection), so such values are prefixed with an apostrophe.
 * @param {string | boolean} value
 */
export function csvField(value) {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** @param {(string | boolean)[]} fields */
export function csvLine(fields) {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** @param {StoredRecord} stored */
export function recordLine({ seq, chainHash, record, receivedAt, clientAddress }) {
  const r = /** @type {ConsentRecord} */ (record);
  return csvLine([
    String(seq), r.id, r.visitorId, r.createdAt, receivedAt, r.expiresAt, r.policyVersion, r.site, r.method,
    r.categories.necessary, r.categories.analytics, r.categories.marketing, r.categories.preferences,
    r.email.marketing, r.email.address ?? '', r.gpc, r.language,
    r.wordingHash, clientAddress, chainHash,
  ]);
}
