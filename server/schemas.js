/**
 * JSON schemas of what the collector accepts. The record schema mirrors `ConsentRecord` in
 * src/types.ts field for field: a change there is a change here.
 */

const uuid = { type: 'string', format: 'uuid', maxLength: 36 };
const timestamp = { type: 'string', format: 'date-time', maxLength: 40 };
const sha256 = { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' };
/** Category and service ids share one pattern and one namespace (SPEC §7). */
const ID = '^[a-z][a-z0-9-]{0,63}$';

/** A consent record as the widget posts it (SPEC §3). */
export const consentRecordSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id', 'visitorId', 'createdAt', 'expiresAt', 'policyVersion', 'site',
    'method', 'categories', 'email', 'gpc', 'language', 'wordingHash',
  ],
  properties: {
    id: uuid,
    visitorId: uuid,
    createdAt: timestamp,
    expiresAt: timestamp,
    // Usually a sha256 of the policy, but site owners may set their own label ("2026-01"), and it is
    // empty when the policy could not be fetched: the choice is still worth keeping as proof.
    policyVersion: { type: 'string', maxLength: 200 },
    site: { type: 'string', format: 'uri', maxLength: 2048 },
    // `confirm` only from the collector itself (record-checks.js refuses it in a post).
    method: { enum: ['accept-all', 'reject-all', 'custom', 'withdraw', 'gpc', 'confirm'] },
    categories: {
      type: 'object',
      // The built-in four, and the shop's own categories.
      additionalProperties: { type: 'boolean' },
      propertyNames: { pattern: ID },
      maxProperties: 64,
      required: ['necessary', 'analytics', 'marketing', 'preferences'],
      properties: {
        // Necessary cookies cannot be refused, so a record saying otherwise is malformed.
        necessary: { const: true },
        analytics: { type: 'boolean' },
        marketing: { type: 'boolean' },
        preferences: { type: 'boolean' },
      },
    },
    // Only when the shop configures services: granted or refused, per service id.
    services: {
      type: 'object',
      additionalProperties: { type: 'boolean' },
      propertyNames: { pattern: ID },
      maxProperties: 200,
    },
    email: {
      type: 'object',
      additionalProperties: false,
      required: ['marketing'],
      properties: {
        marketing: { enum: ['granted', 'denied', 'unset'] },
        address: { type: 'string', format: 'email', maxLength: 254 },
        confirmedAt: timestamp,
      },
    },
    gpc: { type: 'boolean' },
    language: { type: 'string', pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$', maxLength: 35 },
    wordingHash: sha256,
  },
};

/** The exact wording a visitor was shown, sent once per hash (SPEC §6). */
export const wordingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['hash', 'text'],
  properties: {
    hash: sha256,
    text: { type: 'string', minLength: 1 },
  },
};
