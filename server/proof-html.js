import { createHash } from 'node:crypto';
import { proofOutline } from './proof.js';

/**
 * The proof of an address as a self-contained HTML page ready to print on A4
 * (`proof --email ADDRESS --html`, and the console's print link). Every value is escaped: an
 * address or a wording cannot add markup or scripts to the page.
 */

/** @param {string} text */
const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
  @page { size: A4; margin: 18mm 16mm; }
  body { font: 11pt/1.45 system-ui, sans-serif; color: #111; max-width: 48rem; margin: 1.5rem auto; padding: 0 1rem; }
  h1 { font-size: 1.35rem; overflow-wrap: anywhere; }
  h2 { font-size: 1.1rem; margin-top: 1.75rem; }
  h3 { font-size: 0.95rem; overflow-wrap: anywhere; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: start; vertical-align: top; padding: 0.2rem 0.6rem 0.2rem 0; border-bottom: 1px solid #ccc; }
  th { font-weight: 600; white-space: nowrap; width: 11rem; }
  td { overflow-wrap: anywhere; }
  section { break-inside: avoid; }
  blockquote { margin: 0.75rem 0; padding: 0.5rem 0.75rem; border-inline-start: 4px solid #555; background: #f3f3f3; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f3f3f3; padding: 0.75rem; font: inherit; }
`;

/** The page's Content-Security-Policy when the collector serves it: its own style, nothing else. */
export const PROOF_PAGE_POLICY = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** @param {import('./proof.js').ProofModel} proof */
export function proofHtml(proof) {
  const outline = proofOutline(proof);
  const table = (/** @type {import('./proof.js').Fact[]} */ facts) =>
    `<table>${facts.map(([label, value]) => `<tr><th scope="row">${escape(label)}</th><td>${escape(value)}</td></tr>`).join('')}</table>`;
  const records = outline.records.map((record) => `<section><h2>${escape(record.heading)}</h2>${table(record.facts)}${
    record.sentence === null
      ? '<p>The collector never received the wording with this hash, so only its hash is on record.</p>'
      : `<p>The e-mail sentence of the wording it was given:</p><blockquote>${escape(record.sentence)}</blockquote>`
  }</section>`);
  const wordings = outline.wordings.length
    ? `<h2>The wordings, in full</h2>${outline.wordings.map(({ hash, text }) =>
      `<section><h3>${escape(hash)}</h3>${text === null ? '<p>Not in the wording archive.</p>' : `<pre>${escape(text)}</pre>`}</section>`).join('')}`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(outline.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escape(outline.title)}</h1>
${table(outline.facts)}
${records.join('\n')}
${wordings}
</body>
</html>
`;
}
