import type { StoredRecord } from './api.js';

/** What a proof search names: an e-mail address, or a UUID that is a consent or visitor id. */
export type ProofQuery = { kind: 'email'; value: string } | { kind: 'id'; value: string } | { kind: 'invalid'; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the search box. */
export function proofQuery(input: string): ProofQuery {
  const value = input.trim();
  if (!value) return { kind: 'invalid', message: 'Enter an e-mail address, a visitor id or a consent id.' };
  if (value.includes('@')) {
    return /^[^\s@]+@[^\s@]+$/.test(value)
      ? { kind: 'email', value }
      : { kind: 'invalid', message: `"${value}" is not an e-mail address.` };
  }
  if (UUID.test(value)) return { kind: 'id', value: value.toLowerCase() };
  return {
    kind: 'invalid',
    message: `"${value}" is neither an e-mail address nor an id: visitor and consent ids look like 9b2f0c1e-…-…, 36 characters.`,
  };
}

/** The wording hashes of a history, each once, to fetch from the archive. */
export function wordingHashes(records: StoredRecord[]): string[] {
  return [...new Set(records.map((r) => r.record.wordingHash))];
}

/** The sites a history was given on, for the exhibit's heading. */
export function sitesOf(records: StoredRecord[]): string[] {
  return [...new Set(records.map((r) => r.record.site))];
}

/** The categories or services of a record split into those granted and those refused. */
export function split(choices: Record<string, boolean> | undefined): { granted: string[]; refused: string[] } {
  const entries = Object.entries(choices ?? {});
  return { granted: entries.filter(([, on]) => on).map(([k]) => k), refused: entries.filter(([, on]) => !on).map(([k]) => k) };
}
