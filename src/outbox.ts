import { report } from './report.js';
import type { ConsentStorage } from './storage.js';
import type { ConsentRecord } from './types.js';

/** Wording hash → its text while still to be sent, or `true` once the collector took (or refused) it. */
export type WordingLedger = Record<string, string | true>;

const HISTORY_LIMIT = 50;

/**
 * Keeps a new record on this device: in the history, and (when there is an endpoint) in the
 * outbox with its wording, to be delivered. It is written before any attempt to send, so a
 * closed tab or a dead network loses nothing.
 */
export async function keepRecord(storage: ConsentStorage, record: ConsentRecord, wording: string, deliver: boolean): Promise<void> {
  try {
    await storage.update<ConsentRecord[]>('history', (list = []) => [...list, record].slice(-HISTORY_LIMIT));
    if (!deliver) return;
    await storage.update<ConsentRecord[]>('outbox', (list = []) => [...list, record]);
    await storage.update<WordingLedger>('wordings', (old = {}) =>
      record.wordingHash in old ? old : { ...old, [record.wordingHash]: wording });
  } catch (error) {
    report(`consent record ${record.id} could not be queued`, error);
  }
}

/** Whether an earlier page left a record or a wording undelivered. */
export async function hasUndelivered(storage: ConsentStorage): Promise<boolean> {
  const [outbox, wordings] = await Promise.all([
    storage.get<ConsentRecord[]>('outbox'),
    storage.get<WordingLedger>('wordings'),
  ]);
  return !!outbox?.length || Object.values(wordings ?? {}).some((text) => text !== true);
}
