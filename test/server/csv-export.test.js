import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, tempDir, makeRecord, post } from './collector.js';

const TOKEN = 'csv-test-token';

/**
 * Splits CSV the way a spreadsheet does when it reads it with `delimiter`: quotes count only at
 * the start of a cell, and a line break outside quotes starts a new row.
 * @param {string} text @param {string} delimiter
 */
function cellsOf(text, delimiter) {
  const cells = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (; i < text.length; i++) {
        if (text[i] === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (text[i] === '"') { i++; break; } else cell += text[i];
      }
    }
    for (; i < text.length && text[i] !== delimiter && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n'); i++) cell += text[i];
    cells.push(cell);
    i += text[i] === '\r' ? 2 : 1;
  }
  return cells;
}

/** What makes Excel, LibreOffice or Google Sheets read a cell as a formula. */
const FORMULA = /^[=+\-@\t\r\0]/;

describe('the CSV export in a spreadsheet', () => {
  const temp = tempDir();
  /** @type {Awaited<ReturnType<typeof startCollector>>} */
  let collector;
  const hostile = [
    "x;=cmd|' /C calc'!A0;y",
    'x\t=1+1\ty',
    '\u0000=1+1',
    '=1+1',
    'x;"=1+1";y',
    'x; =1+1',
    'x,=1+1',
    'x\n=1+1',
    'x\r\n-1+1',
    'x;+1;@SUM(A1)',
    '\t=1',
    '\r=1',
    '\t\t=1',
  ];
  const records = [
    ...hostile.map((policyVersion) => makeRecord({ policyVersion })),
    makeRecord({ site: 'https://a.example/;=1+1,x', email: { marketing: 'granted', address: '=1+1@a.example' } }),
  ];

  before(async () => {
    collector = await startCollector({ CONSENT_DB: temp.db, CONSENT_ADMIN_TOKEN: TOKEN });
    for (const record of records) assert.equal((await post(`${collector.url}/api/consent`, record)).status, 201, JSON.stringify(record.policyVersion));
  });
  after(async () => {
    await collector.stop();
    temp.remove();
  });

  for (const [name, delimiter] of [['a comma', ','], ['a semicolon', ';'], ['a tab', '\t']]) {
    it(`has no cell that starts a formula when read with ${name}`, async () => {
      const response = await fetch(`${collector.url}/api/consent/export.csv`, { headers: { authorization: `Bearer ${TOKEN}` } });
      const text = await response.text();
      const formulas = cellsOf(text, /** @type {string} */ (delimiter)).filter((cell) => FORMULA.test(cell));
      assert.deepEqual(formulas, []);
    });
  }

  it('keeps each value readable: only an apostrophe marks where a formula would start', async () => {
    const response = await fetch(`${collector.url}/api/consent/export.csv`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const cells = cellsOf(await response.text(), ',');
    assert.ok(cells.includes("x;'=cmd|' /C calc'!A0;y"));
    assert.ok(cells.includes("'=1+1"));
    assert.ok(cells.includes("'=1+1@a.example"));
    assert.ok(cells.includes("'\t'\t'=1"), 'each leading tab may end a cell, so each is marked');
  });
});
