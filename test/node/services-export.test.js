// The scanner and other Node tools import the registry through the package's own export.
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('carat-consent/services loads in Node, without a DOM, from the built package', async () => {
  const { SERVICES, serviceForCookie, serviceForUrl } = await import('carat-consent/services');
  assert.ok(SERVICES.length >= 25);
  assert.equal(typeof globalThis.document, 'undefined');
  assert.equal(serviceForCookie('_ga_X1')?.id, 'google-analytics');
  assert.equal(serviceForUrl('https://analytics.tiktok.com/api/v2/pixel')?.id, 'tiktok-pixel');
});
