/** Files that are not pages: never queued. */
const notPages = /\.(?:pdf|zip|gz|jpe?g|png|gif|webp|avif|svg|ico|css|js|mjs|json|xml|txt|mp4|webm|mp3|woff2?)$/i;

/** `href` as a page URL on `origin` (no fragment), or null when it leaves the shop or is not a page. */
export function samePage(href: string, base: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.origin !== origin || notPages.test(url.pathname)) return null;
  url.hash = '';
  return url.href;
}

/** Whether `url` is on `origin`. */
function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** The `<loc>` URLs of a sitemap or sitemap index. */
export function sitemapLocations(xml: string): string[] {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return [...xml.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/gi)].map((m) =>
    (m[1] ?? '').replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => entities[e] ?? ''),
  );
}

/** Pages listed in `ORIGIN/sitemap.xml` (one level of sitemap index followed); none when absent. */
export async function sitemapPages(origin: string, fetchText: (url: string) => Promise<string | null>): Promise<string[]> {
  const pages: string[] = [];
  const top = await fetchText(`${origin}/sitemap.xml`);
  if (!top) return pages;
  const nested = /<sitemapindex/i.test(top) ? sitemapLocations(top) : [];
  const xmls = nested.length ? await Promise.all(nested.filter((u) => sameOrigin(u, origin)).map(fetchText)) : [top];
  for (const xml of xmls) {
    for (const loc of sitemapLocations(xml ?? '')) {
      const page = samePage(loc, origin, origin);
      if (page) pages.push(page);
    }
  }
  return pages;
}

/** The pages to visit, in the order found, each once, at most `limit`. */
export class CrawlQueue {
  readonly #seen = new Map<string, number>();
  readonly #waiting: string[] = [];
  #taken = 0;

  constructor(readonly limit: number) {}

  /** Adds pages not seen before; those over the limit are dropped. */
  add(pages: Iterable<string>): void {
    for (const page of pages) {
      if (this.#seen.size >= this.limit) return;
      if (this.#seen.has(page)) continue;
      this.#seen.set(page, this.#seen.size);
      this.#waiting.push(page);
    }
  }

  /** The next page to visit, or undefined when none is waiting now. */
  next(): string | undefined {
    const page = this.#waiting.shift();
    if (page) this.#taken++;
    return page;
  }

  /** How many pages will be visited as far as is known now. */
  get planned(): number {
    return this.#seen.size;
  }

  /** Where a page stands in the order found, so reports list pages the same way on every run. */
  position(page: string): number {
    return this.#seen.get(page) ?? Infinity;
  }

  get taken(): number {
    return this.#taken;
  }
}
