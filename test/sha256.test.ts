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

describe('on a page with Prototype.js, whose Array.from ignores a map function', () => {
  it('still hashes to hex, with crypto.subtle and in plain code', async () => {
    const native = Array.from;
    // Prototype.js's $A, which it puts in place of Array.from (old Magento 1 shops load it).
    Array.from = function $A(iterable: ArrayLike<unknown>) {
      const copy = new Array(iterable.length || 0);
      for (let i = copy.length; i--; ) copy[i] = iterable[i];
      return copy;
    } as typeof Array.from;
    try {
      // Loaded anew under $A: the plain code builds its table when it loads.
      const fresh = '../src/sha256.ts?prototype';
      const plain = (await import(fresh)) as typeof import('../src/sha256.js');
      const { sha256: hashText } = await import('../src/policy-text.js');
      // echo -n abc | sha256sum
      const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
      expect(await hashText('abc')).to.equal(`sha256:${abc}`);
      let plainHex = '';
      for (const byte of plain.sha256(new TextEncoder().encode('abc'))) plainHex += byte.toString(16).padStart(2, '0');
      expect(plainHex).to.equal(abc);
    } finally {
      Array.from = native;
    }
  });
});

describe('randomId', () => {
  it('makes distinct version 4 UUIDs from crypto.getRandomValues', () => {
    const ids = Array.from({ length: 200 }, randomId);
    for (const id of ids) expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).to.equal(ids.length);
  });
});
