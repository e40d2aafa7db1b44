import type { ScanReport } from './report.js';
import type { ScreenshotsByPage } from './scan.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const phaseTitles = { before: 'Before any choice', afterReject: 'After “Reject all”', afterAccept: 'After “Accept all”' } as const;

function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p>None.</p>';
  const head = headers.map((h) => `<th scope="col">${escape(h)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A self-contained HTML report: the findings, and each page's screenshots in its three phases. */
export function htmlReport(report: ScanReport, screenshots: ScreenshotsByPage): string {
  const phases = (Object.keys(phaseTitles) as Array<keyof typeof phaseTitles>)
    .map((phase) => {
      const seen = report.phases[phase];
      return `<h3>${phaseTitles[phase]}</h3>
${table(['Cookie', 'Domain', 'Expires', 'Party', 'Service', 'Page'], seen.cookies.map((c) => [c.name, c.domain, c.expires, c.party, c.service ?? '', c.page]))}
${table(['Storage key', 'Area', 'Service', 'Page'], seen.storage.map((s) => [s.name, s.area, s.service ?? '', s.page]))}
${table(['Other host', 'First URL', 'Service', 'Page'], seen.requests.map((r) => [r.host, r.url, r.service ?? '', r.page]))}`;
    })
    .join('\n');
  const pages = report.pages
    .map((page) => {
      const shots = screenshots.get(page) ?? {};
      const figures = (Object.keys(phaseTitles) as Array<keyof typeof phaseTitles>)
        .map((phase) => {
          const shot = shots[phase];
          return shot
            ? `<figure><img src="data:image/jpeg;base64,${shot.toString('base64')}" alt="${escape(`${page}, ${phaseTitles[phase]}`)}" width="400"><figcaption>${phaseTitles[phase]}</figcaption></figure>`
            : '';
        })
        .join('');
      return `<section><h3><a href="${escape(page)}">${escape(page)}</a></h3><div class="shots">${figures}</div></section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Consent scan of ${escape(report.url)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 80rem; padding: 0 1rem; color: #1d1d1f; }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; font-size: 14px; }
th, td { border-bottom: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; word-break: break-all; }
.bad { color: #a40000; } .good { color: #0a6b2d; }
.shots { display: flex; gap: 1rem; flex-wrap: wrap; } figure { margin: 0; } img { border: 1px solid #ccc; max-width: 100%; height: auto; }
pre { background: #f4f4f4; padding: 1rem; overflow-x: auto; }
</style></head><body>
<h1>Consent scan of <a href="${escape(report.url)}">${escape(report.url)}</a></h1>
<p>${report.pages.length} page(s) scanned in ${report.seconds} s. Consent banner: <strong>${escape(report.banner.found ? (report.banner.cmp ?? '') : 'none found')}</strong>.</p>
<h2 class="${report.violations.length ? 'bad' : 'good'}">${report.violations.length} violation(s)</h2>
${table(['Rule', 'Cookie or host', 'Service', 'Category', 'Page'], report.violations.map((v) => [v.rule, v.name ?? v.host ?? '', v.service ?? '', v.category ?? '', v.page]))}
<h2>Not declared in the carat-consent config</h2>
${table(['Kind', 'Name or host', 'Service', 'First seen on'], report.undeclared.map((u) => [u.kind, u.name ?? u.host ?? '', u.service ?? '', u.page]))}
<h2>Services block to paste into the JSON config</h2>
<pre>"services": ${escape(JSON.stringify(report.services, null, 2))}</pre>
${report.notScanned.length ? `<h2>Not scanned</h2>${table(['Page', 'Reason'], report.notScanned.map((f) => [f.page, f.reason]))}` : ''}
<h2>Pages</h2>
${pages}
<h2>Everything seen</h2>
${phases}
</body></html>
`;
}
