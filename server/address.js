import { isIPv4, isIPv6 } from 'node:net';

/** Expands an IPv6 address to its eight hextets, each without leading zeros. @param {string} ip */
function hextets(ip) {
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const last = right.length ? right : left;
  // A trailing dotted quad ("::ffff:1.2.3.4") stands for two hextets.
  if (last.length && isIPv4(last[last.length - 1] ?? '')) {
    const [a, b, c, d] = /** @type {string} */ (last.pop()).split('.').map(Number);
    last.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((h) => parseInt(h, 16).toString(16));
}

/**
 * The client address as the collector may keep it: the IPv4 /24 or IPv6 /48 network, never the
 * host (data minimisation, GDPR art. 5(1)(c)). IPv4-mapped IPv6 addresses count as IPv4.
 * @param {string} ip
 * @returns {string}
 */
export function truncateAddress(ip) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const v4 = mapped ? mapped[1] : ip;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(ip)) return `${hextets(ip.split('%')[0] ?? ip).slice(0, 3).join(':')}::/48`;
  return 'unknown';
}
