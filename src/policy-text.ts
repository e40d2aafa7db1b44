import { report } from './report.js';
import { sha256 as plainSha256 } from './sha256.js';
import type { ConsentOptions } from './types.js';

/**
 * Reading the policy and hashing text (the policy version, the wording hash): needed once the
 * banner shows or the choice is applied, never before, so the embed fetches this file then.
 */

/** `sha256:` and the hex SHA-256 of the UTF-8 text; in plain code where the page has no `crypto.subtle` (plain http). */
export async function sha256(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const digest = crypto.subtle ? await crypto.subtle.digest('SHA-256', bytes) : plainSha256(bytes);
  // A loop, not `Array.from`: Prototype.js (old Magento shops) replaces that with one that ignores
  // its map function, which would turn the hash into decimals the collector refuses.
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return 'sha256:' + hex;
}

/**
 * The policy text, from the `<template>` the `policy` option names or fetched from `policy-url`;
 * null, reported, when there is none to read.
 */
export async function readPolicy(options: ConsentOptions, doc: Document): Promise<string | null> {
  if (options.policy) {
    const template = doc.querySelector(options.policy);
    if (template instanceof HTMLTemplateElement) return template.content.textContent ?? '';
    report(`option "policy" names ${JSON.stringify(options.policy)}, which is not a <template> in the page`);
    return null;
  }
  if (!options.policyUrl) return null;
  try {
    const response = await fetch(options.policyUrl);
    if (!response.ok) throw `HTTP ${response.status}`;
    return await response.text();
  } catch (error) {
    report(`option "policy-url" ${JSON.stringify(options.policyUrl)} could not be fetched`, error);
  }
  return null;
}
