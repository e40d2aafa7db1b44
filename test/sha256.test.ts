import { expect } from '@open-wc/testing';
import { sha256 } from '../src/sha256.js';
import { randomId } from '../src/record.js';

const hex = (bytes: ArrayBuffer | Uint8Array) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

describe('the SHA-256 for pages without crypto.subtle', () => {
  it("agrees with the browser's own at every length around the block boundaries", async () => {
    for (const length of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 70000]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 31 + length) & 255);
      expect(hex(sha256(bytes)), `${length} bytes`).to.equal(hex(await crypto.subtle.digest('SHA-256', bytes)));
    }
  });

  it('hashes UTF-8 text as the collector does', () => {
    // echo -n 'Ihre Privatsphäre' | sha256sum
    expect(hex(sha256(new TextEncoder().encode('Ihre Privatsphäre')))).to.equal(
      'cce23d9252b97b4a46debbb2134db0b2eb60166e5864c1d9456e297a0de88d02',
    );
  });
});

describe('randomId', () => {
  it('makes distinct version 4 UUIDs from crypto.getRandomValues', () => {
    const ids = Array.from({ length: 200 }, randomId);
    for (const id of ids) expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).to.equal(ids.length);
  });
});
