/**
 * SHA-256 in plain code, for pages without a secure context (plain http), where the browser
 * leaves `crypto.subtle` out. Only such pages call it; the first call is the moment to tell the
 * site owner, once.
 */
let warned = false;

// The first 32 bits of the fractional parts of the cube roots of the first 64 primes. A loop, not
// `Array.from`: Prototype.js (old Magento shops) replaces that with one that ignores its map function.
const K: number[] = [];
for (let n = 2; K.length < 64; n++) {
  let prime = true;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
  if (prime) K.push((Math.cbrt(n) % 1) * 2 ** 32 >>> 0);
}

/** The SHA-256 digest of `bytes` (FIPS 180-4). */
export function sha256(bytes: Uint8Array): Uint8Array {
  if (!warned) {
    warned = true;
    console.warn(
      '[carat-consent] this page is not a secure context (plain http), so the browser withholds crypto.subtle; ' +
        'a built-in SHA-256 stands in. Serve the shop over HTTPS.',
    );
  }
  const length = bytes.length;
  // The message, a 1 bit, zeros, and the bit length in the last 8 bytes of a 64-byte block.
  const padded = new Uint8Array(((length + 72) >> 6) << 6);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(length / 2 ** 29));
  view.setUint32(padded.length - 4, length << 3);
  const h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  const w = new Array<number>(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 64; i++) {
      w[i] =
        i < 16
          ? view.getUint32(block + i * 4)
          : (w[i - 16]! +
              (rotr(w[i - 15]!, 7) ^ rotr(w[i - 15]!, 18) ^ (w[i - 15]! >>> 3)) +
              w[i - 7]! +
              (rotr(w[i - 2]!, 17) ^ rotr(w[i - 2]!, 19) ^ (w[i - 2]! >>> 10))) |
            0;
    }
    let [a, b, c, d, e, f, g, hh] = h as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0];
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i]! + v) | 0));
  }
  const out = new Uint8Array(32);
  h.forEach((v, i) => new DataView(out.buffer).setUint32(i * 4, v));
  return out;
}
