import { aboutName, aboutRequest, classify, type ServicesEntry, type Undeclared, type Violation } from './classify.js';
import type { BannerFinding, PageFailure, PageScan, PhaseName, SeenCookie, SeenRequest, SeenStorageKey } from './types.js';

type Described<T> = T & { service?: string; category?: string };

/** The report SPEC §8 describes: what `--json` prints, and what the summary and HTML show. */
export interface ScanReport {
  url: string;
  /** The pages scanned, in the order they were visited. */
  pages: string[];
  /** The consent tool on the start page (else the first page that has one). */
  banner: BannerFinding;
  phases: Record<PhaseName, { cookies: Described<SeenCookie>[]; storage: Described<SeenStorageKey>[]; requests: Described<SeenRequest>[] }>;
  violations: Violation[];
  undeclared: Undeclared[];
  services: ServicesEntry[];
  /** Pages found but not scanned, each with the reason. */
  notScanned: PageFailure[];
  /** Wall-clock seconds for the whole scan. */
  seconds: number;
}

/** Puts the pages' findings together into one report. */
export function buildReport(url: string, scans: readonly PageScan[], failures: readonly PageFailure[], seconds: number): ScanReport {
  const banner = scans.find((scan) => scan.banner.found)?.banner ?? scans[0]?.banner ?? { found: false, cmp: null };
  const phase = (name: PhaseName) => ({
    cookies: scans.flatMap((scan) => scan.phases[name].cookies.map((cookie) => ({ ...cookie, ...aboutName(cookie.name) }))),
    storage: scans.flatMap((scan) => scan.phases[name].storage.map((key) => ({ ...key, ...aboutName(key.name) }))),
    requests: scans.flatMap((scan) => scan.phases[name].requests.map((request) => ({ ...request, ...aboutRequest(request, scan.consentToolOrigins) }))),
  });
  const { violations, undeclared, services } = classify(scans);
  return {
    url,
    pages: scans.map((scan) => scan.page),
    banner,
    phases: { before: phase('before'), afterReject: phase('afterReject'), afterAccept: phase('afterAccept') },
    violations,
    undeclared,
    services,
    notScanned: [...failures],
    seconds: Math.round(seconds * 10) / 10,
  };
}
