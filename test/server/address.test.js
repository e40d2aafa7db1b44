import { it } from 'node:test';
import assert from 'node:assert/strict';
import { truncateAddress } from '../../server/address.js';

it('keeps the IPv4 /24 and the IPv6 /48 network, never the host', () => {
  const cases = {
    '203.0.113.77': '203.0.113.0/24',
    '::ffff:198.51.100.9': '198.51.100.0/24',
    '2001:db8:abcd:12::1': '2001:db8:abcd::/48',
    '2001:0db8:0000:ff00:0042:8329:1:2': '2001:db8:0::/48',
    '2001:db8::7': '2001:db8:0::/48',
    '::1': '0:0:0::/48',
    'fe80::1%eth0': 'fe80:0:0::/48',
    'not an address': 'unknown',
  };
  for (const [ip, kept] of Object.entries(cases)) assert.equal(truncateAddress(ip), kept, ip);
});
