import { serviceName, type Undeclared } from './classify.js';
import type { ScanReport } from './report.js';

const phaseTitles = { before: 'Before any choice', afterReject: 'After "Reject all"', afterAccept: 'After "Accept all"' } as const;

/** The page's path, which is all a reader needs when every page is on one origin. */
function where(page: string, origin: string): string {
  return page.startsWith(origin) ? page.slice(origin.length) || '/' : page;
}

function whose(item: { service?: string; category?: string }): string {
  if (item.service) return ` (${serviceName(item.service)}, ${item.category})`;
  return '';
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function undeclaredLine(item: Undeclared, origin: string): string {
  const what = item.kind === 'request' ? `requests to ${item.host}` : item.kind === 'storage' ? `storage key ${item.name}` : `cookie ${item.name}`;
  return `  - ${what}${whose(item)}, first seen on ${where(item.page, origin)}`;
}

/** The summary a site owner reads in the terminal. */
export function textReport(report: ScanReport): string {
  const origin = new URL(report.url).origin;
  const lines = [
    `carat-consent-scan ${report.url}`,
    `${count(report.pages.length, 'page')} scanned in ${report.seconds} s; consent banner: ${report.banner.found ? report.banner.cmp : 'none found'}`,
    '',
  ];
  for (const [phase, title] of Object.entries(phaseTitles) as Array<[keyof typeof phaseTitles, string]>) {
    const seen = report.phases[phase];
    const names = (items: Array<{ name: string }>) => [...new Set(items.map((i) => i.name))];
    const hosts = [...new Set(seen.requests.map((r) => r.host))];
    const cookies = names(seen.cookies);
    const storage = names(seen.storage);
    lines.push(
      `${title}: ${count(cookies.length, 'cookie')}, ${count(storage.length, 'storage key')}, ${count(hosts.length, 'other host')}`,
      ...(cookies.length ? [`  cookies: ${cookies.join(', ')}`] : []),
      ...(storage.length ? [`  storage: ${storage.join(', ')}`] : []),
      ...(hosts.length ? [`  hosts: ${hosts.join(', ')}`] : []),
    );
  }
  lines.push('');
  if (report.violations.length === 0) {
    lines.push('No violations: nothing that needs consent came before it or after "Reject all".');
  } else {
    lines.push(`${count(report.violations.length, 'violation')}:`);
    for (const v of report.violations) {
      lines.push(`  ✗ ${v.rule.padEnd(22)}  ${v.name ?? v.host}${whose(v)} on ${where(v.page, origin)}`);
    }
  }
  if (report.undeclared.length) {
    lines.push('', `Not declared in the page's carat-consent config (${report.undeclared.length}):`, ...report.undeclared.map((u) => undeclaredLine(u, origin)));
  }
  if (report.services.length) {
    lines.push('', 'Ready to paste into the JSON config (<script type="application/json" id="carat-consent-config">):', `  "services": ${JSON.stringify(report.services)}`);
  }
  if (report.notScanned.length) {
    lines.push('', `Not scanned (${report.notScanned.length}):`, ...report.notScanned.map((f) => `  - ${where(f.page, origin)}: ${f.reason}`));
  }
  return `${lines.join('\n')}\n`;
}
