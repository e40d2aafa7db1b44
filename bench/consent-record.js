import { randomUUID } from 'node:crypto';

const DAY = 86_400_000;
const policyVersion = `sha256:${'ab12'.repeat(16)}`;
const wordingHash = `sha256:${'cd34'.repeat(16)}`;

/**
 * A valid consent record (SPEC §3) with a fresh `id` and visitor, as the widget posts after
 * "Accept all"; fresh ids make every request a real insert rather than a duplicate.
 * @returns {string} the JSON body
 */
export function consentRecordBody() {
  const now = Date.now();
  return JSON.stringify({
    id: randomUUID(),
    visitorId: randomUUID(),
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 180 * DAY).toISOString(),
    policyVersion,
    site: 'https://bench.example',
    method: 'accept-all',
    categories: { necessary: true, analytics: true, marketing: false, preferences: false },
    email: { marketing: 'unset' },
    gpc: false,
    language: 'en',
    wordingHash,
  });
}
