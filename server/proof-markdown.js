import { proofOutline } from './proof.js';

/**
 * The proof of an address as Markdown (`carat-consent-collector proof --email ADDRESS`). Every
 * value is escaped: an address or a wording cannot add markup, links or HTML to the file.
 */

/**
 * Text in a heading, a paragraph or a table cell, on one line, with every character escaped that
 * could start markup there (emphasis, code, links and images, HTML, entities, table cells) or
 * make a link of itself (`https://…`, `www.…`, an address).
 * @param {string} text
 */
const inline = (text) => text
  .replace(/[\\`*_[\]<>|~&#@]/g, '\\$&')
  .replace(/:\/\//g, '\\://')
  .replace(/(www)\./gi, '$1\\.')
  .replace(/\s*\n\s*/g, ' ');

/** A fenced block longer than any run of backticks in `text`, so the text cannot end it. @param {string} text */
function fenced(text) {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map(([run]) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** @param {import('./proof.js').ProofModel} proof */
export function proofMarkdown(proof) {
  const outline = proofOutline(proof);
  const table = (/** @type {import('./proof.js').Fact[]} */ facts) =>
    ['| | |', '|---|---|', ...facts.map(([label, value]) => `| ${inline(label)} | ${inline(value)} |`)].join('\n');
  const parts = [`# ${inline(outline.title)}`, table(outline.facts)];
  for (const record of outline.records) {
    parts.push(`## ${inline(record.heading)}`, table(record.facts));
    parts.push(record.sentence === null
      ? 'The collector never received the wording with this hash, so only its hash is on record.'
      : `The e-mail sentence of the wording it was given:\n\n> ${inline(record.sentence)}`);
  }
  if (outline.wordings.length) {
    parts.push('## The wordings, in full');
    for (const { hash, text } of outline.wordings) {
      parts.push(`### ${inline(hash)}`, text === null ? 'Not in the wording archive.' : fenced(text));
    }
  }
  return `${parts.join('\n\n')}\n`;
}
