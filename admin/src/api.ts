/** The collector's admin routes as the console calls them: same origin, the session cookie along. */

/** A day's counters from `GET /api/stats` (SPEC §9). */
export interface StatsDay {
  date: string;
  total: number;
  methods: Record<string, number>;
  categories: Record<string, { granted: number; denied: number }>;
  services: Record<string, { granted: number; denied: number }>;
  gpc: number;
}

/** The answer of `GET /api/stats`. */
export interface Stats {
  from: string;
  to: string;
  total: number;
  days: StatsDay[];
  languages: Record<string, number>;
  policyVersions: Record<string, number>;
}

/** A record as the collector keeps it: what the browser sent, and what the collector added. */
export interface StoredRecord {
  receivedAt: string;
  clientAddress: string;
  seq?: number;
  chainHash?: string;
  record: ConsentRecordView;
}

/** The fields of a consent record the console shows (SPEC §3). */
export interface ConsentRecordView {
  id: string;
  visitorId: string;
  createdAt: string;
  expiresAt: string;
  policyVersion: string;
  site: string;
  method: string;
  categories: Record<string, boolean>;
  services?: Record<string, boolean>;
  email: { marketing: string; address?: string; confirmedAt?: string };
  gpc: boolean;
  language: string;
  wordingHash: string;
}

/** A refusal by the collector, with the message it gave; `status` 401 means "sign in again". */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function failure(response: Response): Promise<ApiError> {
  let message = `the collector answered ${response.status}`;
  try {
    const body = (await response.json()) as { error?: string };
    if (body.error) message = body.error;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return new ApiError(response.status, message);
}

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** Exchanges the admin token for the session cookie. */
export async function signIn(token: string): Promise<void> {
  await json('/api/admin/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
}

/** Ends the session here and on the collector. */
export async function signOut(): Promise<void> {
  await fetch('/api/admin/session', { method: 'DELETE', credentials: 'same-origin' });
}

/** Whether the browser holds a live session. */
export async function signedIn(): Promise<boolean> {
  const response = await fetch('/api/admin/session', { credentials: 'same-origin' });
  return response.ok;
}

export function stats(from: string, to: string): Promise<Stats> {
  return json(`/api/stats?${new URLSearchParams({ from, to })}`);
}

/** One record of an address's proof, as the collector's proof model gives it (server/proof.js). */
export interface ProofEntry {
  id: string;
  seq: number;
  chainVerified: boolean | null;
  label: string;
  outcome: string;
  emailSentence: string | null;
}

/** The proof of an address (SPEC §12): where it stands and what each record means for it. */
export interface AddressProof {
  status: { status: string; label: string; since: string | null; until: string | null };
  entries: ProofEntry[];
  chain: { head: { seq: number; chainHash: string }; broken: { seq: number; reason: string } | null } | null;
}

/** An address's history, oldest first, and its proof built by the collector. */
export async function proofByEmail(email: string): Promise<{ records: StoredRecord[]; proof: AddressProof }> {
  return json(`/api/consent?${new URLSearchParams({ email })}`);
}

/** The collector's printable page of an address's proof. */
export const proofPageUrl = (email: string): string => `/api/consent/proof.html?${new URLSearchParams({ email })}`;

export async function recordsByVisitor(visitorId: string): Promise<StoredRecord[]> {
  return (await json<{ records: StoredRecord[] }>(`/api/consent?${new URLSearchParams({ visitorId })}`)).records;
}

/** The record with this consent id, or null when there is none. */
export async function recordById(id: string): Promise<StoredRecord | null> {
  try {
    return await json<StoredRecord>(`/api/consent/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** The archived wording for a hash, or null when the collector never received it. */
export async function wording(hash: string): Promise<string | null> {
  try {
    return (await json<{ text: string }>(`/api/wording/${encodeURIComponent(hash)}`)).text;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/**
 * Streams the CSV export of a range, calling `onRecords` with the number of records read so far,
 * and returns the whole file.
 */
export async function exportCsv(from: string, to: string, onRecords: (count: number) => void): Promise<Blob> {
  const response = await fetch(`/api/consent/export.csv?${new URLSearchParams({ from, to })}`, {
    credentials: 'same-origin',
  });
  if (!response.ok || !response.body) throw await failure(response);
  const chunks: BlobPart[] = [];
  const reader = response.body.getReader();
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    // One line end per record: near enough for a progress bar, exact unless a field holds a line break.
    for (const byte of value) if (byte === 10) lines++;
    onRecords(Math.max(0, lines - 1));
  }
  return new Blob(chunks, { type: 'text/csv' });
}
